"""Lists kept one class per sheet, headers three rows deep, a birth date in three columns, and
several people written in one cell: read through the real upload path."""

import datetime
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from registry.importing import ALL, VALID, confirm_batch, create_batch, parse_file, values
from registry.importing.errorbook import COLUMN_TITLE, error_workbook
from registry.importing.workbook import sheet_class
from registry.models import Consent, Mentee, Participant

pytestmark = pytest.mark.django_db

MONTH_WORDS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"]  # fmt: skip


def saved(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def class_sheet(workbook: Workbook, title: str, rows, *, header=("№", "ФИО", "Дата рождения")):
    sheet = workbook.create_sheet(title)
    sheet.append([f"Список обучающихся {title}"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    return sheet


def classes_workbook() -> bytes:
    """A class teacher's book: one sheet per class, a totals sheet and an empty sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    class_sheet(workbook, "5А", [(1, "Иванова Ольга Сергеевна", "14.03.2014"),
                                 (2, "Петров Иван", datetime.date(2014, 5, 6))])  # fmt: skip
    class_sheet(workbook, "5 Б", [(1, "Сидорова Анна", "01.02.2014"), (None, "Итого: 1")])
    class_sheet(
        workbook,
        "10-а класс",
        [("08.08.2009", "Кузнецов Лев Ильич", 1, "одарённый")],
        header=("Дата рождения", "ФИО", "№", "Категория запроса"),
    )
    totals = workbook.create_sheet("Итого")
    totals.append(["Класс", "Количество"])
    totals.append(["5А", 2])
    workbook.create_sheet("Лист1")
    return saved(workbook)


def test_one_class_per_sheet_takes_the_class_from_the_sheet_name(
    programme, curator, request_categories, today
):
    batch = create_batch(
        programme, "mentees", ContentFile(classes_workbook(), name="классы.xlsx"), by=curator
    )
    assert batch.errors == []
    assert [sheet["title"] for sheet in batch.details["sheets"]] == ["5А", "5 Б", "10-а класс"]
    assert batch.details["sheet_notes"] == [
        {"sheet": "Итого", "note": "название листа — не класс, а список по классам"},
        {"sheet": "Лист1", "note": "пустой лист"},
    ]
    assert batch.skipped == [
        {"row": 4, "reason": "итоговая строка", "text": "Итого: 1", "sheet": "5 Б"}
    ]
    assert confirm_batch(batch, ALL, by=curator).added == 4
    people = {p.last_name: (p.class_name, p.birth_date) for p in Participant.objects.all()}
    assert people == {
        "Иванова": ("5А", datetime.date(2014, 3, 14)),
        "Петров": ("5А", datetime.date(2014, 5, 6)),
        "Сидорова": ("5Б", datetime.date(2014, 2, 1)),
        "Кузнецов": ("10А", datetime.date(2009, 8, 8)),  # its columns stand in another order
    }
    lev = Mentee.objects.get(participant__last_name="Кузнецов")
    assert [c.code for c in lev.categories.all()] == ["gifted"]


def test_an_error_on_a_class_sheet_names_the_sheet_row_and_column(programme, curator, client):
    workbook = Workbook()
    workbook.remove(workbook.active)
    class_sheet(workbook, "7А", [(1, "Орлова Вера", "01.01.2013")])
    class_sheet(workbook, "7Б", [(1, "Орлова Вера", "01.01.2013"), (2, "Лосев Ян", "31.02.2013")])
    content = saved(workbook)
    batch = create_batch(programme, "mentees", ContentFile(content, name="7.xlsx"), by=curator)
    errors = [(e["sheet"], e["row"], e["column"], e["message"][:40]) for e in batch.errors]
    assert errors == [
        ("7Б", 3, "ФИО", "повторяет строку 3 (лист «7А»): тот же ч"),
        ("7Б", 4, "Дата рождения", "не удалось распознать дату «31.02.2013»:"),
    ]
    assert confirm_batch(batch, ALL, by=curator).refusal
    assert not Participant.objects.exists()  # all or nothing

    client.force_login(curator)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "4 (лист «7Б»)" in page
    assert "листы классов «7А», «7Б»" in page

    annotated = load_workbook(BytesIO(error_workbook(content, batch.details, batch.errors, [])))
    seventh_b = annotated["7Б"]
    assert seventh_b.cell(row=2, column=4).value == COLUMN_TITLE
    assert "31.02.2013" in seventh_b.cell(row=4, column=4).value
    assert annotated["7А"].cell(row=3, column=4).value is None


def test_class_sheets_in_an_old_xls_book(programme, curator):
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    for title, name in (("6 «В»", "Яковлева Ада"), ("Свод", None), ("6Г", "Зуев Олег")):
        sheet = workbook.add_sheet(title)
        if name:
            for column, value in enumerate(("ФИО", "Дата рождения")):
                sheet.write(0, column, value)
            sheet.write(1, 0, name)
            sheet.write(1, 1, "03.04.2013")
        else:
            sheet.write(0, 0, "Всего обучающихся")
    buffer = BytesIO()
    workbook.save(buffer)
    result = parse_file(buffer.getvalue(), "mentees", programme)
    assert [(row.sheet, row.person["class_name"]) for row in result.rows] == [
        ("6 «В»", "6В"),
        ("6Г", "6Г"),
    ]
    assert result.sheet_notes == [
        {"sheet": "Свод", "note": "название листа — не класс, а список по классам"}
    ]
    details = {"format": result.format, "sheet": result.sheet_title,
               "header": result.header.as_dict(), "sheets": result.sheets}  # fmt: skip
    errors = [{"row": 2, "column": "ФИО", "message": "проверка", "sheet": "6Г"}]
    rebuilt = load_workbook(BytesIO(error_workbook(buffer.getvalue(), details, errors, [])))
    assert rebuilt.sheetnames == ["6 «В»", "6Г"]  # an .xls comes back as a new .xlsx
    assert rebuilt["6Г"]["C2"].value == "ФИО: проверка"
    assert rebuilt["6 «В»"]["C2"].value is None


def test_a_sheet_not_named_for_a_class_is_read_alone_as_before(programme):
    workbook = Workbook()
    workbook.active.title = "Список"
    workbook.active.append(["ФИО", "Класс"])
    workbook.active.append(["Иванова Ольга", "5А"])
    class_sheet(workbook, "6А", [(1, "Петров Иван", "01.01.2013")])
    result = parse_file(saved(workbook), "mentees", programme)
    assert [row.full_name for row in result.rows] == ["Иванова Ольга"]
    assert (result.sheets, result.sheet_notes) == ([], [])


def three_row_header_workbook(rows) -> bytes:
    """A title row, then groups over groups: «ФИО» over «Фамилия/Имя/Отчество», «Дата рождения»
    over «день/месяц/год», «Согласие родителей» over «дата» and «кто подписал»."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список обучающихся 8 «А» класса на 2026/2027 учебный год"])
    sheet.append(["№", "ФИО", None, None, "Дата рождения", None, None, "Класс",
                  "Согласие родителей", None])  # fmt: skip
    sheet.append([None] * 8 + ["дата", "кто подписал"])
    sheet.append([None, "Фамилия", "Имя", "Отчество", "день", "месяц", "год"])
    for cells in ("A1:J1", "A2:A4", "B2:D3", "E2:G3", "H2:H4", "I2:J2", "I3:I4", "J3:J4"):
        sheet.merge_cells(cells)
    for row in rows:
        sheet.append(list(row))
    return saved(workbook)


def test_a_header_three_rows_deep_with_the_birth_date_in_three_columns(programme, curator, today):
    content = three_row_header_workbook(
        [
            (1, "Белова", "Майя", "Олеговна", 5, "марта", 2012, "8а", "01.09.2025", "Белова Е.И."),
            (2, "Глухов", "Ян", None, "07", 11, "12", "8а", None, None),
            (3, "Дроздов", "Лев", "Ильич", 29.0, "Февраль", 2012.0, "8а", None, None),
        ]
    )
    result = parse_file(content, "mentees", programme, datetime.date(2026, 10, 15))
    header = result.header
    assert (header.row, header.rows) == (2, 3)
    assert {"last_name", "first_name", "middle_name", "birth_day", "birth_month",
            "birth_year", "class_name", "consent_date", "consent_signed_by"} <= set(
        header.columns
    )  # fmt: skip
    assert result.problems == []
    assert [(r.number, r.full_name, r.person["birth_date"]) for r in result.rows] == [
        (5, "Белова Майя Олеговна", datetime.date(2012, 3, 5)),
        (6, "Глухов Ян", datetime.date(2012, 11, 7)),
        (7, "Дроздов Лев Ильич", datetime.date(2012, 2, 29)),
    ]
    batch = create_batch(programme, "mentees", ContentFile(content, name="8а.xlsx"), by=curator)
    assert confirm_batch(batch, ALL, by=curator).added == 3
    maya = Participant.objects.get(last_name="Белова")
    assert (maya.class_name, maya.birth_date) == ("8А", datetime.date(2012, 3, 5))
    assert Consent.objects.filter(participant=maya, representative_name="Белова Е.И.").count() == 2


def test_a_birth_date_in_three_columns_that_cannot_be_read_names_the_part(programme):
    content = three_row_header_workbook(
        [
            (1, "Белова", "Майя", None, 5, "мартобря", 2012, "8А"),
            (2, "Глухов", "Ян", None, 31, 2, 2012, "8А"),
            (3, "Дроздов", "Лев", None, 4, 5, None, "8А"),
            (4, "Жуков", "Ян", None, 4, 5, 212, "8А"),
            (5, "Зорин", "Ян", None, None, None, None, "8А"),
        ]
    )
    result = parse_file(content, "mentees", programme, datetime.date(2026, 10, 15))
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (5, "Дата рождения месяц", "месяц рождения — число от 1 до 12 или название месяца "
         "(«март», «марта»), а не «мартобря»"),
        (6, "Дата рождения день", "не удалось распознать дату «31.02.2012»: такого дня в "
         "календаре нет"),
        (7, "Дата рождения год", "не указан год рождения: заполните день, месяц и год"),
        (8, "Дата рождения год", "год рождения — четыре цифры (2012) или две (12), а не «212»"),
    ]  # fmt: skip
    assert result.rows[-1].ok and result.rows[-1].person["birth_date"] is None


