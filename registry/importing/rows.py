"""One data row of a sheet → the person and the base entry it describes, with its problems."""

import datetime
from dataclasses import dataclass, field

from ..models import Consent, Participant
from ..models.people import age_on
from . import values as v
from .categories import CategoryMatcher
from .columns import (
    BIRTH_PARTS,
    CONSENT_DATE_KEYS,
    FIELDS_BY_KEY,
    MENTEES,
    MENTORS,
    Header,
    normalise,
)
from .contacts import parse_email, parse_phone
from .values import CellError

TEXT_FIELDS = ("position", "subject", "organisation")
LIMITED = [
    (field.key, field.max_length)
    for field in FIELDS_BY_KEY.values()
    if field.max_length and field.key != "consent_signed_by"
]
NO_CLASS = "у обучающегося должен быть указан класс, например «7Б»"
CONSENT_KINDS = {
    "consent_date": (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION),
    "consent_personal_data": (Consent.Kind.PERSONAL_DATA,),
    "consent_participation": (Consent.Kind.PARTICIPATION,),
}
PART_NAMES = {"birth_day": "день", "birth_month": "месяц", "birth_year": "год"}
SELF_SIGNED = ("лично", "сам", "сама", "участник", "самостоятельно")
NO_CONSENT = ("нет", "не дано", "отказ", "-", "—")


@dataclass
class Problem:
    row: int | None
    column: str
    message: str
    kind: str = ""
    sheet: str = ""  # for a workbook with one class per sheet

    def as_dict(self) -> dict:
        data = {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "kind": self.kind or self.message,
        }
        if self.sheet:
            data["sheet"] = self.sheet
        return data


