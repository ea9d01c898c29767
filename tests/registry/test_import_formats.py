"""One reader for every format schools save in; protected files and bombs refused up front."""

import datetime
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.importing import ImportFileError, bounded, parse_file, sources
from registry.importing.skipping import NOTE_WORDS, SIGNATURE_WORDS, TOTAL_WORDS
from registry.importing.sources import MAX_UNPACKED_BYTES

from .import_files import xlsx_bytes
from .spreadsheet_writers import csv_bytes, ods_bytes, protected_xlsx, xls_bytes

pytestmark = pytest.mark.django_db

ROWS = (
    ["Список 7 «Б» класса"],
    [],
    ["№", "ФИО", "Дата рождения", "Класс", "Категория запроса"],
    [1, "Иванова Ольга Сергеевна", datetime.date(2012, 3, 4), "7Б", "одарённый"],
    [2, "Ёлкин Пётр", "01.02.2011", "7 б", ""],
    [None, "Итого: 2"],
)
WRITERS = {
    "xlsx": xlsx_bytes,
    "xls": xls_bytes,
    "ods": ods_bytes,
    "csv; utf-8": lambda *rows: csv_bytes(*rows, delimiter=";", encoding="utf-8"),
    "csv, utf-8 with BOM": lambda *rows: b"\xef\xbb\xbf" + csv_bytes(*rows, delimiter=","),
    "csv; cp1251": lambda *rows: csv_bytes(*rows, delimiter=";", encoding="cp1251"),
    "csv tab cp1251": lambda *rows: csv_bytes(*rows, delimiter="\t", encoding="cp1251"),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_each_format_reads_the_same(programme, request_categories, fmt):
    result = parse_file(WRITERS[fmt](*ROWS), "mentees", programme)
    assert result.format == fmt.split()[0].rstrip(";,")
    assert result.problems == []
    assert [
        (row.number, row.full_name, row.person["birth_date"], row.person["class_name"])
        for row in result.rows
    ] == [
        (4, "Иванова Ольга Сергеевна", datetime.date(2012, 3, 4), "7Б"),
        (5, "Ёлкин Пётр", datetime.date(2011, 2, 1), "7Б"),
    ]
    assert [item["reason"] for item in result.skipped] == ["итоговая строка"]


def test_a_sheet_that_does_not_start_in_the_corner(programme):
    workbook_rows = [[None, None, None]] * 2 + [
        [None, None, "ФИО", "Класс"],
        [None, None, "Иванова Ольга", "7Б"],
    ]
    result = parse_file(xlsx_bytes(*workbook_rows), "mentees", programme)
    assert result.header.columns == {"full_name": 2, "class_name": 3}
    assert [(row.number, row.full_name) for row in result.rows] == [(4, "Иванова Ольга")]


def test_a_password_protected_workbook_is_reported_as_protected(programme):
    content = protected_xlsx(xlsx_bytes(*ROWS))
    with pytest.raises(ImportFileError, match="Файл защищён паролем"):
        parse_file(content, "mentees", programme)


def _no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the file was handed to the reader")

    monkeypatch.setattr(sources, "run_bounded", refuse)


def bomb(unpacked: int) -> bytes:
    """A real workbook zip whose sheet unpacks to ``unpacked`` bytes of XML."""
    sound = zipfile.ZipFile(io.BytesIO(xlsx_bytes(["ФИО"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sound.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, sound.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row><c t='inlineStr'><is><t>x</t></is></c></row>" * 20_000
            written = 0
            while written < unpacked:
                sheet.write(chunk)
                written += len(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_parsed(programme, monkeypatch):
    content = bomb(MAX_UNPACKED_BYTES + 1024 * 1024)
    assert len(content) < 1024 * 1024
    _no_parsing(monkeypatch)
    with pytest.raises(ImportFileError) as error:
        parse_file(content, "mentees", programme)
    assert "в распакованном виде книга занимает 102 МБ" in str(error.value)
    assert "допускается не более 100 МБ" in str(error.value)


def test_a_part_compressed_like_a_bomb_is_refused(programme, monkeypatch):
    content = bomb(20 * 1024 * 1024)
    _no_parsing(monkeypatch)
    with pytest.raises(ImportFileError, match="так устроены файлы-бомбы"):
        parse_file(content, "mentees", programme)


def test_a_cell_far_outside_the_table_costs_the_child_not_the_worker(programme):
    """Two cells, A1 and XFD1048576: the reader would need the whole rectangle in memory."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "ФИО"
    workbook.active["A2"] = "Иванова Ольга"
    workbook.active.cell(row=1_048_576, column=16_384, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError, match="слишком много памяти или времени"):
        parse_file(buffer.getvalue(), "mentees", programme)
    assert bounded.ENABLED


def test_more_sheets_than_parts_allowed_and_a_zip_that_lies(programme):
    parts = io.BytesIO()
    with zipfile.ZipFile(parts, "w") as archive:
        for number in range(sources.MAX_PARTS + 1):
            archive.writestr(f"xl/part{number}.xml", b"")
    with pytest.raises(ImportFileError, match="частей"):
        parse_file(parts.getvalue(), "mentees", programme)


WORD = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщэюя", min_size=2, max_size=10).filter(
    lambda word: (
        f"{word} " not in TOTAL_WORDS + SIGNATURE_WORDS + NOTE_WORDS  # «Итого Аа»
        and word not in ("подпись", "подписи")
    )
)
NAMES = st.lists(
    st.tuples(WORD, WORD),
    min_size=1,
    max_size=8,
    unique=True,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=NAMES,
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]),
)
def test_any_csv_reads_whatever_its_encoding_and_delimiter(programme, names, delimiter, encoding):
    rows = [["ФИО", "Класс"]] + [
        [f"{last.capitalize()} {first.capitalize()}", "7Б"] for last, first in names
    ]
    content = csv_bytes(*rows, delimiter=delimiter, encoding=encoding)
    result = parse_file(content, "mentees", programme)
    assert result.format == "csv"
    assert [row.full_name for row in result.rows] == [row[0] for row in rows[1:]]
