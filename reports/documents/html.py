"""HTML rendering: one standalone page with the stylesheet inlined."""

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .content import Chart, Document, Facts, Paragraph, Table, format_cell
from .fitting import REPORT_TABLES, TableStyle, fit_columns, split_columns
from .fonts import web_font_css

TEMPLATE_NAME = "reports/document.html"
STYLESHEET = "css/document.css"


CELL_CLASSES = {"number": "num", "percent": "num", "date": "date"}
NOWRAP_KINDS = frozenset(CELL_CLASSES)


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


def _cells(table: Table) -> list[dict]:
    return [
        {
            "tone": row.tone,
            "cells": [
                _Cell(format_cell(value, column.kind), CELL_CLASSES.get(column.kind, ""))
                for value, column in zip(row.cells, table.columns, strict=True)
            ],
        }
        for row in table.rows
    ]


def _fitted(table: Table, rows: list[dict], indexes: list[int], style, orientation, caption):
    columns = [table.columns[i] for i in indexes]
    fit = fit_columns(
        [column.title for column in columns],
        [column.width for column in columns],
        [[row["cells"][i].text for row in rows] for i in indexes],
        [column.kind in NOWRAP_KINDS for column in columns],
        style,
        orientation,
    )
    return {
        "kind": "table",
        "caption": caption,
        "columns": [
            {"title": c.title, "width": f"{width:.2f}", "css": CELL_CLASSES.get(c.kind, "")}
            for c, width in zip(columns, fit.widths, strict=True)
        ],
        "rows": [
            {"tone": row["tone"], "cells": [row["cells"][i] for i in indexes]} for row in rows
        ],
        "empty_text": table.empty_text,
        "font_size": f"{fit.font_size:g}",
        "fits": fit.fits,
    }


def table_context(
    table: Table, *, style: TableStyle = REPORT_TABLES, orientation: str = "portrait"
) -> dict:
    """The table's cells as text, with the type size and column widths that fit its page."""
    rows = _cells(table)
    every = list(range(len(table.columns)))
    return _fitted(table, rows, every, style, orientation, table.caption)


def table_contexts(
    table: Table, *, style: TableStyle = REPORT_TABLES, orientation: str = "portrait"
) -> list[dict]:
    """The table as one or, when its columns cannot fit the page's width even in the smallest
    type, several tables of consecutive columns, each repeating the first one."""
    whole = table_context(table, style=style, orientation=orientation)
    if whole["fits"] or len(table.columns) < 3:
        return [whole]
    rows = whole["rows"]
    groups = split_columns(
        [column.title for column in table.columns],
        [[row["cells"][i].text for row in rows] for i in range(len(table.columns))],
        [column.kind in NOWRAP_KINDS for column in table.columns],
        style,
        orientation,
    )
    return [
        _fitted(
            table,
            rows,
            indexes,
            style,
            orientation,
            table.caption if number == 1 else _continued(table.caption),
        )
        for number, indexes in enumerate(groups, start=1)
    ]


def _continued(caption: str) -> str:
    return f"Продолжение таблицы «{caption}»" if caption else "Продолжение таблицы"


def _block_contexts(block, orientation: str) -> list[dict]:
    if isinstance(block, Table):
        return table_contexts(block, orientation=orientation)
    return [_block_context(block)]


def _block_context(block) -> dict:
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
            {
                "heading": section.heading,
                "blocks": [
                    part
                    for block in section.blocks
                    for part in _block_contexts(block, doc.orientation)
                ],
            }
            for section in doc.sections
        ],
        "generated": doc.generated_at_local.strftime("%d.%m.%Y %H:%M"),
    }
    return render_to_string(TEMPLATE_NAME, context)


def render_html(doc: Document) -> str:
    return build_html(doc, font_css=web_font_css())
