"""The template workbook a school fills in: the header row, an example row and a reference sheet."""

import datetime

from .columns import MENTEES, MENTORS, TEMPLATE_COLUMNS, normalise
from .sheets import write_base_sheet

EXAMPLES = {
    MENTEES: {
        "full_name": "Образцова Ольга Сергеевна",
        "birth_date": datetime.date(2012, 3, 14),
        "kind": "обучающийся",
        "class_name": "7Б",
        "categories": "Проявивший выдающиеся способности",
        "request_text": "Хочу подготовиться к олимпиаде по математике",
        "priority": "обычный",
        "source": "анкета",
    },
    MENTORS: {
        "full_name": "Примеров Илья Андреевич",
        "birth_date": datetime.date(1985, 11, 2),
        "kind": "педагог",
        "position": "учитель",
        "subject": "математика",
        "experience_years": 15,
        "contour": "внутренний",
        "competencies": "математика, олимпиадная подготовка, проектная работа",
        "offer": "Помогу подготовиться к олимпиадам и защите проекта",
        "capacity": 3,
        "phone": "+7 900 000-00-00",
        "email": "primerov@example.ru",
    },
}


def example_names(kind: str) -> set[str]:
    """The example row's name: such a row is never imported."""
    return {normalise(EXAMPLES[kind]["full_name"])}


def template_workbook(kind: str, *, sensitive: bool) -> bytes:
    """``sensitive``: the reference sheet names sensitive request categories (curator, director)."""
    if kind not in TEMPLATE_COLUMNS:
        raise ValueError(f"unknown base: {kind}")
    keys = TEMPLATE_COLUMNS[kind]
    example = [EXAMPLES[kind].get(key) for key in keys]
    return write_base_sheet(kind, keys, [example], sensitive=sensitive, example=True)
