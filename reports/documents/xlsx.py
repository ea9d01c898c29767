"""XLSX rendering with openpyxl."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import xlsx_cells as cells
from .content import Chart, Document, Facts, Paragraph, Section, Table
from .sheetnames import SheetNamer

FACTS_KEY_WIDTH = 30
DEFAULT_WIDTHS = {1: 40, 2: 25}


class _SheetWriter:
    def __init__(self, ws: Worksheet, doc: Document) -> None:
        self.ws = ws
        self.doc = doc
        self.row = 1
        self.widths: dict[int, int] = {}
        self.header_rows: list[int] = []
        self.has_facts = False

    def _cell(self, column: int, value: object = None, kind: str = "text", font=None):
        cell = self.ws.cell(row=self.row, column=column)
        cells.put_value(cell, value, kind)
        if font is not None:
            cell.font = font
        return cell

    def _line(self, value: object, font=None) -> None:
        self._cell(1, value, font=font)
        self.row += 1

    def document_header(self) -> None:
        doc = self.doc
        if doc.marking:
            self._line(doc.marking, cells.BOLD_FONT)
        if doc.organisation:
            self._line(doc.organisation)
        self._line(doc.title, cells.TITLE_FONT)
        if doc.subtitle:
            self._line(doc.subtitle)
        for key, value in doc.meta:
            self._line(f"{key}: {value}")
        self.row += 1

    def section(self, section: Section) -> None:
        self._line(section.heading, cells.HEADING_FONT)
        for block in section.blocks:
            if isinstance(block, Chart):
                continue  # a picture of numbers that the sheet's tables already hold
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Facts):
                self.facts(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            self.row += 1

    def table(self, table: Table) -> None:
        if table.caption:
            self._line(table.caption, cells.NOTE_FONT)
        for index, column in enumerate(table.columns, start=1):
            self.widths[index] = max(self.widths.get(index, 0), column.width)
            cell = self._cell(index, column.title, font=cells.BOLD_FONT)
            cell.fill = cells.HEADER_FILL
            cell.border = cells.BORDER
            cell.alignment = cells.WRAP
        self.header_rows.append(self.row)
        self.row += 1
        for row in table.rows:
            fill = cells.TONE_FILLS.get(row.tone)
            for index, (value, column) in enumerate(
                zip(row.cells, table.columns, strict=True), start=1
            ):
                cell = self._cell(index, value, column.kind)
                cell.border = cells.BORDER
                cell.alignment = cells.WRAP
                if fill is not None:
                    cell.fill = fill
                if row.tone == "muted":
                    cell.font = cells.MUTED_FONT
            self.row += 1
        if not table.rows:
            self._cell(1, table.empty_text, font=cells.NOTE_FONT)
            if len(table.columns) > 1:
                self.ws.merge_cells(
                    start_row=self.row,
                    start_column=1,
                    end_row=self.row,
                    end_column=len(table.columns),
                )
            self.row += 1

    def facts(self, facts: Facts) -> None:
        self.has_facts = True
        for key, value in facts.items:
            self._cell(1, key).alignment = cells.WRAP
            self._cell(2, value, font=cells.BOLD_FONT).alignment = cells.WRAP
            self.row += 1

    def paragraph(self, paragraph: Paragraph) -> None:
        font = cells.NOTE_FONT if paragraph.style == "small" else None
        self._line(paragraph.text, font)

    def finish(self) -> None:
        widths = dict(self.widths) or dict(DEFAULT_WIDTHS)
        if self.has_facts:
            widths[1] = max(widths.get(1, 0), FACTS_KEY_WIDTH)
        for index, width in widths.items():
            self.ws.column_dimensions[get_column_letter(index)].width = width
        if len(self.header_rows) == 1:
            header = self.header_rows[0]
            self.ws.freeze_panes = f"A{header + 1}"
            self.ws.print_title_rows = f"{header}:{header}"
        setup = self.ws.page_setup
        setup.orientation = self.doc.orientation
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _fill_sheet(ws: Worksheet, doc: Document, sections: list[Section]) -> None:
    writer = _SheetWriter(ws, doc)
    writer.document_header()
    for section in sections:
        writer.section(section)
    writer.finish()


def render_xlsx(doc: Document) -> bytes:
    workbook = Workbook()
    workbook.properties.title = doc.title
    workbook.properties.creator = doc.organisation or "Наставничество"
    namer = SheetNamer()
    first = workbook.active
    if doc.xlsx_layout == "sheet_per_section" and doc.sections:
        for index, section in enumerate(doc.sections):
            ws = first if index == 0 else workbook.create_sheet()
            ws.title = namer(section.sheet_title or section.heading)
            _fill_sheet(ws, doc, [section])
    else:
        first.title = namer(doc.title)
        _fill_sheet(first, doc, doc.sections)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