def test_a_year_column_alone_is_not_read_as_a_birth_date(programme):
    content = three_row_header_workbook([])
    workbook = Workbook()
    workbook.active.append(["ФИО", "Год рождения", "Класс"])
    workbook.active.append(["Белова Майя", 2012, "8А"])
    result = parse_file(saved(workbook), "mentees", programme)
    assert "birth_year" not in result.header.columns
    assert "Год рождения" in result.header.unknown
    assert result.rows[0].ok and result.rows[0].person["birth_date"] is None
    assert content  # the deep header alone, without rows, is still a header
    with pytest.raises(Exception, match="нет ни одной строки с данными"):
        parse_file(content, "mentees", programme)


@given(
    day=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2025, 12, 31)),
    word=st.booleans(),
    short_year=st.booleans(),
)
def test_any_birth_date_split_into_three_cells_reads_back(day, word, short_year):
    today = datetime.date(2026, 10, 15)
    month = MONTH_WORDS[day.month - 1] if word else day.month
    year = day.year % 100 if short_year else day.year
    parts = (values.parse_day(day.day), values.parse_month(month), values.parse_year(year))
    read = values.date_of_parts(*parts, today)
    expected = day
    if short_year and read.year != day.year:  # two digits name the latest such past year
        assert read.year % 100 == day.year % 100 and read <= today
        expected = read
    assert read == expected


