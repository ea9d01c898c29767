"""Rows of a school's list that are not people: totals, signatures, class sub-headings, notes."""

import re

from .columns import FIELDS_BY_KEY, Header, normalise, read_header
from .values import class_of, text

TOTAL = "итоговая строка"
SIGNATURE = "подпись или служебная строка"
CLASS_HEADING = "подзаголовок класса"
EXAMPLE = "строка-образец из шаблона"
NUMBER_ONLY = "строка только с номером"
REPEATED_HEADER = "повтор строки заголовков"
NOTE = "примечание"

_TOTAL_STARTS = (
    "итого",
    "всего",
    "итог ",
    "общее количество",
    "количество",
    "кол во",
    "общее число",
)
_SIGNATURE_STARTS = (
    "директор", "заместитель директора", "зам директора", "классный руководитель",
    "кл руководитель", "куратор", "ответственный", "исполнитель", "составил", "руководитель",
    "председатель", "секретарь", "дата составления", "список составлен", "проверил", "утверждаю",
    "согласовано", "м п", "мп ",
)  # fmt: skip
NAME_HEADERS = frozenset(
    synonym for key in ("full_name", "last_name") for synonym in FIELDS_BY_KEY[key].synonyms
)
_NOTE_STARTS = ("примечание", "пояснение", "примечания")


def _words(*phrases: str) -> tuple[str, ...]:
    """Whole words only: «Директорова Анна» is a person, «Директор ____» a signature."""
    return tuple(phrase.strip() + " " for phrase in phrases)


_SIGNATURE_WORD = re.compile(r"\bподпис[ьи]\b", re.IGNORECASE)
TOTAL_WORDS = _words(*_TOTAL_STARTS)
SIGNATURE_WORDS = _words(*_SIGNATURE_STARTS)
NOTE_WORDS = _words(*_NOTE_STARTS)
_CLASS_HEADING = re.compile(
    r"^(?:\d{1,2}\s*[-–—]?\s*[«\"„“']?\s*[^\W\d_]?\s*[»\"“”']?\s*(?:класс|кл\b)|класс\b)", re.I
)


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and value.strip().rstrip(".").isdigit()


def class_heading(value) -> str | None:
    """«7 «А» класс», «7А класс», «Класс: 7А» → «7А»; None for anything else."""
    raw = text(value)
    if not raw or not _CLASS_HEADING.match(raw):
        return None
    return class_of(raw)


class RowSorter:
    """Tells the rows that describe people from the rows that do not, and why."""

    def __init__(self, header: Header, kind: str, examples: set[str]) -> None:
        self.header = header
        self.kind = kind
        self.examples = examples  # normalised full names of the template's example row
        self.name_column = header.name_column()
        columns = header.columns
        self.name_parts = (
            [columns["full_name"]]
            if "full_name" in columns
            else [columns[k] for k in ("last_name", "first_name", "middle_name") if k in columns]
        )

    def reason(self, values: tuple) -> tuple[str | None, str | None]:
        """(why the row is skipped or None, the class a sub-heading opens or None)."""
        filled = [v for v in values if v is not None and (v.__class__ is not str or v.strip())]
        if not filled:
            return NUMBER_ONLY, None
        first = normalise(filled[0]) + " " if isinstance(filled[0], str) else ""
        if first.startswith(TOTAL_WORDS):
            return TOTAL, None
        name = self._name(values)
        if len(filled) <= 3 or _signed(name):
            if any(_signed(v) for v in filled if v.__class__ is str):
                return SIGNATURE, None
            if len(filled) <= 3 and first.startswith(SIGNATURE_WORDS):
                return SIGNATURE, None
        if len(filled) <= 2 and first.startswith(NOTE_WORDS):
            return NOTE, None
        if len(filled) == 1 or (
            filled[-1] == filled[0] and len({text(value) for value in filled}) == 1
        ):
            heading = class_heading(filled[0])
            if heading:
                return CLASS_HEADING, heading
        if len(filled) == 1 and _is_number(filled[0]) and not name:
            return NUMBER_ONLY, None
        if self.examples and normalise(name) in self.examples:
            return EXAMPLE, None
        if self._repeats_header(values):
            return REPEATED_HEADER, None
        return None, None

    def _name(self, values: tuple) -> str:
        parts = [values[i] for i in self.name_parts if i < len(values) and values[i] is not None]
        return " ".join(str(part) for part in parts)

    def _repeats_header(self, values: tuple) -> bool:
        name = values[self.name_column] if self.name_column < len(values) else None
        if not isinstance(name, str) or normalise(name) not in NAME_HEADERS:
            return False
        again = read_header(values, 0, self.kind)
        return again.has_name and again.columns == self.header.columns


def _signed(value: str) -> bool:
    """A line for a signature: «____», «(подпись)»."""
    return "___" in value or _SIGNATURE_WORD.search(value) is not None
