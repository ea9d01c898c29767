"""HTTP responses carrying a rendered document."""

import re
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from mentoring.text import transliterate

from .content import Document
from .html import render_html
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


def document_response(doc: Document, fmt: str) -> HttpResponse:
    try:
        render, content_type, disposition = FORMATS[fmt]
    except KeyError:
        raise Http404("Неизвестный формат документа") from None
    response = HttpResponse(render(doc), content_type=content_type)
    response["Content-Disposition"] = content_disposition(disposition, doc.filename, fmt)
    # Reports carry personal data: keep them out of shared and browser caches.
    add_never_cache_headers(response)
    return response
