"""Format-neutral document model shared by the HTML, PDF and XLSX renderers."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.utils import timezone

from mentoring.percent import whole_percent

COLUMN_KINDS = frozenset({"text", "number", "date", "percent"})
ROW_TONES = frozenset({"", "muted", "warning", "danger", "success"})
PARAGRAPH_STYLES = frozenset({"", "lead", "small"})
ORIENTATIONS = frozenset({"portrait", "landscape"})
XLSX_LAYOUTS = frozenset({"single_sheet", "sheet_per_section"})

CellValue = str | int | float | Decimal | datetime.date | None


def _check_choice(name: str, value: str, allowed: frozenset[str]) -> None:
    if value not in allowed:
        raise ValueError(f"{name}={value!r}: expected one of {sorted(allowed)}")


@dataclass
class Column:
    title: str
    width: int = 15
    kind: str = "text"
    choices: tuple[str, ...] = ()  # a fixed list of values: a drop-down list in XLSX

    def __post_init__(self) -> None:
        _check_choice("kind", self.kind, COLUMN_KINDS)
        if self.width <= 0:
            raise ValueError(f"width must be positive, got {self.width}")


@dataclass
class Row:
    cells: list
    tone: str = ""

    def __post_init__(self) -> None:
        self.cells = list(self.cells)
        _check_choice("tone", self.tone, ROW_TONES)


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    caption: str = ""
    empty_text: str = "Нет данных"

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError("a table needs at least one column")
        self.rows = [row if isinstance(row, Row) else Row(row) for row in self.rows]
        width = len(self.columns)
        for index, row in enumerate(self.rows):
            if len(row.cells) != width:
                raise ValueError(f"row {index} has {len(row.cells)} cells, expected {width}")


@dataclass
class Paragraph:
    text: str
    style: str = ""

    def __post_init__(self) -> None:
        _check_choice("style", self.style, PARAGRAPH_STYLES)


@dataclass
class Facts:
    items: list[tuple[str, object]]

    def __post_init__(self) -> None:
        self.items = [(str(key), value) for key, value in self.items]


@dataclass
class Chart:
    """A server-rendered SVG chart (``surveys.analytics.charts``): shown in HTML and PDF, not in
    XLSX, where the numbers it draws are in the tables."""

    svg: str
    caption: str = ""

    def __post_init__(self) -> None:
        if not str(self.svg).lstrip().startswith("<svg"):
            raise ValueError("a chart is an <svg> element")


Block = Paragraph | Table | Facts | Chart


@dataclass
class Section:
    heading: str
    blocks: list[Block]
    sheet_title: str = ""

    def __post_init__(self) -> None:
        self.blocks = list(self.blocks)
        for block in self.blocks:
            if not isinstance(block, Paragraph | Table | Facts | Chart):
                raise TypeError(f"unsupported block type: {type(block).__name__}")


@dataclass
class Document:
    title: str
    sections: list[Section]
    subtitle: str = ""
    organisation: str = ""
    # A restriction mark printed above everything, e.g. «Для служебного пользования».
    marking: str = ""
    # The grif of approval of an approved document, top right: «УТВЕРЖДЕНА», «приказом …», «от …».
    approval: list[str] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    orientation: Literal["portrait", "landscape"] = "portrait"
    xlsx_layout: Literal["single_sheet", "sheet_per_section"] = "single_sheet"
    filename: str = "document"
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        _check_choice("orientation", self.orientation, ORIENTATIONS)
        _check_choice("xlsx_layout", self.xlsx_layout, XLSX_LAYOUTS)
        self.sections = list(self.sections)
        self.meta = [(str(key), str(value)) for key, value in self.meta]

    @property
    def generated_at_local(self) -> datetime.datetime:
        if timezone.is_aware(self.generated_at):
            return timezone.localtime(self.generated_at)
        return self.generated_at


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return " ".join(groups)


def format_number(value: int | float | Decimal) -> str:
    """Russian style: space between thousands, comma before decimals.

    Floats are rounded to two decimals; Decimals keep the precision they carry.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        number = Decimal(str(round(value, 2))).normalize()
    else:
        number = Decimal(value)
        if not number.is_finite():
            return ""
    if number == number.to_integral_value() and not isinstance(value, Decimal):
        number = number.quantize(Decimal(1))
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    text = sign + _group_thousands(whole)
    return f"{text},{fraction}" if fraction else text


def format_percent(fraction: int | float | Decimal) -> str:
    """A share (0..1) as «53 %»: whole percents, a half rounded up (``whole_percent``)."""
    if not Decimal(str(fraction)).is_finite():
        return ""
    return f"{format_number(whole_percent(fraction))} %"


def format_cell(value: object, kind: str = "text") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if kind == "date":
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float | Decimal):
        if kind == "percent":
            return format_percent(value)
        return format_number(value)
    return str(value)
