"""Downloads: how a file is named, and uploaded files (scans, evidence, portfolios) handed over.

Uploaded files hold personal data and have no public URL: a view checks access first, then
hands the file over with ``attachment``. Every download, rendered or stored, is named by
``document_name`` and carries its name through ``content_disposition``.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import quote

from django.http import FileResponse, Http404

from .text import transliterate

FALLBACK_STEM = "document"
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_NON_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def document_name(
    owner: str,
    kind: str,
    *,
    number: object = None,
    on: datetime.date | None = None,
    detail: str = "",
) -> str:
    """A document's file name without extension: who issued it, what it is, its number and
    date where it has them, then what tells it from its siblings:
    «МБОУ «СОШ № 1» — Приказ № 12 от 01.09.2026», «… — База наставников, 2026-2027»."""
    name = kind
    if number not in (None, ""):
        name += f" № {number}"
    if on is not None:
        name += f" от {on:%d.%m.%Y}"
    if detail:
        name += f", {detail}"
    return f"{owner} — {name}" if owner else name


def clean_stem(name: str) -> str:
    """A name safe on every file system: no path separators, quotes or control characters."""
    stem = " ".join(_UNSAFE_NAME.sub(" ", name).split()).strip(". ")
    return stem[:150] or FALLBACK_STEM


def ascii_stem(stem: str) -> str:
    ascii_name = _NON_ASCII_SAFE.sub("_", transliterate(stem)).strip("._")
    return ascii_name or FALLBACK_STEM


def content_disposition(disposition: str, filename_stem: str, extension: str) -> str:
    """The header with the name in UTF-8 (RFC 6266) and a transliterated fallback."""
    stem = clean_stem(filename_stem)
    fallback = f"{ascii_stem(stem)}.{extension}"
    encoded = quote(f"{stem}.{extension}", safe="")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def attachment(field_file, *, missing: str = "Файл не прикреплён", name: str = "") -> FileResponse:
    """The stored file as a download, named ``name`` (its stored name when not given); 404 when
    nothing is attached or the file is gone."""
    if not field_file:
        raise Http404(missing)
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as gone:
        raise Http404("Файл не найден") from gone
    stored = Path(field_file.name)
    response = FileResponse(handle, as_attachment=True, filename=stored.name)
    if name:
        extension = stored.suffix.lstrip(".") or "bin"
        response["Content-Disposition"] = content_disposition("attachment", name, extension)
    return response
