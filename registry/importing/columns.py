"""The columns an imported base may have, and how their Russian headers are recognised."""

import re
from dataclasses import dataclass

MENTORS = "mentors"
MENTEES = "mentees"
BOTH = frozenset({MENTORS, MENTEES})

HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 60


@dataclass(frozen=True)
class Field:
    key: str
    title: str
    synonyms: tuple[str, ...]
    bases: frozenset = BOTH
    max_length: int | None = None


FIELDS = (
    Field(
        "full_name",
        "ФИО",
        ("фио", "ф и о", "фамилия имя отчество", "фамилия имя отчество при наличии"),
    ),
    Field("last_name", "Фамилия", ("фамилия",), max_length=100),
    Field("first_name", "Имя", ("имя",), max_length=100),
    Field("middle_name", "Отчество", ("отчество",), max_length=100),
    Field("birth_date", "Дата рождения", ("дата рождения", "др", "д р")),
    Field("kind", "Категория участника", ("категория", "категория участника")),
    Field("class_name", "Класс", ("класс", "класс группа"), max_length=10),
    Field("position", "Должность", ("должность",), max_length=255),
    Field("subject", "Предмет", ("предмет", "преподаваемый предмет"), max_length=255),
    Field("experience_years", "Стаж", ("стаж", "педагогический стаж", "стаж работы")),
    Field(
        "organisation",
        "Организация",
        ("организация", "место работы", "место учебы", "место работы учебы", "предприятие"),
        max_length=255,
    ),
    Field("phone", "Телефон", ("телефон", "тел", "контактный телефон"), max_length=50),
    Field(
        "email",
        "E-mail",
        ("e mail", "email", "почта", "электронная почта", "эл почта", "адрес электронной почты"),
        max_length=254,
    ),
    Field("contour", "Контур", ("контур",), frozenset({MENTORS})),
    Field(
        "competencies",
        "Компетенции",
        ("компетенции", "предметы", "компетенции и предметы", "компетенции предметы"),
        frozenset({MENTORS}),
    ),
    Field(
        "offer",
        "Чем я могу быть полезен",
        ("чем я могу быть полезен", "чем могу быть полезен", "чем может быть полезен"),
        frozenset({MENTORS}),
    ),
    Field(
        "capacity",
        "Количество наставляемых",
        (
            "количество наставляемых",
            "кол во наставляемых",
            "макс наставляемых",
            "максимум наставляемых",
            "максимальное количество наставляемых",
            "наставляемых не более",
        ),
        frozenset({MENTORS}),
    ),
    Field(
        "categories",
        "Категория запроса",
        ("категория запроса", "категории запроса", "категория запросов"),
        frozenset({MENTEES}),
    ),
    Field(
        "request_text",
        "Запрос",
        ("запрос", "запрос своими словами", "описание запроса", "суть запроса"),
        frozenset({MENTEES}),
    ),
    Field("priority", "Приоритет", ("приоритет",), frozenset({MENTEES})),
    Field(
        "source",
        "Источник",
        ("источник", "источник запроса"),
        frozenset({MENTEES}),
        max_length=255,
    ),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}

# Columns of the template workbook, in this order.
TEMPLATE_COLUMNS = {
    MENTEES: (
        "full_name",
        "birth_date",
        "kind",
        "class_name",
        "position",
        "categories",
        "request_text",
        "priority",
        "source",
        "phone",
        "email",
    ),
    MENTORS: (
        "full_name",
        "birth_date",
        "kind",
        "class_name",
        "position",
        "subject",
        "experience_years",
        "organisation",
        "contour",
        "competencies",
        "offer",
        "capacity",
        "phone",
        "email",
    ),
}

# «№», «№ п/п», «Номер»: the row number column, neither read nor reported as unknown.
ROW_NUMBER_HEADERS = frozenset({"", "п п", "номер", "номер п п", "no", "n"})
REQUIRED_TEXT = "«ФИО» (или «Фамилия», «Имя», «Отчество»)"

_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: object) -> str:
    """Case, «ё», punctuation and spacing do not matter: «E-mail:» == «e mail»."""
    if text is None:
        return ""
    value = str(text).casefold().replace("ё", "е").replace("_", " ")
    return " ".join(_NOT_WORD.sub(" ", value).split())


def _lookup(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact, prefixes = {}, []
    for field in FIELDS:
        if kind not in field.bases:
            continue
        for synonym in field.synonyms:
            exact[synonym] = field.key
            prefixes.append((synonym + " ", field.key))
    prefixes.sort(key=lambda pair: len(pair[0]), reverse=True)
    return exact, prefixes


def recognise(header: object, kind: str) -> str | None:
    """The field key of one header cell, or None. «ФИО наставляемого» is «ФИО»."""
    text = normalise(header)
    if not text:
        return None
    exact, prefixes = _lookup(kind)
    if text in exact:
        return exact[text]
    for prefix, key in prefixes:
        if text.startswith(prefix):
            return key
    return None


@dataclass
class Header:
    row: int
    columns: dict[str, int]  # field key → 0-based column index
    titles: dict[str, str]  # field key → the header text as written in the file
    unknown: list[str]

    @property
    def has_name(self) -> bool:
        return "full_name" in self.columns or (
            "last_name" in self.columns and "first_name" in self.columns
        )

    def missing_required(self) -> list[str]:
        if self.has_name:
            return []
        if "last_name" in self.columns:
            return ["Имя"]
        if "first_name" in self.columns:
            return ["Фамилия"]
        return ["ФИО"]

    def title(self, key: str) -> str:
        return self.titles.get(key) or FIELDS_BY_KEY[key].title

    def name_title(self) -> str:
        if "full_name" in self.columns:
            return self.title("full_name")
        keys = ("last_name", "first_name", "middle_name")
        return ", ".join(self.title(key) for key in keys if key in self.columns)


def read_header(values: tuple, row: int, kind: str) -> Header:
    columns, titles, unknown = {}, {}, []
    for index, value in enumerate(values):
        key = recognise(value, kind)
        if key is None:
            if normalise(value) not in ROW_NUMBER_HEADERS:
                unknown.append(" ".join(str(value).split()))
        elif key not in columns:
            columns[key] = index
            titles[key] = " ".join(str(value).split())
    return Header(row, columns, titles, unknown)
