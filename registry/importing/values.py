"""Reading one cell: dates, numbers and Russian words of the reference lists."""

import datetime
import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.utils.datetime import from_excel

from ..models import Mentee, Mentor, Participant
from .columns import normalise

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Excel serial numbers of 01.01.1900 … 31.12.2099, for date cells stored as plain numbers.
_SERIALS = range(1, 73051)


class CellError(ValueError):
    """A value that cannot be read; the message is shown to the user as is."""


def text(value: object) -> str:
    """A cell as one line of text: numbers without «.0», dates as ДД.ММ.ГГГГ."""
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


def parse_date(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and int(value) in _SERIALS
    ):
        return from_excel(value).date()
    raw = text(value)
    if not raw:
        return None
    match = _DOTTED.match(raw)
    parts = None
    if match:
        parts = int(match[3]), int(match[2]), int(match[1])
    elif match := _ISO.match(raw):
        parts = int(match[1]), int(match[2]), int(match[3])
    try:
        if parts is None:
            raise ValueError
        return datetime.date(*parts)
    except ValueError:
        raise CellError(f"не удалось распознать дату «{raw}»") from None


def check_birth_date(day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise CellError(f"дата рождения {day:%d.%m.%Y} ещё не наступила")
    if day < EARLIEST_BIRTH_DATE:
        raise CellError(f"слишком ранняя дата рождения {day:%d.%m.%Y}")


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
    if number is None or not float(number).is_integer() or not low <= number <= high:
        raise CellError(f"{what} целым числом от {low} до {high}, а не «{text(value)}»")
    return int(number)


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
KIND_HELP = "обучающийся, педагог, родитель, выпускник, профессионал, специалист предприятия"
CONTOUR_STEMS = (
    (Mentor.Contour.INTERNAL, ("внутр", "internal")),
    (Mentor.Contour.EXTERNAL, ("внешн", "external")),
)
PRIORITY_STEMS = (
    (Mentee.Priority.HIGH, ("высок", "high")),
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
    if not text(value):
        return None
    kind = _by_stem(value, KIND_STEMS)
    if kind is None:
        raise CellError(f"неизвестная категория участника «{text(value)}»: допустимы {KIND_HELP}")
    return kind


def parse_contour(value: object) -> str | None:
    if not text(value):
        return None
    contour = _by_stem(value, CONTOUR_STEMS)
    if contour is None:
        raise CellError(f"неизвестный контур «{text(value)}»: допустимы «внутренний» и «внешний»")
    return contour


def parse_priority(value: object) -> str:
    if not text(value):
        return Mentee.Priority.NORMAL
    priority = _by_stem(value, PRIORITY_STEMS)
    if priority is None:
        raise CellError(
            f"неизвестный приоритет «{text(value)}»: допустимы «высокий», «обычный», «низкий»"
        )
    return priority


def parse_class(value: object) -> str:
    """«7 б», «7б», «7 „Б“» → «7Б»."""
    return re.sub(r"[\s«»\"'„“”]", "", text(value)).upper()


def parse_email(value: object) -> str:
    address = text(value)
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise CellError(f"неверный адрес электронной почты «{address}»") from None
    return address


def split_full_name(value: object) -> tuple[str, str, str]:
    """«Иванова Ольга Сергеевна» → parts; «Мамедов Эльдар Руслан оглы» keeps «Руслан оглы»."""
    words = text(value).split()
    if len(words) < 2:
        raise CellError(
            f"укажите фамилию и имя полностью, например «Иванова Ольга Сергеевна», "
            f"а не «{shown(value)}»"
        )
    return words[0], words[1], " ".join(words[2:])


def split_list(value: object) -> list[str]:
    """«математика; олимпиады, проекты» → three items; empty items are dropped."""
    raw = long_text(value).replace(";", ",").replace("\n", ",")
    return [" ".join(part.split()) for part in raw.split(",") if part.strip()]
