"""Reading one cell: names, dates, numbers, classes and Russian words of the reference lists."""

import datetime
import math
import re

from openpyxl.utils.datetime import from_excel

from ..models import Mentee, Mentor, Participant
from .columns import normalise

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
# Excel serial numbers of 01.01.1900 … 31.12.2099, for date cells stored as plain numbers.
_SERIALS = range(1, 73051)
DATE_FORMATS_TEXT = (
    "понятны форматы ДД.ММ.ГГГГ (14.03.2012), ДД.ММ.ГГ (14.03.12), ГГГГ-ММ-ДД (2012-03-14), "
    "«14 марта 2012» и даты Excel"
)
MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
# A month written in a column of its own: «март», «марта», «мар», «Март.».
MONTH_WORDS = {
    word: number
    for number, words in enumerate(
        (
            "январь января янв", "февраль февраля фев февр", "март марта мар",
            "апрель апреля апр", "май мая", "июнь июня июн", "июль июля июл",
            "август августа авг", "сентябрь сентября сен сент", "октябрь октября окт",
            "ноябрь ноября ноя нояб", "декабрь декабря дек",
        ),
        start=1,
    )
    for word in words.split()
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*([./\-\\ ])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$")
_WORDS_DATE = re.compile(r"^(\d{1,2})\s+([а-я]+)\.?\s+(\d{4})$")
_TIME_TAIL = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$")
_YEAR_WORD = re.compile(r"\s*(г|год|года)\.?$")


class CellError(ValueError):
    """A value that cannot be read. The message is shown as is; ``kind`` groups alike errors."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind or message


def text(value: object) -> str:
    """A cell as one line of text: numbers without «.0», dates as ДД.ММ.ГГГГ."""
    if value.__class__ is str:
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def long_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    return text(value)


def shown(value: object) -> str:
    return text(value) or "(пусто)"


# Names ---------------------------------------------------------------------------------------

NOT_A_NAME = "ФИО не похоже на имя человека"
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’.][^\W\d_]*)*$")


_PLAIN_NAME = re.compile(r"^[^\W\d_]+(?:[-'’.][^\W\d_]*)*(?: [^\W\d_]+(?:[-'’.][^\W\d_]*)*)*$")


def check_name_part(part: str) -> None:
    """A surname, a name or a patronymic: letters, with hyphens or apostrophes inside."""
    has_digit = any(map(str.isdigit, part))
    if not has_digit and _PLAIN_NAME.match(part):
        return  # words of letters: the usual case, decided by one expression
    if part.startswith(("=", "+", "@")):
        raise CellError(f"«{part}» похоже на формулу, а не на имя человека", NOT_A_NAME)
    if has_digit:
        raise CellError(f"в имени человека не может быть цифр: «{part}»", NOT_A_NAME)
    for word in part.split():
        if not _NAME_WORD.match(word):
            odd = "".join(sorted({c for c in word if not (c.isalpha() or c in "-'’.")}))
            raise CellError(
                f"в имени человека есть лишние знаки «{odd or word}»: «{part}»", NOT_A_NAME
            )


SEVERAL_PEOPLE = "Несколько человек в одной ячейке"
_PEOPLE_SEPARATOR = re.compile(r"\s*[\n,;]\s*")


def check_one_person(value: object, words: int) -> None:
    """Refuses a cell holding several people («Иванов Иван, Петров Пётр», or one per line):
    every part has ``words`` words or more (2 for a ФИО, 1 for a surname or a name)."""
    if value.__class__ is not str:
        return
    if "," not in value and ";" not in value and "\n" not in value:
        return
    parts = [part for part in _PEOPLE_SEPARATOR.split(value.strip()) if part]
    if len(parts) < 2 or any(len(part.split()) < words for part in parts):
        return
    listed = ", ".join(f"«{' '.join(part.split())}»" for part in parts[:4])
    raise CellError(
        f"в одной ячейке несколько человек ({len(parts)}): {listed}{'…' if len(parts) > 4 else ''}"
        ". Запишите каждого человека в отдельной строке",
        SEVERAL_PEOPLE,
    )


def split_full_name(value: object) -> tuple[str, str, str]:
    """«Иванова Ольга Сергеевна» → parts; «Мамедов Эльдар Руслан оглы» keeps «Руслан оглы»."""
    check_one_person(value, 2)
    whole = text(value)
    if whole:
        check_name_part(whole)
    words = whole.split()
    if len(words) < 2:
        raise CellError(
            f"укажите фамилию и имя полностью, например «Иванова Ольга Сергеевна», "
            f"а не «{shown(value)}»",
            "ФИО: нет имени или фамилии",
        )
    return words[0], words[1], " ".join(words[2:])


# Dates ---------------------------------------------------------------------------------------


def _unreadable(raw: str) -> CellError:
    return CellError(f"не удалось распознать дату «{raw}»: {DATE_FORMATS_TEXT}", "Дата не понята")


def _century(year: int, month: int, day: int, past: datetime.date | None) -> int:
    """«12» is 2012 unless that day is after ``past`` (a birth date lies in the past)."""
    if year >= 100:
        return year
    candidate = 2000 + year
    if past is not None:
        try:
            if datetime.date(candidate, month, day) > past:
                return 1900 + year
        except ValueError:
            return candidate
    return candidate


def _make(raw: str, year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(
            f"не удалось распознать дату «{raw}»: такого дня в календаре нет",
            "Дата не понята",
        ) from None


def _from_text(raw: str, past: datetime.date | None) -> datetime.date:
    match = _DAY_MONTH_YEAR.match(raw)  # «14.03.2012», the usual case, as written
    value = raw
    if match is None:
        value = _YEAR_WORD.sub("", _TIME_TAIL.sub("", raw.casefold().replace("ё", "е"))).strip()
        match = _DAY_MONTH_YEAR.match(value)
    if match:
        first, separator, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
        day, month = first, second
        if separator == "/" and second > 12 >= first:  # 03/14/2012 from an American setting
            day, month = second, first
        return _make(raw, _century(year, month, day, past), month, day)
    if match := _YEAR_MONTH_DAY.match(value):
        return _make(raw, int(match[1]), int(match[2]), int(match[3]))
    if match := _WORDS_DATE.match(value):
        month = MONTHS.get(match[2][:3])
        if month:
            return _make(raw, int(match[3]), month, int(match[1]))
    raise _unreadable(raw)


def parse_date(value: object, past: datetime.date | None = None) -> datetime.date | None:
    """A date cell or text. ``past``: two-digit years fall on or before that day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise _unreadable(text(value))
    if isinstance(value, int | float) and math.isfinite(value):
        if float(value).is_integer() and 1900 <= value <= 2100:
            raise CellError(
                f"указан только год «{int(value)}»: нужна полная дата, например 14.03.2012",
                "Дата не понята",
            )
        if int(value) in _SERIALS:
            return from_excel(value).date()
    raw = text(value)
    if not raw:
        return None
    return _from_text(raw, past)


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if math.isfinite(value) and float(value).is_integer() else None
    raw = text(value).rstrip(".")
    return int(raw) if raw.isdigit() and len(raw) <= 4 else None


def parse_day(value: object) -> int | None:
    """The day of a birth date written in its own column."""
    if not text(value):
        return None
    day = _whole(value)
    if day is None or not 1 <= day <= 31:
        raise CellError(f"день рождения — число от 1 до 31, а не «{text(value)}»", "Дата не понята")
    return day


def parse_month(value: object) -> int | None:
    """A month as a number (3, «03») or a Russian word («март», «марта», «мар.»)."""
    if not text(value):
        return None
    month = _whole(value)
    if month is None:
        month = MONTH_WORDS.get(text(value).casefold().rstrip("."))
    if month is None or not 1 <= month <= 12:
        raise CellError(
            f"месяц рождения — число от 1 до 12 или название месяца («март», «марта»), "
            f"а не «{text(value)}»",
            "Дата не понята",
        )
    return month


def parse_year(value: object) -> int | None:
    """A year of four digits, or of two («12» is 2012 unless that date is still to come)."""
    if not text(value):
        return None
    year = _whole(value)
    if year is None or not (year < 100 or 1900 <= year <= 2100):
        raise CellError(
            f"год рождения — четыре цифры (2012) или две (12), а не «{text(value)}»",
            "Дата не понята",
        )
    return year


def date_of_parts(day: int, month: int, year: int, past: datetime.date | None) -> datetime.date:
    raw = f"{day:02d}.{month:02d}.{year:02d}"
    return _make(raw, _century(year, month, day, past), month, day)


def check_birth_date(day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise CellError(f"дата рождения {day:%d.%m.%Y} ещё не наступила", "Дата рождения в будущем")
    if day < EARLIEST_BIRTH_DATE:
        raise CellError(f"слишком ранняя дата рождения {day:%d.%m.%Y}", "Слишком ранняя дата")


def check_past_date(day: datetime.date, today: datetime.date, what: str) -> None:
    if day > today:
        raise CellError(f"{what} {day:%d.%m.%Y} ещё не наступила", "Дата в будущем")


# Numbers -------------------------------------------------------------------------------------


def parse_int(value: object, low: int, high: int, what: str) -> int | None:
    if value is None or text(value) == "":
        return None
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = float(text(value).replace(",", "."))
        except ValueError:
            number = None
    if (
        number is None
        or not math.isfinite(number)
        or not float(number).is_integer()
        or not low <= number <= high
    ):
        raise CellError(
            f"{what} целым числом от {low} до {high}, а не «{text(value)}»",
            f"Неверное число: {what}",
        )
    return int(number)


MAX_EXPERIENCE = 70
_LESS_THAN_A_YEAR = ("менее года", "меньше года", "до года", "до 1 года", "менее 1 года")
_NO_EXPERIENCE = ("нет", "без стажа", "0", "полгода", "пол года")
_EXPERIENCE = re.compile(
    r"^(\d+(?:[.,]\d+)?)\s*(?:г(?:од|ода)?|л(?:ет)?)?\.?"
    r"(?:\s*(?:и\s*)?(\d+)\s*(?:мес(?:яц(?:а|ев)?)?|м)\.?)?$"
)
_MONTHS_ONLY = re.compile(r"^\d+\s*(?:мес(?:яц(?:а|ев)?)?|м)\.?$")


def parse_experience(value: object) -> int | None:
    """Whole years of work: 12, «12 лет», «3 г.», «0,5», «5 л. 3 мес.», «менее года»."""
    if value is None or text(value) == "":
        return None
    years = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        years = value if math.isfinite(value) else None
    else:
        raw = text(value).casefold().replace("ё", "е")
        if raw in _LESS_THAN_A_YEAR or raw in _NO_EXPERIENCE or _MONTHS_ONLY.match(raw):
            return 0
        if match := _EXPERIENCE.match(raw):
            years = float(match[1].replace(",", "."))
    if years is None or not 0 <= years <= MAX_EXPERIENCE:
        raise CellError(
            f"не удалось понять стаж «{text(value)}»: укажите число лет от 0 до {MAX_EXPERIENCE}, "
            "например «12», «12 лет», «5 л. 3 мес.» или «менее года»",
            "Стаж не понят",
        )
    return int(years)


# Reference lists -----------------------------------------------------------------------------

# A cell matches when it starts with one of the stems (case, «ё» and punctuation ignored).
KIND_STEMS = (
    (Participant.Kind.STUDENT, ("обучающ", "учени", "учащ", "школьни", "студент", "student")),
    (
        Participant.Kind.TEACHER,
        ("педагог", "учител", "преподавател", "воспитател", "классн", "teacher"),
    ),
    (Participant.Kind.PARENT, ("родител", "законный представитель", "parent")),
    (Participant.Kind.GRADUATE, ("выпускни", "graduate")),
    (Participant.Kind.PROFESSIONAL, ("профессионал", "общественн", "professional")),
    (
        Participant.Kind.EMPLOYER_SPECIALIST,
        ("специалист", "работодател", "сотрудник предприятия", "employer"),
    ),
)
# A teacher's qualification category, which e-journals also call «Категория».
QUALIFICATION_STEMS = ("высш", "перв", "втор", "соответств", "сзд", "без категории", "б к")
KIND_HELP = "обучающийся, педагог, родитель, выпускник, профессионал, специалист предприятия"
CONTOUR_STEMS = (
    (Mentor.Contour.INTERNAL, ("внутр", "internal")),
    (Mentor.Contour.EXTERNAL, ("внешн", "external")),
)
PRIORITY_STEMS = (
    (Mentee.Priority.HIGH, ("высок", "high", "срочн")),
    (Mentee.Priority.NORMAL, ("обычн", "средн", "normal")),
    (Mentee.Priority.LOW, ("низк", "low")),
)


def _by_stem(value: object, choices) -> str | None:
    cell = normalise(value)
    for code, stems in choices:
        if any(cell.startswith(stem) for stem in stems):
            return code
    return None


def parse_kind(value: object) -> str | None:
    """None for an empty cell and for a qualification category («высшая»): decided by the row."""
    if not text(value):
        return None
    kind = _by_stem(value, KIND_STEMS)
    if kind is None:
        if normalise(value).startswith(QUALIFICATION_STEMS):
            return None
        raise CellError(
            f"неизвестная категория участника «{text(value)}»: допустимы {KIND_HELP}",
            "Неизвестная категория участника",
        )
    return kind


def parse_contour(value: object) -> str | None:
    if not text(value):
        return None
    contour = _by_stem(value, CONTOUR_STEMS)
    if contour is None:
        raise CellError(
            f"неизвестный контур «{text(value)}»: допустимы «внутренний» и «внешний»",
            "Неизвестный контур",
        )
    return contour


def parse_priority(value: object) -> str:
    if not text(value):
        return Mentee.Priority.NORMAL
    priority = _by_stem(value, PRIORITY_STEMS)
    if priority is None:
        raise CellError(
            f"неизвестный приоритет «{text(value)}»: допустимы «высокий», «обычный», «низкий»",
            "Неизвестный приоритет",
        )
    return priority


# Classes -------------------------------------------------------------------------------------

_LATIN_TWINS = str.maketrans("ABCEHKMOPTXabcehkmoptxy", "АВСЕНКМОРТХавсенкмортху")
_CLASS = re.compile(
    r"^(\d{1,2})\s*[-–—]?\s*[«\"„“'(]?\s*([^\W\d_])?\s*[»\"“”')]?\s*(?:класс|кл\.?)?$",
    re.IGNORECASE,
)
_CLASS_WORD_FIRST = re.compile(r"^(?:класс|кл\.?)\s*[:№-]?\s*(.+)$", re.IGNORECASE)


def class_of(raw: str) -> str | None:
    """«7-а», «7 а», «7 «А»», «7А класс», «Класс: 7А» → «7А»; None when it is not a class name."""
    value = " ".join(raw.split()).translate(_LATIN_TWINS)
    if match := _CLASS_WORD_FIRST.match(value):
        value = match[1]
    match = _CLASS.match(value)
    if not match or not 1 <= int(match[1]) <= 11:
        return None
    return f"{int(match[1])}{(match[2] or '').upper()}"


def parse_class(value: object) -> str:
    """«7 б», «7б», «7-б», «7 „Б“», «7Б класс» → «7Б»; anything else without spaces and quotes."""
    raw = text(value)
    if not raw:
        return ""
    return class_of(raw) or re.sub(r"[\s«»\"'„“”]", "", raw).upper()


def split_list(value: object) -> list[str]:
    """«математика; олимпиады, проекты» → three items; empty items are dropped."""
    raw = long_text(value).replace(";", ",").replace("\n", ",")
    return [" ".join(part.split()) for part in raw.split(",") if part.strip()]
