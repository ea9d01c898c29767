"""Typed cell values and styles for the XLSX renderer."""

import datetime
import math
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
PERCENT_FORMAT = "0%"  # whole percents, as pages show shares (mentoring.percent)
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
# A leading character that makes Excel or LibreOffice treat typed text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
BOLD_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
MUTED_FONT = Font(color="777777")
HEADER_FILL = PatternFill("solid", fgColor="E8ECF1")
_SIDE = Side(style="thin", color="888888")
BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
WRAP = Alignment(wrap_text=True, vertical="top")
TONE_FILLS = {
    "muted": PatternFill("solid", fgColor="F2F2F2"),
    "warning": PatternFill("solid", fgColor="FFF3CD"),
    "danger": PatternFill("solid", fgColor="FDE2E1"),
    "success": PatternFill("solid", fgColor="E3F4E8"),
}


def _put_text(cell: Cell, text: str) -> None:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    # openpyxl turns "=..." into a formula on assignment; force a literal string.
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def _put_number(cell: Cell, value: int | float | Decimal, kind: str) -> None:
    if not math.isfinite(value):
        return
    cell.value = value
    if kind == "percent":
        cell.number_format = PERCENT_FORMAT
    elif value == int(value):
        cell.number_format = INTEGER_FORMAT
    else:
        cell.number_format = DECIMAL_FORMAT


def put_value(cell: Cell, value: object, kind: str = "text") -> None:
    """Store value with its real type: numbers as numbers, dates as dates, the rest as text."""
    if value is None:
        return
    if isinstance(value, bool):
        _put_text(cell, "да" if value else "нет")
    elif isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        cell.value = value
        cell.number_format = DATE_FORMAT if kind == "date" else DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal):
        _put_number(cell, value, kind)
    else:
        _put_text(cell, str(value))
