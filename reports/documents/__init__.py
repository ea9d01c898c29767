"""Report documents: one content model, rendered to HTML, PDF and XLSX."""

from .content import Column, Document, Facts, Paragraph, Row, Section, Table, format_cell
from .html import render_html
from .pdf import render_pdf
from .responses import document_response
from .xlsx import render_xlsx

__all__ = [
    "Column",
    "Document",
    "Facts",
    "Paragraph",
    "Row",
    "Section",
    "Table",
    "document_response",
    "format_cell",
    "render_html",
    "render_pdf",
    "render_xlsx",
]
