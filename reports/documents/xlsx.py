"""XLSX rendering with openpyxl.

Every table sheet is laid out for work: the header of its main table frozen with an autofilter,
columns as wide as their content (never wider than the builder's width, so long text wraps), row
heights set for wrapped text (LibreOffice does not grow rows by itself), drop-down lists for
columns with a fixed list of values.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mentoring.xlsx_layout import fit_width, header_width, list_validation, set_row_height

from . import xlsx_cells as cells
from .content import Chart, Column, Document, Facts, Paragraph, Section, Table, format_cell
from .sheetnames import SheetNamer

FACTS_KEY_WIDTH = 30
DEFAULT_WIDTHS = {1: 40, 2: 25}
LISTS_TITLE = "Списки"


class _Lists:
    """A hidden sheet holding the values of drop-down lists, one column per list."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.sheet = None
        self.ranges: dict[tuple, str] = {}

    def range_of(self, choices: tuple[str, ...]) -> str:
        if choices not in self.ranges:
            if self.sheet is None:
                self.sheet = self.workbook.create_sheet(LISTS_TITLE)
                self.sheet.sheet_state = "hidden"
            column = len(self.ranges) + 1
            for row, value in enumerate(choices, start=1):
                cells.put_value(self.sheet.cell(row=row, column=column), value)
            letter = get_column_letter(column)
            self.ranges[choices] = f"'{LISTS_TITLE}'!${letter}$1:${letter}${len(choices)}"
        return self.ranges[choices]


def _fitted(column: Column, values: list) -> float:
    """As wide as the widest value or the longest header word, at most the builder's width."""
    texts = [format_cell(value, column.kind) for value in values]
    content = max(fit_width(texts), header_width(column.title) + 2.0)
    return min(float(column.width), content)


class _SheetWriter:
    def __init__(self, ws: Worksheet, doc: Document, lists: _Lists) -> None:
        self.ws = ws
        self.doc = doc
        self.lists = lists
        self.row = 1
        self.widths: dict[int, float] = {}
        self.tables: list[tuple[int, int, int]] = []  # header row, last row, columns
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
        for line in doc.approval:
            self._line(line)
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
        widths = [
            _fitted(column, [row.cells[i] for row in table.rows])
            for i, column in enumerate(table.columns)
        ]
        for index, (column, width) in enumerate(zip(table.columns, widths, strict=True), start=1):
            self.widths[index] = max(self.widths.get(index, 0), width)
            cell = self._cell(index, column.title, font=cells.BOLD_FONT)
            cell.fill = cells.HEADER_FILL
            cell.border = cells.BORDER
            cell.alignment = cells.WRAP
        set_row_height(self.ws, self.row, [c.title for c in table.columns], widths)
        header = self.row
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
            set_row_height(self.ws, self.row, row.cells, widths)
            self.row += 1
        if table.rows:
            self.tables.append((header, self.row - 1, len(table.columns)))
            self._lists(table, header)
        else:
            self._cell(1, table.empty_text, font=cells.NOTE_FONT)
            if len(table.columns) > 1:
                self.ws.merge_cells(
                    start_row=self.row,
                    start_column=1,
                    end_row=self.row,
                    end_column=len(table.columns),
                )
            self.row += 1

    def _lists(self, table: Table, header: int) -> None:
        for index, column in enumerate(table.columns, start=1):
            if column.choices:
                letter = get_column_letter(index)
                list_validation(
                    self.ws,
                    f"{letter}{header + 1}:{letter}{self.row - 1}",
                    self.lists.range_of(tuple(column.choices)),
                    strict=False,
                )

    def facts(self, facts: Facts) -> None:
        self.has_facts = True
        for key, value in facts.items:
            self._cell(1, key).alignment = cells.WRAP
            self._cell(2, value, font=cells.BOLD_FONT).alignment = cells.WRAP
            self.row += 1

    def paragraph(self, paragraph: Paragraph) -> None:
        font = cells.NOTE_FONT if paragraph.style == "small" else None
        self._line(paragraph.text, font)

    def _main_table(self) -> None:
        """The largest table gets the autofilter; its header is frozen when it is the first."""
        if not self.tables:
            return
        header, last, width = max(self.tables, key=lambda table: table[1] - table[0])
        self.ws.auto_filter.ref = f"A{header}:{get_column_letter(width)}{last}"
        if header == self.tables[0][0]:
            self.ws.freeze_panes = f"A{header + 1}"
            self.ws.print_title_rows = f"{header}:{header}"

    def finish(self) -> None:
        widths = dict(self.widths) or dict(DEFAULT_WIDTHS)
        if self.has_facts:
            widths[1] = max(widths.get(1, 0), FACTS_KEY_WIDTH)
        for index, width in widths.items():
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self._main_table()
        setup = self.ws.page_setup
        setup.orientation = self.doc.orientation
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _fill_sheet(ws: Worksheet, doc: Document, sections: list[Section], lists: _Lists) -> None:
    writer = _SheetWriter(ws, doc, lists)
    writer.document_header()
    for section in sections:
        writer.section(section)
    writer.finish()


def render_xlsx(doc: Document) -> bytes:
    workbook = Workbook()
    workbook.properties.title = doc.title
    workbook.properties.creator = doc.organisation or "Наставничество"
    namer = SheetNamer()
    namer(LISTS_TITLE)  # kept for the drop-down lists
    lists = _Lists(workbook)
    first = workbook.active
    if doc.xlsx_layout == "sheet_per_section" and doc.sections:
        for index, section in enumerate(doc.sections):
            ws = first if index == 0 else workbook.create_sheet()
            ws.title = namer(section.sheet_title or section.heading)
            _fill_sheet(ws, doc, [section], lists)
    else:
        first.title = namer(doc.title)
        _fill_sheet(first, doc, doc.sections, lists)
    if lists.sheet is not None:
        workbook.move_sheet(lists.sheet, offset=len(workbook.sheetnames))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
