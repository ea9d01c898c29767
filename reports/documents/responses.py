"""HTTP responses carrying a rendered document."""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from mentoring.files import content_disposition

from .content import Document
from .html import render_html
from .official import OfficialDocument
from .official_docx import render_official_docx
from .official_html import render_official_html, render_official_pdf
from .pdf import render_pdf
from .xlsx import render_xlsx

# Every format a download may have: (content type, disposition). The download URLs accept these
# and no other (reports/downloads/registry.py).
CONTENT_TYPES = {
    "pdf": ("application/pdf", "attachment"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
    ),
    "html": ("text/html; charset=utf-8", "inline"),
    "json": ("application/json; charset=utf-8", "attachment"),
    "ics": ("text/calendar; charset=utf-8", "attachment"),
}
DOCUMENT_RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx, "html": render_html}
OFFICIAL_RENDERERS = {
    "pdf": render_official_pdf,
    "docx": render_official_docx,
    "html": render_official_html,
}


def _renderer(renderers: dict, fmt: str, kind: str):
    # Which formats a user may ask for is the export's declaration; a format that reaches this
    # far without a renderer is a declaration error, not a bad request.
    try:
        return renderers[fmt]
    except KeyError:
        raise ValueError(f"{kind} is not rendered to {fmt!r}") from None


def file_response(data: bytes | str, fmt: str, filename_stem: str) -> HttpResponse:
    """Already rendered ``data`` in ``fmt`` (a key of ``CONTENT_TYPES``), named
    ``filename_stem.fmt``."""
    content_type, disposition = CONTENT_TYPES[fmt]
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(disposition, filename_stem, fmt)
    # Documents carry personal data: keep them out of shared and browser caches.
    add_never_cache_headers(response)
    return response


def document_response(doc: Document, fmt: str) -> HttpResponse:
    """A report as PDF or XLSX (downloaded) or HTML (shown inline)."""
    render = _renderer(DOCUMENT_RENDERERS, fmt, "A report")
    return file_response(render(doc), fmt, doc.filename)


def official_response(doc: OfficialDocument, fmt: str) -> HttpResponse:
    """An official paper as PDF or DOCX (downloaded) or HTML (shown inline)."""
    render = _renderer(OFFICIAL_RENDERERS, fmt, "An official paper")
    return file_response(render(doc), fmt, doc.filename)
