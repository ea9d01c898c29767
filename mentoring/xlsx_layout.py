"""How a table sheet of any XLSX the app writes is laid out: column widths that fit the text,
row heights for wrapped text (LibreOffice does not grow rows on its own when opening a file),
a frozen header with an autofilter, and list validations (drop-down lists)."""

import datetime
import math

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

MIN_WIDTH = 5
MAX_WIDTH = 60
LINE_HEIGHT = 15  # points per line of 11-point text
DATE_WIDTH = 11


def text_width(value) -> int:
    """Characters of the longest line the value shows."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return DATE_WIDTH
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_width(values, *, minimum: int = MIN_WIDTH, maximum: int = MAX_WIDTH) -> float:
    """Width of a column showing ``values``: the widest line (headers wrap at word breaks)."""
    widest = max((text_width(value) for value in values), default=0)
    return float(min(maximum, max(minimum, widest + 2)))


def header_width(title: str) -> int:
    """A header may wrap: its longest word must fit."""
    return max((len(word) for word in str(title).split()), default=0)


def lines_needed(value, width: float) -> int:
    if value is None:
        return 1
    text = str(value)
    room = max(1, int(width) - 1)
    return sum(max(1, math.ceil(len(line) / room)) for line in text.splitlines() or [""])


def set_row_height(sheet, row: int, values, widths) -> None:
    """Sets the height of a row whose cells wrap, so that every line shows."""
    lines = max(
        (lines_needed(value, width) for value, width in zip(values, widths, strict=False)),
        default=1,
    )
    if lines > 1:
        sheet.row_dimensions[row].height = LINE_HEIGHT * min(lines, 30)


def lay_out_table(sheet, header_row: int, columns: list[tuple[str, list]], *, last_row: int):
    """Widths from titles and values, frozen header, autofilter over the table.

    ``columns``: (title, values) in sheet order. Returns the widths used.
    """
    widths = []
    for index, (title, values) in enumerate(columns, start=1):
        width = max(fit_width(values), header_width(title) + 2.0)
        widths.append(min(width, MAX_WIDTH))
        sheet.column_dimensions[get_column_letter(index)].width = widths[-1]
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
    return widths


def list_validation(sheet, cells: str, source: str, *, strict: bool, prompt: str = ""):
    """A drop-down list on ``cells`` from ``source`` (a range such as 'Справочник'!$B$2:$B$7).

    ``strict``: other values are refused; otherwise only warned about (a list of several
    categories in one cell stays possible).
    """
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        error="Выберите значение из списка." if strict else "Значения нет в списке.",
        errorTitle="Значение не из списка",
        promptTitle="Значения",
        prompt=prompt,
        showInputMessage=bool(prompt),
    )
    validation.add(cells)
    sheet.add_data_validation(validation)
    return validation
