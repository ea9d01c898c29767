"""Whole lists shaped the way schools keep them: they go in without hand edits."""

import datetime
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from registry.importing import ALL, confirm_batch, create_batch, parse_file
from registry.models import Consent, Mentee, Mentor, Participant

from .import_files import letters, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str = "список.xlsx"):
    from django.core.files.base import ContentFile

    return ContentFile(content, name=name)


def pupils_list(today: datetime.date) -> bytes:
    """A class teacher's list: a merged title, a two-row header worded as the e-journal words it,
    class sub-headings, blank rows, a totals row and a signature."""
    year = today.year - 14
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список обучающихся 7-х классов МБОУ СОШ № 1"])
    sheet.merge_cells("A1:I1")
    sheet.append([])
    sheet.append(["№ п/п", "Ф.И.О. обучающегося", "Дата рожд.", "Класс", "Категория ребёнка",
                  "Согласие родителей", None, "Моб. телефон", "Эл. адрес"])  # fmt: skip
    sheet.append([None, None, None, None, None, "дата", "кто подписал", None, None])
    sheet.merge_cells("F3:G3")
    for column in "ABCDEHI":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append(["7 «А» класс"])
    sheet.merge_cells("A5:I5")
    sheet.append([1, "Иванова Ольга Сергеевна", f"05.04.{year % 100:02d}", "7-а", "ОВЗ",
                  datetime.date(today.year - 1, 9, 1), "Иванова Елена Петровна", "89001234567",
                  "olga@mail.ru"])  # fmt: skip
    sheet.append([2, "Петров Иван", datetime.date(year, 1, 2), "7 а", "", "", "", "",
                  "petrov@gmial.com"])  # fmt: skip
    sheet.append([])
    sheet.append(["7 «Б» класс"])
    sheet.append([3, "Сидорова Анна Петровна", f"{year}-03-04", None, "одарённый", None, None,
                  "8 (912) 000-11-22", None])  # fmt: skip
    sheet.append([4, "Ёлкин 123", f"{year}-03-04", None, "", None, None, None, None])
    sheet.append([None, "Итого: 4 человека"])
    sheet.append([None, "Классный руководитель ____________ /Петрова А.А./"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_pupils_list_as_a_class_teacher_keeps_it(programme, curator, request_categories, today):
    result = parse_file(pupils_list(today), "mentees", programme, today)
    assert (result.header.row, result.header.rows) == (3, 2)
    assert [(s["row"], s["reason"]) for s in result.skipped] == [
        (5, "подзаголовок класса"),
        (9, "подзаголовок класса"),
        (12, "итоговая строка"),
        (13, "подпись или служебная строка"),
    ]
    olga, ivan, anna, bad = result.rows
    assert [row.number for row in result.rows] == [6, 7, 10, 11]
    assert olga.person["birth_date"] == datetime.date(today.year - 14, 4, 5)
    assert (olga.person["class_name"], olga.person["kind"]) == ("7А", "student")
    assert olga.person["phone"] == "+7 900 123-45-67"
    assert olga.consents == [
        {"kind": kind, "signed_on": datetime.date(today.year - 1, 9, 1),
         "given_by": "representative", "representative_name": "Иванова Елена Петровна"}
        for kind in ("personal_data", "participation")
    ]  # fmt: skip
    assert ivan.person["class_name"] == "7А"
    assert anna.person["class_name"] == "7Б"  # from the sub-heading above her
    assert anna.person["phone"] == "+7 912 000-11-22"
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (7, "Эл. адрес", "похоже на опечатку в адресе электронной почты «petrov@gmial.com»: "
                         "может быть, «petrov@gmail.com»?"),
        (11, "Ф.И.О. обучающегося", "в имени человека не может быть цифр: «Ёлкин 123»"),
    ]  # fmt: skip

    batch = create_batch(programme, "mentees", upload(pupils_list(today)), by=curator)
    assert confirm_batch(batch, ALL, by=curator).refusal  # all-or-nothing still holds
    assert Mentee.objects.count() == 0
    outcome = confirm_batch(batch, "valid", by=curator)
    assert (outcome.added, outcome.updated) == (2, 0)
    olga = Participant.objects.get(last_name="Иванова")
    consents = Consent.objects.filter(participant=olga).order_by("kind")
    assert [(c.kind, c.given_by, c.representative_name) for c in consents] == [
        ("participation", "representative", "Иванова Елена Петровна"),
        ("personal_data", "representative", "Иванова Елена Петровна"),
    ]
    assert Participant.objects.get(last_name="Сидорова").class_name == "7Б"


def teachers_list() -> bytes:
    return xlsx_bytes(
        ["Педагогические работники"],
        [],
        ["№", "ФИО", None, None, "Занимаемая должность", "Преподаваемые предметы", "Пед. стаж",
         "Категория", "Контактные данные", None],
        [None, "Фамилия", "Имя", "Отчество", None, None, None, None, "телефон", "e-mail"],
        [1, "Петрова", "Анна", "Ивановна", "учитель", "математика, физика", "12 лет", "высшая",
         "8-912-345-67-89", "petrova@school.ru"],
        [2, "Кузнецов", "Олег", "", "учитель", "история", "3 г.", "первая", "", ""],
        [3, "Смирнова", "Ирина", "Олеговна", "педагог-психолог", "", "5 л. 3 мес.", "", "", ""],
        [4, "Орлов", "Пётр", "", "учитель", "химия", "менее года", "б/к", "", ""],
        [5, "Белова", "Нина", "", "учитель", "", "0,5", "", "", ""],
        [None, "Всего: 5"],
        merged=("A1:J1", "B3:D3", "I3:J3", "A3:A4", "E3:E4", "F3:F4", "G3:G4", "H3:H4"),
    )  # fmt: skip


def test_a_teachers_list_with_the_name_in_three_columns(programme, curator):
    result = parse_file(teachers_list(), "mentors", programme)
    assert result.problems == []
    assert result.header.rows == 2
    assert [row.full_name for row in result.rows] == [
        "Петрова Анна Ивановна", "Кузнецов Олег", "Смирнова Ирина Олеговна", "Орлов Пётр",
        "Белова Нина",
    ]  # fmt: skip
    assert [row.person["experience_years"] for row in result.rows] == [12, 3, 5, 0, 0]
    assert {row.person["kind"] for row in result.rows} == {"teacher"}
    petrova = result.rows[0].person
    assert (petrova["position"], petrova["subject"]) == ("учитель", "математика, физика")
    assert (petrova["phone"], petrova["email"]) == ("+7 912 345-67-89", "petrova@school.ru")
    batch = create_batch(programme, "mentors", upload(teachers_list()), by=curator)
    assert confirm_batch(batch, ALL, by=curator).imported == 5
    assert Mentor.objects.get(participant__last_name="Петрова").participant.subject == (
        "математика, физика"
    )


def test_rows_that_are_not_people_are_skipped_not_reported(programme, request_categories):
    content = xlsx_bytes(
        ["№", "ФИО", "Дата рождения", "Класс"],
        [1, "Образцова Ольга Сергеевна", "14.03.2012", "7Б"],  # the template's example
        [2, "Иванова Ольга", "14.03.2012", "7Б"],
        [3],  # a numbered empty row
        ["№", "ФИО", "Дата рождения", "Класс"],  # the header again, on the next printed page
        [None, "Класс: 8А"],
        [4, "Петров Иван", "01.02.2011", None],
        [None, "Примечание: список уточняется"],
        [None, "Всего", 2],
        [None, "Директор", "________", "Сидоров С.С."],
    )
    result = parse_file(content, "mentees", programme)
    assert result.problems == []
    assert [(row.full_name, row.person["class_name"]) for row in result.rows] == [
        ("Иванова Ольга", "7Б"),
        ("Петров Иван", "8А"),
    ]
    assert [item["reason"] for item in result.skipped] == [
        "строка-образец из шаблона",
        "строка только с номером",
        "повтор строки заголовков",
        "подзаголовок класса",
        "примечание",
        "итоговая строка",
        "подпись или служебная строка",
    ]


DATE_STYLES = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "date"]
CLASS_STYLES = ["{g}{l}", "{g}-{l}", "{g} {l}", "{g} «{L}»", "{g}{L} класс"]