def test_several_people_in_one_cell_are_refused_with_the_row_and_column(
    programme, curator, request_categories
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ФИО", "Класс", "Категория запроса"])
    sheet.append(["Иванов Иван, Петров Пётр", "5А", "одарённый"])
    sheet.append(["Сидорова Анна Ивановна\nКозлова Мария", "5А", ""])
    sheet.append(["Орлова\nВера\nПавловна", "5А", ""])  # one person, a line per word
    sheet.append(["Лосева Ада Юрьевна", "5А", "одарённый, ОВЗ"])  # a list column is a list
    content = saved(workbook)
    batch = create_batch(programme, "mentees", ContentFile(content, name="5а.xlsx"), by=curator)
    assert [(e["row"], e["column"], e["kind"]) for e in batch.errors] == [
        (2, "ФИО", "Несколько человек в одной ячейке"),
        (3, "ФИО", "Несколько человек в одной ячейке"),
    ]
    assert batch.errors[0]["message"] == (
        "в одной ячейке несколько человек (2): «Иванов Иван», «Петров Пётр». "
        "Запишите каждого человека в отдельной строке"
    )
    assert "«Сидорова Анна Ивановна», «Козлова Мария»" in batch.errors[1]["message"]
    assert confirm_batch(batch, ALL, by=curator).refusal
    assert confirm_batch(batch, VALID, by=curator).added == 2
    assert set(Participant.objects.values_list("last_name", "first_name", "middle_name")) == {
        ("Орлова", "Вера", "Павловна"),
        ("Лосева", "Ада", "Юрьевна"),
    }


def test_several_surnames_in_the_surname_column_are_refused(programme):
    workbook = Workbook()
    workbook.active.append(["Фамилия", "Имя", "Класс"])
    workbook.active.append(["Иванов\nПетров", "Иван", "5А"])
    workbook.active.append(["Петрова-Водкина", "Анна", "5А"])
    result = parse_file(saved(workbook), "mentees", programme)
    assert [(p.row, p.column, p.kind) for p in result.problems] == [
        (2, "Фамилия", "Несколько человек в одной ячейке")
    ]
    assert result.rows[1].ok


@given(
    grade=st.integers(min_value=1, max_value=11),
    letter=st.sampled_from("АБВГДабвгд"),
    spelling=st.sampled_from(["{g}{l}", "{g} {l}", "{g}-{l}", "{g}-{l} класс", "{g} «{l}»"]),
)
def test_any_class_spelling_of_a_sheet_name_gives_the_class(grade, letter, spelling):
    title = spelling.format(g=grade, l=letter)
    assert sheet_class(title) == f"{grade}{letter.upper()}"


@pytest.mark.parametrize("title", ["Лист1", "Sheet1", "Итого", "Свод", "1", "2026", "Список 5А"])
def test_a_sheet_not_named_for_a_class(title):
    assert sheet_class(title) is None


@given(st.emails() | st.text(alphabet="ab.@-_+1", max_size=30))
def test_the_quick_e_mail_check_accepts_only_what_django_accepts(address):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from registry.importing.contacts import _PLAIN_EMAIL

    if len(address) <= 254 and _PLAIN_EMAIL.match(address):
        try:
            validate_email(address)
        except ValidationError:
            pytest.fail(f"{address!r} passes the quick check but not Django's validator")
