"""Every XLSX table sheet is laid out for work: autofilter and frozen header, widths that fit,
row heights for wrapped text, numbers as numbers, drop-down lists, sheet names cut at a word."""

from io import BytesIO

from openpyxl import load_workbook

from reports.documents import Column, Document, Facts, Row, Section, Table, render_xlsx
from reports.documents.sheetnames import SheetNamer, clean_sheet_name

FORMS = ("Ученик – ученик", "Учитель – учитель", "Студент – ученик")


def document(**options) -> Document:
    long_text = "Помогу подготовиться к олимпиаде по математике и защите проекта " * 3
    table = Table(
        [
            Column("№", width=5, kind="number"),
            Column("ФИО наставника", width=26),
            Column("Форма", width=20, choices=FORMS),
            Column("Чем может быть полезен", width=30),
            Column("Доля встреч", width=12, kind="percent"),
        ],
        [
            Row([1, "Иванова Ольга Сергеевна", FORMS[0], long_text, 0.525]),
            Row([2, "Петров Илья", FORMS[1], "Проекты", 1]),
        ],
    )
    return Document(
        title="Наставники и формы наставничества школы № 1 на 2026/2027 учебный год",
        sections=[
            Section("Сводка", [Facts([("Наставников", 2)])]),
            Section("Наставники", [table]),
            Section("Карта", [Table([Column("Категория")], [Row(["ОВЗ"])])]),
        ],
        **options,
    )


def sheet():
    return load_workbook(BytesIO(render_xlsx(document())))


def test_the_main_table_has_an_autofilter_and_a_frozen_header():
    ws = sheet().worksheets[0]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "№")
    assert ws.auto_filter.ref == f"A{header}:E{header + 2}"
    assert ws.freeze_panes == f"A{header + 1}"


def test_columns_fit_their_content_and_long_text_wraps_with_a_row_height():
    workbook = sheet()
    ws = workbook.worksheets[0]
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["A"] == 30  # the facts' key column
    assert widths["B"] == 25  # «Иванова Ольга Сергеевна» + 2, under the builder's 26
    assert widths["D"] == 30  # as wide as the builder allows: the text wraps
    long_row = next(
        row[0].row for row in ws.iter_rows() if row[1].value == "Иванова Ольга Сергеевна"
    )
    assert ws.row_dimensions[long_row].height >= 15 * 6
    assert ws.cell(row=long_row, column=4).alignment.wrap_text


def test_a_narrow_number_column_stays_narrow():
    doc = Document(
        title="Пары",
        sections=[Section("Пары", [Table([Column("№", width=5, kind="number"), Column("Пара")],
                                         [Row([n, f"Пара {n}"]) for n in range(1, 12)])])],
    )  # fmt: skip
    ws = load_workbook(BytesIO(render_xlsx(doc))).active
    assert ws.column_dimensions["A"].width == 5


def test_numbers_and_percents_are_numbers_with_formats():
    ws = sheet().worksheets[0]
    share = next(row[4] for row in ws.iter_rows() if row[1].value == "Иванова Ольга Сергеевна")
    assert share.value == 0.525 and share.number_format == "0%"
    number = next(row[0] for row in ws.iter_rows() if row[1].value == "Петров Илья")
    assert number.value == 2 and number.data_type == "n"


def test_a_column_with_a_fixed_list_gets_a_drop_down():
    workbook = sheet()
    ws = workbook.worksheets[0]
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == "'Списки'!$A$1:$A$3"
    assert str(validation.sqref).startswith("C")
    lists = workbook["Списки"]
    assert lists.sheet_state == "hidden"
    assert [row[0] for row in lists.iter_rows(values_only=True)] == list(FORMS)


def test_sheet_names_are_cut_at_a_word():
    assert clean_sheet_name("Наставники и формы наставничества школы № 1") == ("Наставники и формы")
    assert sheet().sheetnames[0] == "Наставники и формы"
    namer = SheetNamer()
    assert namer("Отчёт о работе наставнических пар") == "Отчёт о работе наставнических"
    assert namer("Отчёт о работе наставнических пар") == "Отчёт о работе (2)"
    assert clean_sheet_name("Сверхдлинноесловобезпробеловнаконецтаблицы") == (
        "Сверхдлинноесловобезпробеловнак"
    )
    per_section = load_workbook(BytesIO(render_xlsx(document(xlsx_layout="sheet_per_section"))))
    assert per_section.sheetnames == ["Сводка", "Наставники", "Карта", "Списки"]
    for name in per_section.sheetnames[:3]:
        ws = per_section[name]
        if ws.auto_filter.ref:
            assert ws.freeze_panes
