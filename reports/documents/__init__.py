"""Report documents: one content model, rendered to HTML, PDF and XLSX; official papers to HTML,
PDF and DOCX."""

from .content import Chart, Column, Document, Facts, Paragraph, Row, Section, Table, format_cell
from .html import render_html
from .official import Attachment, OfficialDocument, Signature, long_date
from .official_docx import render_official_docx
from .official_html import render_official_html, render_official_pdf
from .pdf import render_pdf
from .responses import document_response, file_response, official_response
from .xlsx import render_xlsx

__all__ = [
    "Attachment",
    "Chart",
    "Column",
    "Document",
    "Facts",
    "OfficialDocument",
    "Paragraph",
    "Row",
    "Section",
    "Signature",
    "Table",
    "document_response",
    "file_response",
    "format_cell",
    "long_date",
    "official_response",
    "render_html",
    "render_official_docx",
    "render_official_html",
    "render_official_pdf",
    "render_pdf",
    "render_xlsx",
]
