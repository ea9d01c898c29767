"""HTTP responses carrying a rendered document."""

import re
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from mentoring.text import transliterate

from .content import Document
from .html import render_html
from .official import OfficialDocument
from .official_docx import render_official_docx
from .official_html import render_official_html, render_official_pdf
from .pdf import render_pdf
from .xlsx import render_xlsx

FORMATS = {
    "pdf": (render_pdf, "application/pdf", "attachment"),
    "xlsx": (
        render_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "attachment",
    ),
    "html": (render_html, "text/html; charset=utf-8", "inline"),
}
OFFICIAL_FORMATS = {
    "pdf": (render_official_pdf, "application/pdf", "attachment"),
    "docx": (
        render_official_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
    ),
    "html": (render_official_html, "text/html; charset=utf-8", "inline"),
}
CONTENT_TYPES = {
    fmt: (content_type, disposition)
    for formats in (FORMATS, OFFICIAL_FORMATS)
    for fmt, (_, content_type, disposition) in formats.items()
}
FALLBACK_STEM = "document"

_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_NON_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def clean_stem(name: str) -> str:
    stem = " ".join(_UNSAFE_NAME.sub(" ", name).split()).strip(". ")
    return stem[:150] or FALLBACK_STEM


def ascii_stem(stem: str) -> str:
    ascii_name = _NON_ASCII_SAFE.sub("_", transliterate(stem)).strip("._")
    return ascii_name or FALLBACK_STEM


def content_disposition(disposition: str, filename_stem: str, extension: str) -> str:
    stem = clean_stem(filename_stem)
    fallback = f"{ascii_stem(stem)}.{extension}"
    encoded = quote(f"{stem}.{extension}", safe="")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def _unknown_format() -> Http404:
    return Http404("Неизвестный формат документа")


def file_response(data: bytes | str, fmt: str, filename_stem: str) -> HttpResponse:
    """Already rendered ``data`` in ``fmt`` (pdf, xlsx, docx, html), named ``filename_stem.fmt``."""
    try:
        content_type, disposition = CONTENT_TYPES[fmt]
    except KeyError:
        raise _unknown_format() from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(disposition, filename_stem, fmt)
    # Documents carry personal data: keep them out of shared and browser caches.
    add_never_cache_headers(response)
    return response


def document_response(doc: Document, fmt: str) -> HttpResponse:
    try:
        render = FORMATS[fmt][0]
    except KeyError:
        raise _unknown_format() from None
    return file_response(render(doc), fmt, doc.filename)


def official_response(doc: OfficialDocument, fmt: str) -> HttpResponse:
    """An official paper as PDF or DOCX (downloaded) or HTML (shown inline)."""
    try:
        render = OFFICIAL_FORMATS[fmt][0]
    except KeyError:
        raise _unknown_format() from None
    return file_response(render(doc), fmt, doc.filename)
