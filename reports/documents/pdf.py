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


def render_pdf(doc: Document) -> bytes:
    html = HTML(
        string=build_html(doc, font_css=file_font_css()),
        base_url=str(settings.BASE_DIR),
        url_fetcher=_FontDirFetcher(),
    )
    return html.write_pdf(font_config=FontConfiguration())
