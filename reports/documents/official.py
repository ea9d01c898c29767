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

# Lines left for the hand: a word or a number, and a date.
BLANK = "__________"
DATE_BLANK = "«___» ____________ 20__ г."

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


APPROVED_BY = {"ПРИКАЗ": "приказом", "ПРОТОКОЛ": "протоколом"}
APPROVED_NEUTER = "УТВЕРЖДЕНО"  # положение
APPROVED_FEMININE = "УТВЕРЖДЕНА"  # программа, дорожная карта


def approval_grif(approved: str, by: str, reference: str) -> list[str]:
    """The grif of approval by an order (ГОСТ Р 7.0.97-2016, 5.19), one line each:
    «УТВЕРЖДЕНО», «приказом МБОУ «СОШ № 1»», «от 01.09.2026 № 12»."""
    return [approved, by, reference]


def long_date(day: datetime.date) -> str:
    """«01» сентября 2026 г."""
    return f"«{day.day:02d}» {RUSSIAN_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


@dataclass
class Signature:
    position: str
    name: str


@dataclass
class OfficialSection:
    """A headed part of a longer paper such as the «Положение о наставничестве»."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    # A table after the paragraphs: the tasks of an individual plan, the entries of a diary.
    table: Table | None = None


@dataclass
class Attachment:
    """A numbered attachment (приложение): a table, or the text of a document the order
    approves, which then carries its grif under the attachment mark (ГОСТ Р 7.0.97-2016, 5.23)."""

    title: str
    table: Table | None = None
    note: str = ""
    sections: list[OfficialSection] = field(default_factory=list)
    # «УТВЕРЖДЕНО», «УТВЕРЖДЕНА»…, agreeing with the kind of the approved document; empty for
    # an attachment that is not itself approved by the order.
    approved: str = ""


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
    # The short name, as attachment marks and grifs cite the paper: «к приказу МБОУ «СОШ № 1»».
    organisation_short: str = ""
    # The grif of approval, top right: «УТВЕРЖДЕНО», «приказом …», «от … № …».
    approval: list[str] = field(default_factory=list)
    # «Исполнитель»: the name, phone and e-mail of who prepared a letter, at its foot.
    executor: list[str] = field(default_factory=list)

    @property
    def date_text(self) -> str:
        return self.date.strftime("%d.%m.%Y") if self.date else DATE_BLANK

    @property
    def number_text(self) -> str:
        return f"№ {self.number}" if self.number else "№ _____"

    @property
    def reference(self) -> str:
        """How other papers cite this one: «приказ от 01.09.2026 № 12»."""
        return f"от {self.date_text} {self.number_text}"

    @property
    def attached_to(self) -> str:
        """«к приказу МБОУ «СОШ № 1»»: the paper an attachment belongs to, by its short name."""
        noun = ATTACHED_TO.get(self.doc_type, "к документу")
        return " ".join(part for part in (noun, self.organisation_short) if part)

    @property
    def attachment_reference(self) -> str:
        """«к приказу МБОУ «СОШ № 1» от 01.09.2026 № 12»."""
        return f"{self.attached_to} {self.reference}"

    def attachment_label(self, index: int) -> str:
        """«Приложение № 1»: numbered even when it is the only one, so the text's «(приложение
        № 1)» and the mark always match."""
        return f"Приложение № {index}"

    def attachment_mark(self, index: int) -> list[str]:
        """The lines top right on the first page of an attachment: the mark, then, for a
        document the order approves, its grif."""
        lines = [self.attachment_label(index), self.attached_to, self.reference]
        attachment = self.attachments[index - 1]
        if attachment.approved:
            noun = APPROVED_BY.get(self.doc_type, "документом")
            lines += approval_grif(
                attachment.approved, f"{noun} {self.organisation_short}".strip(), self.reference
            )
        return lines

    def to_data(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        for section, source in zip(data["sections"], self.sections, strict=True):
            if source.table is not None:
                section["table"]["rows"] = [
                    _plain_cells(row.cells, source.table.columns) for row in source.table.rows
                ]
        for attachment, source in zip(data["attachments"], self.attachments, strict=True):
            if source.table is not None:
                attachment["table"]["rows"] = [
                    _plain_cells(row.cells, source.table.columns) for row in source.table.rows
                ]
            for section, part in zip(attachment["sections"], source.sections, strict=True):
                if part.table is not None:
                    section["table"]["rows"] = [
                        _plain_cells(row.cells, part.table.columns) for row in part.table.rows
                    ]
        return data

    @classmethod
    def from_data(cls, data: dict) -> OfficialDocument:
        data = dict(data)
        data["date"] = datetime.date.fromisoformat(data["date"]) if data.get("date") else None
        data["signatures"] = [Signature(**item) for item in data.get("signatures", [])]
        data["sections"] = [
            OfficialSection(**{**item, "table": _table_from_data(item.get("table"))})
            for item in data.get("sections", [])
        ]
        data["attachments"] = [
            Attachment(
                title=item["title"],
                note=item.get("note", ""),
                table=_table_from_data(item.get("table")),
                sections=[
                    OfficialSection(**{**section, "table": _table_from_data(section.get("table"))})
                    for section in item.get("sections", [])
                ],
                approved=item.get("approved", ""),
            )
            for item in data.get("attachments", [])
        ]
        return cls(**data)


def _table_from_data(data: dict | None) -> Table | None:
    if data is None:
        return None
    return Table(
        columns=[Column(**column) for column in data["columns"]],
        rows=[Row(cells) for cells in data["rows"]],
        caption=data.get("caption", ""),
        empty_text=data.get("empty_text", "Нет данных"),
    )


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
