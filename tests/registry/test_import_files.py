"""Files that cannot be imported at all: one clear message, nothing read."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook

from registry.importing import ImportFileError, parse_file

pytestmark = pytest.mark.django_db


def xlsx(*rows, sheets=None) -> BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    for title, sheet_rows in (sheets or {}).items():
        sheet = workbook.create_sheet(title)
        for row in sheet_rows:
            sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Файл пустой."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "Не удалось прочитать файл: он повреждён или это не книга Excel (.xls)",
        ),
        (b"PK\x03\x04 not really a zip", "Не удалось прочитать файл: он повреждён"),
        (b"\x00\x01\x02 binary", "Это не таблица"),
        (b"<html><table><tr><td>1</td></tr></table>", "Это веб-страница (HTML)"),
    ],
)
def test_files_that_are_not_workbooks(programme, content, message):
    with pytest.raises(ImportFileError) as error:
        parse_file(BytesIO(content), "mentees", programme)
    assert str(error.value).startswith(message)


def test_a_zip_that_is_not_a_workbook(programme):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="повреждён или это не книга Excel"):
        parse_file(buffer, "mentees", programme)


def test_empty_workbook(programme):
    with pytest.raises(ImportFileError, match="В файле нет данных: все листы пустые."):
        parse_file(xlsx(), "mentees", programme)


def test_header_without_data(programme):
    with pytest.raises(ImportFileError, match="Под строкой заголовков \\(строка 2\\) нет"):
        parse_file(xlsx(["Список"], ["ФИО", "Класс"]), "mentees", programme)


def test_missing_required_columns(programme):
    with pytest.raises(ImportFileError) as error:
        parse_file(xlsx(["Фамилия", "Класс"], ["Иванова", "7Б"]), "mentees", programme)
    assert str(error.value) == (
        "В строке заголовков (строка 1) нет обязательного столбца «Имя». "
        "Обязательные столбцы: «ФИО» (или «Фамилия», «Имя», «Отчество»)."
    )
    with pytest.raises(ImportFileError) as error:
        parse_file(xlsx(["Ученик", "Рост"], ["Иванова", 150]), "mentees", programme)
    assert str(error.value).startswith(
        "Не найдена строка заголовков в первых 10 строках. "
        "Обязательные столбцы: «ФИО» (или «Фамилия», «Имя», «Отчество»)"
    )


def test_header_below_row_10_is_not_searched(programme):
    rows = [[f"примечание {n}"] for n in range(10)]
    with pytest.raises(ImportFileError, match="Не найдена строка заголовков"):
        parse_file(xlsx(*rows, ["ФИО", "Класс"], ["Иванова Ольга", "7Б"]), "mentees", programme)


def test_the_sheet_with_the_header_is_used(programme, request_categories):
    result = parse_file(
        xlsx(["Пояснения к файлу"], sheets={"Дети": [["ФИО", "Класс"], ["Иванова Ольга", "7Б"]]}),
        "mentees",
        programme,
    )
    assert result.sheet_title == "Дети"
    assert [row.full_name for row in result.rows] == ["Иванова Ольга"]


def test_more_than_10000_rows_is_refused(programme):
    rows = [["Иванова Ольга", "7Б"]] * 10_001
    with pytest.raises(ImportFileError, match="В файле больше 10 000 строк с данными"):
        parse_file(xlsx(["ФИО", "Класс"], *rows), "mentees", programme)
