"""PDF rendering with WeasyPrint from the same HTML as the browser view."""

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint import CSS, HTML
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


_loaded = threading.local()


def _shipped_fonts() -> tuple[CSS, FontConfiguration]:
    """The @font-face rules of the shipped fonts with the font configuration that loaded them.

    Loading the fonts is most of the time of a short PDF, so it is done once per thread (a
    FontConfiguration is not shared between threads) and again only if the font folder changes.
    """
    directory = font_dir()
    cached = getattr(_loaded, "fonts", None)
    if cached is None or cached[0] != directory:
        config = FontConfiguration()
        stylesheet = CSS(string=file_font_css(), font_config=config, url_fetcher=_FontDirFetcher())
        cached = _loaded.fonts = (directory, stylesheet, config)
    return cached[1], cached[2]


def html_to_pdf(html: str) -> bytes:
    """Document HTML as PDF, set in the shipped fonts (the HTML carries no @font-face rules)."""
    stylesheet, config = _shipped_fonts()
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_FontDirFetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=config)


def render_pdf(doc: Document) -> bytes:
    return html_to_pdf(build_html(doc, font_css=""))