@dataclass
class ParsedRow:
    number: int
    person: dict = field(default_factory=dict)
    entry: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    consents: list[dict] = field(default_factory=list)
    reference: int | None = None  # «Код участника» of the app's own export
    existing_participant_id: int | None = None
    entry_id: int | None = None  # the person's mentor entry or mentee entry, when there is one
    action: str = ""  # ADD, UPDATE or SAME (matching.py)
    changes: list[dict] = field(default_factory=list)  # {"field", "old", "new"}
    sheet: str = ""  # the sheet of a workbook with one class per sheet

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def key(self) -> tuple[str, int]:
        return self.sheet, self.number

    @property
    def where(self) -> str:
        """The row as a person finds it: «7», or «7 (лист «5А»)»."""
        return f"{self.number} (лист «{self.sheet}»)" if self.sheet else str(self.number)

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
        self._columns = header.columns
        self._values: tuple = ()
        self._width = 0
        self._memo: dict[tuple, tuple] = {}
        # Only values that come from a column (or the class of a sheet or sub-heading) can be long.
        names = ("last_name", "first_name", "middle_name") if header.has_name else ()
        self._limited = [
            (key, limit)
            for key, limit in LIMITED
            if key in header.columns or key in names or key == "class_name"
        ]

    def cell(self, key: str):
        index = self._columns.get(key)
        if index is None or index >= self._width:
            return None
        return self._values[index]

    def read(
        self, number: int, values: tuple, heading_class: str | None = None, sheet: str = ""
    ) -> ParsedRow:
        row = ParsedRow(number, sheet=sheet)
        self._values, self._width = values, len(values)
        self._name(row)
        self._person(row, heading_class)
        if self.kind == MENTORS:
            self._mentor(row)
        else:
            self._mentee(row)
        self._consents(row)
        self._reference(row)
        self._lengths(row)
        return row

    def _problem(self, row: ParsedRow, key: str, message: str, kind: str = "") -> None:
        column = self.header.name_title() if key == "name" else self.header.title(key)
        row.problems.append(Problem(row.number, column, message, kind, row.sheet))

    def _read(self, name: str, parse, value, *args):
        """(value read, CellError or None); a value repeated down a column is read once."""
        memo = (name, value.__class__, value)
        found = self._memo.get(memo)
        if found is None:
            try:
                found = (parse(value, *args), None)
            except CellError as error:
                found = (None, error)
            self._memo[memo] = found
        return found

    def _try(self, row: ParsedRow, key: str, parse, *args):
        value, error = self._read(key, parse, self.cell(key), *args)
        if error is not None:
            self._problem(row, key, str(error), error.kind)
        return value

    def _name(self, row: ParsedRow) -> None:
        person = row.person
        if "full_name" in self.header.columns:
            parts = self._try(row, "full_name", v.split_full_name)
            if parts:
                person["last_name"], person["first_name"], person["middle_name"] = parts
            return
        for key in ("last_name", "first_name", "middle_name"):
            person[key] = v.text(self.cell(key))
            if person[key]:
                try:
                    v.check_one_person(self.cell(key), 1)
                    v.check_name_part(person[key])
                except CellError as error:
                    self._problem(row, key, str(error), error.kind)
        if not person["last_name"]:
            self._problem(row, "last_name", "не указана фамилия", "ФИО: нет имени или фамилии")
        if not person["first_name"]:
            self._problem(row, "first_name", "не указано имя", "ФИО: нет имени или фамилии")

    def _person(self, row: ParsedRow, heading_class: str | None) -> None:
        person = row.person
        if "birth_year" in self._columns:
            birth_date = self._birth_of_parts(row)
        else:
            birth_date = self._try(row, "birth_date", v.parse_date, self.today)
        if birth_date:
            try:
                v.check_birth_date(birth_date, self.today)
            except CellError as error:
                self._problem(row, "birth_date", str(error), error.kind)
                birth_date = None
        person["birth_date"] = birth_date
        person["class_name"] = (
            self._read("class", v.parse_class, self._class_cell())[0] or heading_class or ""
        )
        for key in TEXT_FIELDS:
            person[key] = v.text(self.cell(key))
        person["phone"] = self._read("phone", parse_phone, self.cell("phone"))[0]
        person["email"] = self._try(row, "email", parse_email) or ""
        person["experience_years"] = self._try(row, "experience_years", v.parse_experience)
        problems = len(row.problems)
        kind = self._try(row, "kind", v.parse_kind)
        if kind is None and len(row.problems) == problems:
            kind = self._inferred_kind(person, qualification=bool(v.text(self.cell("kind"))))
            if kind is None:
                self._problem(row, "kind", self._no_kind(), "Не указана категория участника")
        person["kind"] = kind

    def _birth_of_parts(self, row: ParsedRow) -> datetime.date | None:
        """A birth date in three columns: day, month (a number or a word) and year."""
        problems = len(row.problems)
        readers = (v.parse_day, v.parse_month, v.parse_year)
        parts = [self._try(row, key, read) for key, read in zip(BIRTH_PARTS, readers, strict=True)]
        if len(row.problems) > problems or parts == [None, None, None]:
            return None
        if None in parts:
            key = BIRTH_PARTS[parts.index(None)]
            self._problem(
                row,
                key,
                f"не указан {PART_NAMES[key]} рождения: заполните день, месяц и год",
                "Дата не понята",
            )
            return None
        try:
            return v.date_of_parts(*parts, self.today)
        except CellError as error:
            self._problem(row, "birth_day", str(error), error.kind)
            return None

    def _class_cell(self):
        """The class, or the grade and the letter from two columns («7» and «Б»)."""
        grade, letter = self.cell("class_name"), v.text(self.cell("class_letter"))
        if letter and v.text(grade).isdigit():
            return f"{v.text(grade)}{letter}"
        return grade

    def _no_kind(self) -> str:
        if "kind" in self.header.columns:
            return "не указана категория участника"
        return (
            "не указана категория участника: добавьте столбец «Категория участника» "
            "или заполните класс (для обучающихся) или должность (для педагогов)"
        )

    @staticmethod
    def _inferred_kind(person: dict, *, qualification: bool) -> str | None:
        """From the class or the job; a qualification category («высшая») means a teacher."""
        if person["class_name"]:
            return Participant.Kind.STUDENT
        if (
            person["position"]
            or person["subject"]
            or person["experience_years"] is not None
            or qualification
        ):
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
        entry["capacity"] = capacity

    def _mentee(self, row: ParsedRow) -> None:
        entry, kind = row.entry, row.person["kind"]
        if kind == Participant.Kind.STUDENT and not row.person["class_name"]:
            self._problem(row, "class_name", NO_CLASS, "Нет класса у обучающегося")
        categories, messages = self.matcher.parse(self.cell("categories"), kind)
        for message, group in messages:
            self._problem(row, "categories", message, group)
        entry["categories"] = [category.pk for category in categories]
        entry["request_text"] = v.long_text(self.cell("request_text"))
        priority = self.cell("priority")
        entry["priority"] = self._try(row, "priority", v.parse_priority) if v.text(priority) else ""
        entry["source"] = v.text(self.cell("source"))

    def _consents(self, row: ParsedRow) -> None:
        signer = v.text(self.cell("consent_signed_by"))
        for key in CONSENT_DATE_KEYS:
            value = self.cell(key)
            if not v.text(value) or normalise(value) in NO_CONSENT:
                continue
            signed_on = self._consent_date(row, key, value)
            if signed_on is None:
                continue
            given_by, representative = self._signer(row, key, signer, signed_on)
            if given_by is None:
                continue
            for consent_kind in CONSENT_KINDS[key]:
                row.consents.append(
                    {
                        "kind": consent_kind,
                        "signed_on": signed_on,
                        "given_by": given_by,
                        "representative_name": representative,
                    }
                )

    def _consent_date(self, row: ParsedRow, key: str, value) -> datetime.date | None:
        signed_on, error = self._read("consent", _consent_day, value, self.today)
        if error is not None:
            if not any(char.isdigit() for char in v.text(value)):
                self._problem(
                    row,
                    key,
                    f"укажите дату согласия, например 01.09.{self.today.year}, "
                    f"а не «{v.text(value)}»",
                    "Согласие без даты",
                )
            else:
                self._problem(row, key, str(error), error.kind)
            return None
        return signed_on

    def _signer(self, row: ParsedRow, key: str, signer: str, signed_on) -> tuple:
        person = row.person
        birth = person.get("birth_date")
        minor = (
            age_on(birth, signed_on) < 18
            if birth
            else person.get("kind") == Participant.Kind.STUDENT
        )
        own = bool(signer) and (
            normalise(signer) in SELF_SIGNED or normalise(signer) == normalise(row.full_name)
        )
        if not signer or own:
            if minor:
                self._problem(
                    row,
                    "consent_signed_by" if "consent_signed_by" in self.header.columns else key,
                    "за несовершеннолетнего согласие подписывает родитель (законный "
                    "представитель): укажите его ФИО в столбце «Кто подписал согласие»",
                    "Согласие несовершеннолетнего без подписи родителя",
                )
                return None, ""
            return Consent.GivenBy.SELF, ""
        return Consent.GivenBy.REPRESENTATIVE, signer

    def _reference(self, row: ParsedRow) -> None:
        value = self.cell("participant_id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        raw = v.text(value)
        row.reference = int(raw) if raw.isdigit() and len(raw) <= 18 else None

    def _lengths(self, row: ParsedRow) -> None:
        person, entry = row.person, row.entry
        for key, limit in self._limited:
            value = person[key] if key in person else entry.get(key)
            if isinstance(value, str) and len(value) > limit:
                column = key if key in self.header.columns else "name"
                self._problem(
                    row,
                    column,
                    f"слишком длинное значение: не более {limit} символов",
                    "Слишком длинное значение",
                )
        signer = v.text(self.cell("consent_signed_by"))
        if len(signer) > FIELDS_BY_KEY["consent_signed_by"].max_length:
            self._problem(
                row,
                "consent_signed_by",
                "слишком длинное значение: не более 255 символов",
                "Слишком длинное значение",
            )


def _consent_day(value, today: datetime.date) -> datetime.date | None:
    signed_on = v.parse_date(value)
    v.check_past_date(signed_on, today, "дата согласия")
    return signed_on


def person_key(last_name: str, first_name: str, middle_name: str, birth_date) -> tuple:
    """The same person whatever the case, «ё» or spacing of the name."""
    name = " ".join(p.casefold().replace("ё", "е") for p in (last_name, first_name, middle_name))
    return " ".join(name.split()), birth_date


def read_rows(header: Header, rows, kind: str, today: datetime.date) -> list[ParsedRow]:
    """``rows``: (number, values) or (number, values, class of the sub-heading above)."""
    if kind not in (MENTORS, MENTEES):
        raise ValueError(f"unknown base: {kind}")
    reader = RowReader(header, kind, CategoryMatcher.load() if kind == MENTEES else None, today)
    return [reader.read(*row) for row in rows]
