"""Official papers of a school (приказ, протокол, письмо, положение) in the Russian office layout.

One ``OfficialDocument`` is rendered to HTML/PDF (templates/reports/official.html) and to DOCX
(official_docx.py). It serialises to plain data, so an approved order keeps the exact text it was
signed with, whatever happens to the school's data later.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import asdict, dataclass, field

from .content import Column, Row, Table, format_cell

RUSSIAN_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

ATTACHED_TO = {"ПРИКАЗ": "к приказу", "ПРОТОКОЛ": "к протоколу"}


def long_date(day: datetime.date) -> str:
    """«01» сентября 2026 г."""
    return f"«{day.day:02d}» {RUSSIAN_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


@dataclass
class Signature:
    position: str
    name: str


@dataclass
class Attachment:
    """A numbered attachment (приложение) holding one table."""

    title: str
    table: Table
    note: str = ""


@dataclass
class OfficialSection:
    """A headed part of a longer paper such as the «Положение о наставничестве»."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class OfficialDocument:
    organisation: str
    title: str
    doc_type: str = "ПРИКАЗ"
    organisation_details: str = ""
    place: str = ""
    date: datetime.date | None = None
    number: str = ""
    addressee: list[str] = field(default_factory=list)
    salutation: str = ""
    preamble: list[str] = field(default_factory=list)
    decree: str = ""
    points: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    sections: list[OfficialSection] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    acquainted_heading: str = "С приказом ознакомлены:"
    acquainted: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    is_draft: bool = False
    filename: str = "document"

    @property
    def date_text(self) -> str:
        return self.date.strftime("%d.%m.%Y") if self.date else "«___» ____________ 20__ г."

    @property
    def number_text(self) -> str:
        return f"№ {self.number}" if self.number else "№ _____"

    @property
    def reference(self) -> str:
        """How other papers cite this one: «приказ от 01.09.2026 № 12»."""
        return f"от {self.date_text} {self.number_text}"

    @property
    def attachment_reference(self) -> str:
        noun = ATTACHED_TO.get(self.doc_type, "к документу")
        return f"{noun} {self.reference}"

    def attachment_label(self, index: int) -> str:
        if len(self.attachments) == 1:
            return "Приложение"
        return f"Приложение {index}"

    def to_data(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        for attachment, source in zip(data["attachments"], self.attachments, strict=True):
            table = attachment["table"]
            table["rows"] = [
                _plain_cells(row.cells, source.table.columns) for row in source.table.rows
            ]
        return data

    @classmethod
    def from_data(cls, data: dict) -> OfficialDocument:
        data = dict(data)
        data["date"] = datetime.date.fromisoformat(data["date"]) if data.get("date") else None
        data["signatures"] = [Signature(**item) for item in data.get("signatures", [])]
        data["sections"] = [OfficialSection(**item) for item in data.get("sections", [])]
        data["attachments"] = [
            Attachment(
                title=item["title"],
                note=item.get("note", ""),
                table=Table(
                    columns=[Column(**column) for column in item["table"]["columns"]],
                    rows=[Row(cells) for cells in item["table"]["rows"]],
                    caption=item["table"].get("caption", ""),
                    empty_text=item["table"].get("empty_text", "Нет данных"),
                ),
            )
            for item in data.get("attachments", [])
        ]
        return cls(**data)


def _plain_cells(cells: list, columns: list[Column]) -> list:
    """Cells as JSON-safe values.

    Strings, integers, booleans and finite floats stay as they are; anything else (dates, Decimals,
    NaN) becomes its printed form, since a frozen paper keeps the text it was signed with.
    """
    plain = []
    for value, column in zip(cells, columns, strict=True):
        finite_float = isinstance(value, float) and math.isfinite(value)
        if value is None or isinstance(value, str | int | bool) or finite_float:
            plain.append(value)
        else:
            plain.append(format_cell(value, column.kind))
    return plain
