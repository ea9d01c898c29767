"""The sheet the import reads, as the template and the export write it: one header row, one row
per person, a reference sheet «Справочник» whose lists feed the drop-downs."""

import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mentoring.xlsx_layout import lay_out_table, list_validation, set_row_height

from ..models import Mentee, Mentor, Participant, RequestCategory
from .columns import FIELDS_BY_KEY, MENTEES

SHEET_TITLES = {MENTEES: "Наставляемые", "mentors": "Наставники"}
REFERENCE_TITLE = "Справочник"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF1")
EXAMPLE_FONT = Font(italic=True, color="777777")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD.MM.YYYY"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
WRAPPED = frozenset({"request_text", "offer", "competencies", "categories"})
SPARE_ROWS = 500  # rows below the data that keep the drop-downs
HIDDEN_CATEGORIES = (
    "Категория запроса (конфиденциальные)",
    "названия знают куратор и директор; при загрузке они принимаются",
)
# Reference lists behind drop-downs: field → (is the list strict, hint shown on the cell).
LISTS = {
    "kind": (False, ""),
    "contour": (True, ""),
    "priority": (True, ""),
    "categories": (False, "Можно указать несколько категорий через точку с запятой."),
}


def put(cell, value) -> None:
    """Numbers as numbers, dates as dates, text as text even when it starts with «=»."""
    if value is None or value == "":
        return
    if isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = "0"
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True


def reference_lists(kind: str, sensitive: bool) -> dict[str, list[tuple[str, str]]]:
    """Field → rows of «Справочник» (column title, allowed value)."""
    lists = {"kind": [("Категория участника", label) for _, label in Participant.Kind.choices]}
    if kind == MENTEES:
        categories = RequestCategory.objects.order_by("audience", "position")
        if not sensitive:
            categories = categories.filter(sensitive=False)
        lists["categories"] = [
            (f"Категория запроса ({category.get_audience_display()})", category.name)
            for category in categories
        ]
        lists["priority"] = [("Приоритет", label.lower()) for _, label in Mentee.Priority.choices]
    else:
        lists["contour"] = [("Контур", label) for _, label in Mentor.Contour.choices]
    return lists


def _reference_sheet(workbook, kind: str, sensitive: bool) -> dict[str, str]:
    """Writes «Справочник»; returns field → the range of its list."""
    sheet = workbook.create_sheet(REFERENCE_TITLE)
    sheet.append(("Столбец", "Допустимые значения"))
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    ranges = {}
    for key, rows in reference_lists(kind, sensitive).items():
        first = sheet.max_row + 1
        for row in rows:
            sheet.append(row)
        ranges[key] = f"'{REFERENCE_TITLE}'!$B${first}:$B${sheet.max_row}"
        if key == "categories" and not sensitive:
            sheet.append(HIDDEN_CATEGORIES)
    values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    lay_out_table(
        sheet,
        1,
        [("Столбец", [r[0] for r in values]), ("Допустимые значения", [r[1] for r in values])],
        last_row=sheet.max_row,
    )
    return ranges


def write_base_sheet(
    kind: str,
    keys: tuple[str, ...],
    rows: list[list],
    *,
    sensitive: bool,
    example: bool = False,
    hidden: tuple[str, ...] = (),
) -> bytes:
    """The base sheet with ``rows`` (values in the order of ``keys``) and the reference sheet.

    ``example``: the first row is the template's example, shown grey with a note.
    ``hidden``: keys of columns kept but hidden (the participant's code for re-import).
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES[kind]
    titles = [FIELDS_BY_KEY[key].title for key in keys]
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=column, value=title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for number, values in enumerate(rows, start=2):
        for column, (key, value) in enumerate(zip(keys, values, strict=True), start=1):
            cell = sheet.cell(row=number, column=column)
            put(cell, value)
            if key in WRAPPED:
                cell.alignment = WRAP
            if example and number == 2:
                cell.font = EXAMPLE_FONT
    if example and rows:
        sheet["A2"].comment = Comment("Строка-образец: она не загружается, её можно удалить.", "")
    widths = lay_out_table(
        sheet,
        1,
        [(title, [row[i] for row in rows]) for i, title in enumerate(titles)],
        last_row=len(rows) + 1,
    )
    for number, values in enumerate(rows, start=2):
        set_row_height(sheet, number, values, widths)
    ranges = _reference_sheet(workbook, kind, sensitive)
    last = len(rows) + 1 + SPARE_ROWS
    for key, source in ranges.items():
        if key in keys:
            letter = get_column_letter(keys.index(key) + 1)
            strict, prompt = LISTS[key]
            list_validation(
                sheet, f"{letter}2:{letter}{last}", source, strict=strict, prompt=prompt
            )
    for key in hidden:
        sheet.column_dimensions[get_column_letter(keys.index(key) + 1)].hidden = True
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
