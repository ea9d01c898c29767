"""A whole file → parsed rows checked against each other and against the school's bases."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentoring.models import Programme

from ..models import Mentee, Mentor, Participant
from .columns import MENTEES, Header
from .rows import ParsedRow, Problem, person_key, read_rows
from .workbook import ImportFileError, read_sheet

PREVIEW_ROWS = 20


@dataclass
class ParseResult:
    kind: str
    sheet_title: str
    header: Header
    rows: list[ParsedRow]

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.ok]


def _mark_duplicates(rows: list[ParsedRow], header: Header) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        if not row.person.get("last_name") or not row.person.get("first_name"):
            continue
        key = _key(row)
        if key in seen:
            row.problems.append(
                Problem(
                    row.number,
                    header.name_title(),
                    f"повторяет строку {seen[key]}: тот же человек (ФИО и дата рождения)",
                )
            )
        else:
            seen[key] = row.number


def _key(row: ParsedRow) -> tuple:
    person = row.person
    return person_key(
        person["last_name"], person["first_name"], person["middle_name"], person["birth_date"]
    )


def _match_existing(rows: list[ParsedRow], header: Header, programme: Programme, kind: str):
    """Reuses the school's participants; a person already in this base is an error."""
    school_people = Participant.objects.filter(school_id=programme.school_id).values_list(
        "pk", "last_name", "first_name", "middle_name", "birth_date"
    )
    by_key = {person_key(*person[1:]): person[0] for person in school_people.order_by("pk")}
    if kind == MENTEES:
        taken = set(
            Mentee.objects.filter(programme=programme).values_list("participant_id", flat=True)
        )
        message = "уже есть в базе наставляемых этой программы"
    else:
        taken = set(
            Mentor.objects.filter(participant__school_id=programme.school_id).values_list(
                "participant_id", flat=True
            )
        )
        message = "уже есть в базе наставников"
    for row in rows:
        if not row.person.get("last_name") or not row.person.get("first_name"):
            continue
        participant_id = by_key.get(_key(row))
        if participant_id is None:
            continue
        row.existing_participant_id = participant_id
        if participant_id in taken:
            row.problems.append(Problem(row.number, header.name_title(), message))


def parse_file(
    handle, kind: str, programme: Programme, today: datetime.date | None = None
) -> ParseResult:
    """Reads and checks every row. Raises ImportFileError when the file cannot be used at all."""
    today = today or timezone.localdate()
    sheet = read_sheet(handle, kind)
    if not sheet.rows:
        raise ImportFileError(
            f"Под строкой заголовков (строка {sheet.header.row}) нет ни одной строки с данными."
        )
    rows = read_rows(sheet.header, sheet.rows, kind, today)
    _mark_duplicates(rows, sheet.header)
    _match_existing(rows, sheet.header, programme, kind)
    return ParseResult(kind, sheet.title, sheet.header, rows)


def preview_rows(handle, kind: str, limit: int = PREVIEW_ROWS) -> tuple[Header, list[ParsedRow]]:
    """The first rows as they will be read, without the checks against the database."""
    sheet = read_sheet(handle, kind, limit)
    rows = read_rows(sheet.header, sheet.rows, kind, timezone.localdate())
    return sheet.header, rows
