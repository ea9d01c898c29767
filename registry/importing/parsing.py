"""A whole file → parsed rows checked against each other and against the school's bases."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from mentoring.models import Programme

from .columns import Header
from .errors import ImportFileError
from .matching import plan_rows
from .rows import ParsedRow, Problem, person_key, read_rows
from .skipping import CLASS_HEADING, RowSorter
from .template import example_names
from .values import text
from .workbook import read_sheet


@dataclass
class ParseResult:
    kind: str
    sheet_title: str
    header: Header
    rows: list[ParsedRow]
    skipped: list[dict] = field(default_factory=list)  # {"row", "reason", "text"[, "sheet"]}
    format: str = ""
    sheets: list[dict] = field(default_factory=list)  # class sheets read: {"title", "row", "rows"}
    sheet_notes: list[dict] = field(default_factory=list)  # sheets left out: {"sheet", "note"}

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.ok]


def _mark_duplicates(rows: list[ParsedRow], header: Header) -> None:
    seen: dict[tuple, ParsedRow] = {}
    for row in rows:
        if not row.person.get("last_name") or not row.person.get("first_name"):
            continue
        key = _key(row)
        if key in seen:
            row.problems.append(
                Problem(
                    row.number,
                    header.name_title(),
                    f"повторяет строку {seen[key].where}: тот же человек (ФИО и дата рождения)",
                    "Повтор человека в файле",
                    row.sheet,
                )
            )
        else:
            seen[key] = row


def _key(row: ParsedRow) -> tuple:
    person = row.person
    return person_key(
        person["last_name"], person["first_name"], person["middle_name"], person["birth_date"]
    )


def _sorted_rows(sheet, kind: str) -> tuple[list[tuple], list[dict]]:
    """Rows of people (with the class of the sub-heading above them, or of their sheet) and the
    skipped rows."""
    sorter = RowSorter(sheet.header, kind, example_names(kind))
    people, skipped = [], []
    for part in sheet.sheets:
        heading_class = part.class_name
        for number, values in part.rows:
            reason, opened = sorter.reason(values)
            if reason is None:
                people.append((number, values, heading_class, part.title))
                continue
            if reason == CLASS_HEADING:
                heading_class = opened
            shown = " ".join(text(value) for value in values if text(value))
            item = {"row": number, "reason": reason, "text": shown[:120]}
            if part.title:
                item["sheet"] = part.title
            skipped.append(item)
    return people, skipped


def parse_file(
    handle,
    kind: str,
    programme: Programme,
    today: datetime.date | None = None,
    *,
    sensitive: bool = True,
) -> ParseResult:
    """Reads and checks every row. Raises ImportFileError when the file cannot be used at all.

    ``handle``: bytes or a binary file. ``sensitive``: whether the person importing sees the
    sensitive request categories (those they cannot see are kept on update).
    """
    today = today or timezone.localdate()
    if isinstance(handle, bytes):
        content = handle
    else:
        handle.seek(0)
        content = handle.read()
    sheet = read_sheet(content, kind)
    people, skipped = _sorted_rows(sheet, kind)
    if not people:
        why = ""
        if skipped:
            why = (
                " (пропущены строки, где нет людей: "
                + ", ".join(dict.fromkeys(item["reason"] for item in skipped))
                + ")"
            )
        row = sheet.header.row
        raise ImportFileError(
            f"Под строкой заголовков (строка {row}) нет ни одной строки с данными{why}."
        )
    rows = read_rows(sheet.header, people, kind, today)
    _mark_duplicates(rows, sheet.header)
    plan_rows(rows, sheet.header, programme, kind, sensitive=sensitive)
    sheets = [
        {"title": part.title, "row": part.header_row, "rows": part.header_rows}
        for part in sheet.sheets
        if part.title
    ]
    return ParseResult(
        kind, sheet.title, sheet.header, rows, skipped, sheet.format, sheets, sheet.notes
    )