@st.composite
def pupils(draw):
    count = draw(st.integers(1, 12))
    rows = []
    for number in range(count):
        born = draw(st.dates(datetime.date(2008, 1, 1), datetime.date(2019, 12, 31)))
        style = draw(st.sampled_from(DATE_STYLES))
        grade, letter = draw(st.integers(1, 11)), draw(st.sampled_from("абвг"))
        klass = draw(st.sampled_from(CLASS_STYLES)).format(g=grade, l=letter, L=letter.upper())
        rows.append(
            {
                "name": f"Ученик{letters(number)} Имя{letters(number)}",
                "born": born,
                "written": born if style == "date" else born.strftime(style),
                "class": klass,
                "expected_class": f"{grade}{letter.upper()}",
                "blank_before": draw(st.booleans()),
            }
        )
    return rows


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=pupils(), title=st.booleans(), totals=st.booleans())
def test_any_mix_of_these_shapes_reads_without_errors(programme, rows, title, totals):
    lines = [["Список учащихся"], []] if title else []
    lines.append(["№", "ФИО", "Дата рожд.", "Класс"])
    for number, row in enumerate(rows, 1):
        if row["blank_before"]:
            lines.append([])
        lines.append([number, row["name"], row["written"], row["class"]])
    if totals:
        lines.append([None, f"Итого: {len(rows)}"])
    result = parse_file(xlsx_bytes(*lines), "mentees", programme, datetime.date(2026, 12, 1))
    assert result.problems == []
    assert [(r.full_name, r.person["birth_date"], r.person["class_name"]) for r in result.rows] == [
        (row["name"], row["born"], row["expected_class"]) for row in rows
    ]
    assert len(result.skipped) == int(totals)


def test_grade_and_letter_in_two_columns_and_categories_split_by_a_slash(
    programme, request_categories
):
    content = xlsx_bytes(
        ["Фамилия", "Имя", "Класс", "Литера", "Категория ребёнка"],
        ["Иванова", "Ольга", 7, "б", "ОВЗ/одарённый"],
        ["Петров", "Иван", "10", "А", ""],
    )
    result = parse_file(content, "mentees", programme)
    assert result.problems == []
    assert [row.person["class_name"] for row in result.rows] == ["7Б", "10А"]
    assert len(result.rows[0].entry["categories"]) == 2
