"""HTML (and through it PDF) of official papers: templates/reports/official.html."""

from django.template.loader import render_to_string

from .fitting import OFFICIAL_TABLES
from .fonts import web_font_css
from .html import read_stylesheet, table_context
from .official import OfficialDocument, OfficialSection, long_date
from .pdf import html_to_pdf

TEMPLATE_NAME = "reports/official.html"
STYLESHEET = "css/official.css"


def _sections(sections: list[OfficialSection]) -> list[dict]:
    return [
        {
            "heading": section.heading,
            "paragraphs": section.paragraphs,
            "table": table_context(section.table, style=OFFICIAL_TABLES) if section.table else None,
        }
        for section in sections
    ]


def build_official_html(doc: OfficialDocument, *, font_css: str) -> str:
    context = {
        "doc": doc,
        "font_css": font_css,
        "stylesheet": read_stylesheet(STYLESHEET),
        "long_date": long_date(doc.date) if doc.date else doc.date_text,
        "sections": _sections(doc.sections),
        "attachments": [
            {
                "mark": doc.attachment_mark(index),
                "title": attachment.title,
                "note": attachment.note,
                "sections": _sections(attachment.sections),
                "table": table_context(attachment.table, style=OFFICIAL_TABLES)
                if attachment.table
                else None,
            }
            for index, attachment in enumerate(doc.attachments, start=1)
        ],
    }
    return render_to_string(TEMPLATE_NAME, context)


def render_official_html(doc: OfficialDocument) -> str:
    return build_official_html(doc, font_css=web_font_css())


def render_official_pdf(doc: OfficialDocument) -> bytes:
    return html_to_pdf(build_official_html(doc, font_css=""))
