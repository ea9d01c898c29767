"""PDF rendering with WeasyPrint from the same HTML as the browser view."""

import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .content import Document
from .fonts import file_font_css, font_dir
from .html import build_html


class _FontDirFetcher(URLFetcher):
    """Lets WeasyPrint read the shipped fonts and nothing else (no network, no other files).

    The check is on the real path: ``..``, percent-encoded dots and symbolic links are resolved
    first, and the file read is the one that was checked.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"})
        self._directory = os.path.realpath(font_dir())

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"resource outside the font directory: {url}")
        path = os.path.realpath(url2pathname(parts.path))
        if os.path.commonpath([path, self._directory]) != self._directory:
            raise ValueError(f"resource outside the font directory: {url}")
        return super().fetch(Path(path).as_uri(), headers)


def html_to_pdf(html: str) -> bytes:
    """Any document HTML built with ``file_font_css()`` fonts, as PDF."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_FontDirFetcher())
    return document.write_pdf(font_config=FontConfiguration())


def render_pdf(doc: Document) -> bytes:
    return html_to_pdf(build_html(doc, font_css=file_font_css()))
