"""HTML rendering: one standalone page with the stylesheet inlined."""

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .content import Chart, Document, Facts, Paragraph, Table, format_cell
from .fonts import web_font_css

TEMPLATE_NAME = "reports/document.html"
STYLESHEET = "css/document.css"


CELL_CLASSES = {"number": "num", "percent": "num", "date": "date"}


@dataclass
class _Cell:
    text: str
    css: str


def read_stylesheet(name: str = STYLESHEET) -> str:
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(f"static file {name} not found")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def table_context(table: Table) -> dict:
    total = sum(column.width for column in table.columns)
    columns = [
        {
            "title": column.title,
            "width": f"{100 * column.width / total:.2f}",
            "css": CELL_CLASSES.get(column.kind, ""),
        }
        for column in table.columns
    ]
    rows = [
        {
            "tone": row.tone,
            "cells": [
                _Cell(format_cell(value, column.kind), CELL_CLASSES.get(column.kind, ""))
                for value, column in zip(row.cells, table.columns, strict=True)
            ],
        }
        for row in table.rows
    ]
    return {
        "kind": "table",
        "caption": table.caption,
        "columns": columns,
        "rows": rows,
        "empty_text": table.empty_text,
    }


def _block_context(block) -> dict:
    if isinstance(block, Table):
        return table_context(block)
    if isinstance(block, Facts):
        return {
            "kind": "facts",
            "items": [(key, format_cell(value)) for key, value in block.items],
        }
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, Chart):
        # The SVG is built on the server with every label escaped (surveys.analytics.charts).
        return {"kind": "chart", "svg": mark_safe(block.svg), "caption": block.caption}
    raise TypeError(f"unsupported block type: {type(block).__name__}")


def build_html(doc: Document, *, font_css: str) -> str:
    context = {
        "doc": doc,
        "font_css": font_css,
        "stylesheet": read_stylesheet(),
        "sections": [
            {"heading": section.heading, "blocks": [_block_context(b) for b in section.blocks]}
            for section in doc.sections
        ],
        "generated": doc.generated_at_local.strftime("%d.%m.%Y %H:%M"),
    }
    return render_to_string(TEMPLATE_NAME, context)


def render_html(doc: Document) -> str:
    return build_html(doc, font_css=web_font_css())
