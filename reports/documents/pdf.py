"""PDF rendering with WeasyPrint from the same HTML as the browser view."""

from django.conf import settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .content import Document
from .fonts import file_font_css, font_dir
from .html import build_html


class _FontDirFetcher(URLFetcher):
    """Lets WeasyPrint read the shipped fonts and nothing else (no network, no other files)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"})
        self._prefix = font_dir().as_uri() + "/"

    def fetch(self, url, headers=None):
        if not url.startswith(self._prefix):
            raise ValueError(f"resource outside the font directory: {url}")
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    """Any document HTML built with ``file_font_css()`` fonts, as PDF."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_FontDirFetcher())
    return document.write_pdf(font_config=FontConfiguration())


def render_pdf(doc: Document) -> bytes:
    return html_to_pdf(build_html(doc, font_css=file_font_css()))
