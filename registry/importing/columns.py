"""The columns an imported base may have, and how their Russian headers are recognised."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

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
        (
            "фио",
            "ф и о",
            "фамилия имя отчество",
            "фамилия имя отчество при наличии",
            "фамилия и имя",
        )
        + ("фамилия имя", "фамилия имя отчество полностью", "фио полностью"),
    ),
    Field("last_name", "Фамилия", ("фамилия",), max_length=100),
    Field("first_name", "Имя", ("имя",), max_length=100),
    Field("middle_name", "Отчество", ("отчество", "отчество при наличии"), max_length=100),
    Field(
        "birth_date",
        "Дата рождения",
        ("дата рождения", "др", "д р", "дата рожд", "д рожд", "дата рожд ия", "день рождения"),
    ),
    # A birth date written in three columns, under a group header «Дата рождения».
    Field(
        "birth_day",
        "Дата рождения: день",
        ("дата рождения день", "дата рождения число", "дата рождения дд", "число рождения"),
    ),
    Field(
        "birth_month",
        "Дата рождения: месяц",
        ("дата рождения месяц", "дата рождения мм", "месяц рождения"),
    ),
    Field(
        "birth_year",
        "Дата рождения: год",
        ("дата рождения год", "дата рождения гггг", "дата рождения гг", "год рождения"),
    ),
    Field(
        "kind",
        "Категория участника",
        ("категория", "категория участника", "роль", "роль участника", "роль в программе")
        + ("категория наставника", "категория наставляемого"),
    ),
    Field(
        "class_name",
        "Класс",
        ("класс", "класс группа", "группа", "группа класс", "учебная группа", "кл"),
        max_length=10,
    ),
    Field("class_letter", "Буква класса", ("литера", "буква", "буква класса", "литер")),
    Field(
        "position",
        "Должность",
        ("должность", "занимаемая должность", "должность по основному месту работы"),
        max_length=255,
    ),
    Field(
        "subject",
        "Предмет",
        ("предмет", "преподаваемый предмет", "преподаваемые предметы", "учебный предмет")
        + ("преподаваемые дисциплины", "дисциплина", "дисциплины", "предметы преподавания"),
        max_length=255,
    ),
    Field(
        "experience_years",
        "Стаж",
        ("стаж", "педагогический стаж", "стаж работы", "пед стаж", "педагогический стаж лет")
        + ("стаж педагогической работы", "стаж лет", "пед стаж лет", "стаж в должности"),
    ),
    Field(
        "organisation",
        "Организация",
        ("организация", "место работы", "место учебы", "место работы учебы", "предприятие")
        + ("наименование организации", "организация предприятие"),
        max_length=255,
    ),
    Field(
        "phone",
        "Телефон",
        ("телефон", "тел", "контактный телефон", "моб телефон", "мобильный телефон", "моб тел")
        + ("сотовый телефон", "номер телефона", "телефон для связи", "контактный номер"),
        max_length=50,
    ),
    Field(
        "email",
        "E-mail",
        ("e mail", "email", "почта", "электронная почта", "эл почта", "адрес электронной почты")
        + ("эл адрес", "электронный адрес", "адрес эл почты", "e mail адрес", "емейл", "имейл"),
        max_length=254,
    ),
    Field("contour", "Контур", ("контур",), frozenset({MENTORS})),
    Field(
        "competencies",
        "Компетенции",
        ("компетенции", "предметы", "компетенции и предметы", "компетенции предметы", "навыки"),
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
        ("категория запроса", "категории запроса", "категория запросов", "категория ребенка")
        + ("категории ребенка", "категория обучающегося", "категория учащегося")
        + ("категория ученика", "тип запроса", "вид запроса", "группа запроса"),
        frozenset({MENTEES}),
    ),
    Field(
        "request_text",
        "Запрос",
        ("запрос", "запрос своими словами", "описание запроса", "суть запроса")
        + ("запрос наставляемого", "профессиональные дефициты", "затруднения"),
        frozenset({MENTEES}),
    ),
    Field("priority", "Приоритет", ("приоритет", "срочность"), frozenset({MENTEES})),
    Field(
        "source",
        "Источник",
        ("источник", "источник запроса", "кто выявил запрос"),
        frozenset({MENTEES}),
        max_length=255,
    ),
    Field("consent_date", "Согласие (дата)", ("дата согласия", "согласие дата", "согласие")),
    Field(
        "consent_personal_data",
        "Согласие на обработку ПДн (дата)",
        ("согласие на обработку пдн", "согласие на обработку персональных данных"),
    ),
    Field(
        "consent_participation",
        "Согласие на участие (дата)",
        ("согласие на участие", "согласие на участие в программе"),
    ),
    Field(
        "consent_signed_by",
        "Кто подписал согласие",
        ("кто подписал согласие", "кто подписал", "согласие подписал", "подписал"),
        max_length=255,
    ),
    Field("participant_id", "Код участника", ("код участника", "id участника")),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}
BIRTH_PARTS = ("birth_day", "birth_month", "birth_year")
CONSENT_DATE_KEYS = ("consent_date", "consent_personal_data", "consent_participation")

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
# The export in the import's own shape adds these to the template's columns.
EXPORT_EXTRA_COLUMNS = {
    MENTEES: ("subject", "consent_personal_data", "consent_participation", "consent_signed_by"),
    MENTORS: ("consent_personal_data", "consent_participation", "consent_signed_by"),
}

# «№», «№ п/п», «Номер»: the row number column, neither read nor reported as unknown.
ROW_NUMBER_HEADERS = frozenset({"", "п п", "номер", "номер п п", "no", "n", "n п п"})
REQUIRED_TEXT = "«ФИО» (или «Фамилия», «Имя», «Отчество»)"

_NOT_WORD = re.compile(r"[^\w]+")
# Headers about a parent or guardian: never the participant's own name, phone or category.
_PARENT_WORDS = ("родител", "законн", "представител", "матер", "мать ", "отец", "отца", "опекун")
# «Категория …» alone is the participant's category only in these words.
_CAPACITY_WORDS = ("кол", "макс", "не более")
_NO_PREFIX = frozenset({"категория", "согласие", "группа", "кл", "тел", "роль", "др"})


def normalise(text: object) -> str:
    """Case, «ё», punctuation and spacing do not matter: «E-mail:» == «e mail»."""
    if text is None:
        return ""
    return _normalised(str(text))


@lru_cache(maxsize=8192)
def _normalised(text: str) -> str:
    value = text.casefold().replace("ё", "е").replace("_", " ")
    return " ".join(_NOT_WORD.sub(" ", value).split())


@cache
def _lookup(kind: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact, prefixes = {}, []
    for field in FIELDS:
        if kind not in field.bases:
            continue
        for synonym in field.synonyms:
            exact[synonym] = field.key
            if synonym not in _NO_PREFIX:
                prefixes.append((synonym + " ", field.key))
    prefixes.sort(key=lambda pair: len(pair[0]), reverse=True)
    return exact, tuple(prefixes)


def _consent_key(text: str) -> str:
    if "кто" in text or "подпис" in text or "фио" in text:
        return "consent_signed_by"
    if "персональн" in text or "пдн" in text or "обработк" in text:
        return "consent_personal_data"
    if "участи" in text:
        return "consent_participation"
    return "consent_date"


def _guarded(text: str, kind: str) -> tuple[bool, str | None]:
    """Headers whose words decide before the synonyms: consents, parents, the other base."""
    words = f"{text} "
    if "соглас" in text:
        if "педагог" in text and "наставничеств" in text:
            return True, None  # the teacher's own consent to mentor: not read here
        return True, _consent_key(text)
    if any(word in words for word in _PARENT_WORDS):
        signer = any(word in text for word in ("подпис", "фио", "кто"))
        return True, "consent_signed_by" if signer else None
    if kind == MENTEES and "наставник" in text and "наставляем" not in text:
        return True, None
    if kind == MENTORS and "наставляем" in text and not any(w in text for w in _CAPACITY_WORDS):
        return True, None
    if "квалификационн" in text:
        return True, None
    return False, None


def _by_keyword(text: str, kind: str) -> str | None:
    """Last resort for long headers: «Контактные данные: телефон», «Адрес эл. почты (личный)»."""
    if "телефон" in text:
        return "phone"
    if "почт" in text or "e mail" in text or "email" in text:
        return "email"
    if kind == MENTEES and "запрос" in text and "категор" in text:
        return "categories"
    if "рожден" in text and "дата" in text:
        return "birth_date"
    return None


def is_guarded(header: object, kind: str) -> bool:
    return _guarded(normalise(header), kind)[0]


def recognise(header: object, kind: str) -> str | None:
    """The field key of one header cell, or None. «ФИО наставляемого» is «ФИО»."""
    text = normalise(header)
    if not text:
        return None
    decided, key = _guarded(text, kind)
    if decided:
        return key if key is None or kind in FIELDS_BY_KEY[key].bases else None
    exact, prefixes = _lookup(kind)
    if text in exact:
        return exact[text]
    for prefix, key in prefixes:
        if text.startswith(prefix):
            return key
    return _by_keyword(text, kind)


@dataclass
class Header:
    row: int
    columns: dict[str, int]  # field key → 0-based column index
    titles: dict[str, str]  # field key → the header text as written in the file
    unknown: list[str]
    rows: int = 1  # two for a header of two rows (a merged group over its sub-columns)

    @property
    def has_name(self) -> bool:
        return "full_name" in self.columns or (
            "last_name" in self.columns and "first_name" in self.columns
        )

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

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

    def name_column(self) -> int | None:
        return self.columns.get("full_name", self.columns.get("last_name"))

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "rows": self.rows,
            "columns": self.columns,
            "titles": self.titles,
            "unknown": self.unknown,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Header":
        return cls(
            data["row"], data["columns"], data["titles"], data["unknown"], data.get("rows", 1)
        )


def _shown(value: object) -> str:
    return " ".join(str(value).split())


def read_header(values, row: int, kind: str, *, rows: int = 1) -> Header:
    columns, titles, unknown = {}, {}, []
    for index, value in enumerate(values):
        key = recognise(value, kind)
        if key is None:
            if normalise(value) not in ROW_NUMBER_HEADERS:
                unknown.append(_shown(value))
        elif key not in columns:
            columns[key] = index
            titles[key] = _shown(value)
    parts = [key for key in BIRTH_PARTS if key in columns]
    if parts and ("birth_date" in columns or len(parts) < len(BIRTH_PARTS)):
        for key in parts:  # a year alone is not a birth date: the column is not read
            del columns[key]
            unknown.append(titles.pop(key))
    return Header(row, columns, titles, unknown, rows)
