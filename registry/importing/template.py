"""The template workbook a school fills in: the header row, an example row and a reference sheet."""

import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ..models import Mentee, Mentor, Participant, RequestCategory
from .columns import FIELDS_BY_KEY, MENTEES, MENTORS, TEMPLATE_COLUMNS

SHEET_TITLES = {MENTEES: "Наставляемые", MENTORS: "Наставники"}
REFERENCE_TITLE = "Справочник"
EXAMPLES = {
    MENTEES: {
        "full_name": "Иванова Ольга Сергеевна",
        "birth_date": datetime.date(2012, 3, 14),
        "kind": "обучающийся",
        "class_name": "7Б",
        "categories": "Проявивший выдающиеся способности",
        "request_text": "Хочу подготовиться к олимпиаде по математике",
        "priority": "обычный",
        "source": "анкета",
    },
    MENTORS: {
        "full_name": "Петров Илья Андреевич",
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
        "email": "petrov@example.ru",
    },
}
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF1")
DATE_FORMAT = "DD.MM.YYYY"


def _reference_rows(kind: str) -> list[tuple[str, str]]:
    rows = [("Категория участника", label) for _, label in Participant.Kind.choices]
    if kind == MENTEES:
        for category in RequestCategory.objects.order_by("audience", "position"):
            rows.append((f"Категория запроса ({category.get_audience_display()})", category.name))
        rows += [("Приоритет", label.lower()) for _, label in Mentee.Priority.choices]
    else:
        rows += [("Контур", label) for _, label in Mentor.Contour.choices]
    return rows


def template_workbook(kind: str) -> bytes:
    if kind not in TEMPLATE_COLUMNS:
        raise ValueError(f"unknown base: {kind}")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES[kind]
    keys = TEMPLATE_COLUMNS[kind]
    example = EXAMPLES[kind]
    for column, key in enumerate(keys, start=1):
        header = sheet.cell(row=1, column=column, value=FIELDS_BY_KEY[key].title)
        header.font = BOLD
        header.fill = HEADER_FILL
        cell = sheet.cell(row=2, column=column, value=example.get(key))
        if isinstance(cell.value, datetime.date):
            cell.number_format = DATE_FORMAT
        letter = header.column_letter
        sheet.column_dimensions[letter].width = max(14, min(45, len(str(example.get(key, ""))) + 4))
    sheet.freeze_panes = "A2"
    reference = workbook.create_sheet(REFERENCE_TITLE)
    reference.append(("Столбец", "Допустимые значения"))
    for cell in reference[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for row in _reference_rows(kind):
        reference.append(row)
    reference.column_dimensions["A"].width = 34
    reference.column_dimensions["B"].width = 80
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
