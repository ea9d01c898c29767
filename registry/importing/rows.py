"""One data row of a sheet → the person and the base entry it describes, with its problems."""

import datetime
from dataclasses import dataclass, field

from ..models import Participant
from . import values as v
from .categories import CategoryMatcher
from .columns import FIELDS_BY_KEY, MENTEES, MENTORS, Header
from .values import CellError

TEXT_FIELDS = ("position", "subject", "organisation", "phone")
NO_CLASS = "у обучающегося должен быть указан класс, например «7Б»"


@dataclass
class Problem:
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    number: int
    person: dict = field(default_factory=dict)
    entry: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    existing_participant_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def full_name(self) -> str:
        parts = (self.person.get(k) for k in ("last_name", "first_name", "middle_name"))
        return " ".join(p for p in parts if p)


class RowReader:
    """Reads rows of one sheet; the category list is loaded once for all rows."""

    def __init__(self, header: Header, kind: str, matcher: CategoryMatcher | None, today) -> None:
        self.header = header
        self.kind = kind
        self.matcher = matcher
        self.today = today
        self._values: tuple = ()

    def cell(self, key: str):
        index = self.header.columns.get(key)
        if index is None or index >= len(self._values):
            return None
        return self._values[index]

    def read(self, number: int, values: tuple) -> ParsedRow:
        row = ParsedRow(number)
        self._values = values
        self._name(row)
        self._person(row)
        if self.kind == MENTORS:
            self._mentor(row)
        else:
            self._mentee(row)
        self._lengths(row)
        return row

    def _problem(self, row: ParsedRow, key: str, message: str) -> None:
        column = self.header.name_title() if key == "name" else self.header.title(key)
        row.problems.append(Problem(row.number, column, message))

    def _try(self, row: ParsedRow, key: str, parse, *args):
        try:
            return parse(self.cell(key), *args)
        except CellError as error:
            self._problem(row, key, str(error))
            return None

    def _name(self, row: ParsedRow) -> None:
        person = row.person
        if "full_name" in self.header.columns:
            parts = self._try(row, "full_name", v.split_full_name)
            if parts:
                person["last_name"], person["first_name"], person["middle_name"] = parts
            return
        person["last_name"] = v.text(self.cell("last_name"))
        person["first_name"] = v.text(self.cell("first_name"))
        person["middle_name"] = v.text(self.cell("middle_name"))
        if not person["last_name"]:
            self._problem(row, "last_name", "не указана фамилия")
        if not person["first_name"]:
            self._problem(row, "first_name", "не указано имя")

    def _person(self, row: ParsedRow) -> None:
        person = row.person
        birth_date = self._try(row, "birth_date", v.parse_date)
        if birth_date:
            try:
                v.check_birth_date(birth_date, self.today)
            except CellError as error:
                self._problem(row, "birth_date", str(error))
                birth_date = None
        person["birth_date"] = birth_date
        person["class_name"] = v.parse_class(self.cell("class_name"))
        for key in TEXT_FIELDS:
            person[key] = v.text(self.cell(key))
        person["email"] = self._try(row, "email", v.parse_email) or ""
        person["experience_years"] = self._try(
            row, "experience_years", v.parse_int, 0, 70, "стаж (лет) должен быть"
        )
        kind = self._try(row, "kind", v.parse_kind)
        if kind is None and not self.cell("kind"):
            kind = self._inferred_kind(person)
            if kind is None:
                self._problem(row, "kind", self._no_kind())
        person["kind"] = kind

    def _no_kind(self) -> str:
        if "kind" in self.header.columns:
            return "не указана категория участника"
        return (
            "не указана категория участника: добавьте столбец «Категория участника» "
            "или заполните класс (для обучающихся) или должность (для педагогов)"
        )

    @staticmethod
    def _inferred_kind(person: dict) -> str | None:
        if person["class_name"]:
            return Participant.Kind.STUDENT
        if person["position"] or person["subject"] or person["experience_years"] is not None:
            return Participant.Kind.TEACHER
        return None

    def _mentor(self, row: ParsedRow) -> None:
        entry = row.entry
        entry["contour"] = self._try(row, "contour", v.parse_contour)
        entry["competencies"] = v.split_list(self.cell("competencies"))
        entry["offer"] = v.long_text(self.cell("offer"))
        capacity = self._try(
            row, "capacity", v.parse_int, 1, 30, "количество наставляемых должно быть"
        )
        entry["capacity"] = capacity or 1

    def _mentee(self, row: ParsedRow) -> None:
        entry, kind = row.entry, row.person["kind"]
        if kind == Participant.Kind.STUDENT and not row.person["class_name"]:
            self._problem(row, "class_name", NO_CLASS)
        categories, messages = self.matcher.parse(self.cell("categories"), kind)
        for message in messages:
            self._problem(row, "categories", message)
        entry["categories"] = [category.pk for category in categories]
        entry["category_labels"] = [(c.name, c.sensitive) for c in categories]
        entry["request_text"] = v.long_text(self.cell("request_text"))
        entry["priority"] = self._try(row, "priority", v.parse_priority) or "normal"
        entry["source"] = v.text(self.cell("source"))

    def _lengths(self, row: ParsedRow) -> None:
        for key, value in (*row.person.items(), *row.entry.items()):
            limit = FIELDS_BY_KEY[key].max_length if key in FIELDS_BY_KEY else None
            if limit and isinstance(value, str) and len(value) > limit:
                column = key if key in self.header.columns else "name"
                self._problem(row, column, f"слишком длинное значение: не более {limit} символов")


def person_key(last_name: str, first_name: str, middle_name: str, birth_date) -> tuple:
    """The same person whatever the case, «ё» or spacing of the name."""
    name = " ".join(p.casefold().replace("ё", "е") for p in (last_name, first_name, middle_name))
    return " ".join(name.split()), birth_date


def read_rows(header: Header, rows, kind: str, today: datetime.date) -> list[ParsedRow]:
    if kind not in (MENTORS, MENTEES):
        raise ValueError(f"unknown base: {kind}")
    reader = RowReader(header, kind, CategoryMatcher.load() if kind == MENTEES else None, today)
    return [reader.read(number, values) for number, values in rows]
