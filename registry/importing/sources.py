"""An uploaded file → the cells of its sheets: which format it is, whether it is safe to open.

Workbooks (.xlsx, .xls, .ods) are read by calamine in a child process with a memory and time
limit (``bounded.py``); a zip whose declared contents are too large is refused before that.
Text tables (.csv) are read here, in UTF-8 or Windows-1251, with «;», «,» or a tab.
"""

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from .bounded import run_bounded
from .columns import MAX_COLUMNS
from .errors import ImportFileError

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
FORMAT_LABELS = {
    XLSX: "книга Excel (.xlsx)",
    XLS: "книга Excel 97–2003 (.xls)",
    ODS: "таблица OpenDocument (.ods)",
    CSV: "текст с разделителями (.csv)",
}
EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")

# Bounds checked before anything is unpacked: a workbook of 20 000 rows × 50 columns of text is
# about 40 MB of XML, and sheets compress 10–20 times.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 5 * 1024 * 1024
MAX_PARTS = 2_000

EMPTY = "Файл пустой."
NOT_A_TABLE = (
    "Это не таблица: загрузите книгу Excel (.xlsx или .xls), таблицу OpenDocument (.ods) "
    "или текст с разделителями (.csv)."
)
DAMAGED = "Не удалось прочитать файл: он повреждён или это не книга Excel (.xlsx)."
PROTECTED = (
    "Файл защищён паролем, поэтому прочитать его нельзя. Откройте его в Excel, снимите пароль "
    "(«Файл» → «Сведения» → «Защитить книгу» → «Зашифровать с использованием пароля», "
    "удалите пароль), сохраните и загрузите снова."
)
HTML_TABLE = (
    "Это веб-страница (HTML), сохранённая с расширением таблицы: так выгружают таблицы "
    "некоторые электронные журналы. Откройте файл в Excel и сохраните его как "
    "«Книга Excel (*.xlsx)», затем загрузите снова."
)
TOO_BIG_TO_READ = (
    "Файл не удалось прочитать: чтобы разобрать его, нужно слишком много памяти или времени. "
    "Так бывает, если на листе заполнена ячейка далеко за пределами таблицы (например, в строке "
    "1 048 576) или оформлены сотни тысяч пустых строк. Скопируйте таблицу на новый лист и "
    "сохраните книгу заново."
)


@dataclass
class Sheet:
    title: str
    rows: list[tuple[int, tuple]]  # (row number from 1, cell values), blank rows left out
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    more: bool = False  # the sheet has more non-blank rows than were read


@dataclass
class Book:
    format: str
    sheets: list[Sheet]


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}".replace(".", ",")


def check_zip(content: bytes) -> zipfile.ZipFile:
    """Refuses a zip whose declared contents are too large, before anything is unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ImportFileError(DAMAGED) from None
    if len(parts) > MAX_PARTS:
        raise ImportFileError(
            f"Файл не принят: в книге {len(parts)} частей, а в таблице их бывает не больше "
            f"{MAX_PARTS}. Сохраните таблицу в новую книгу и загрузите снова."
        )
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"Файл не принят: в распакованном виде книга занимает {_megabytes(total)} МБ, а "
            f"допускается не более {_megabytes(MAX_UNPACKED_BYTES)} МБ. Так бывает, если "
            "оформлены сотни тысяч пустых строк или столбцов: скопируйте таблицу на новый лист "
            "без лишних строк и сохраните снова."
        )
    for part in parts:
        if part.flag_bits & 0x1:
            raise ImportFileError(PROTECTED)
        if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise ImportFileError(
                f"Файл не принят: часть книги «{part.filename}» сжата в "
                f"{part.file_size // max(part.compress_size, 1)} раз — так устроены файлы-бомбы, "
                "а не таблицы. Сохраните таблицу в новую книгу и загрузите снова."
            )
    return archive


def _zip_format(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if {"xl/workbook.xml", "xl/workbook.bin"} & names:
        return XLSX
    if "content.xml" in names:
        try:
            manifest = (
                archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            )
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise ImportFileError(DAMAGED) from None
        if b"encryption-data" in manifest:
            raise ImportFileError(PROTECTED)
        return ODS
    raise ImportFileError(DAMAGED)


def detect(content: bytes) -> str:
    """The format by the bytes, not by the name; refuses empty, protected and foreign files."""
    if not content:
        raise ImportFileError(EMPTY)
    if content.startswith(ZIP_MAGIC):
        return _zip_format(check_zip(content))
    if content.startswith(OLE_MAGIC):
        if ENCRYPTION_INFO in content:
            raise ImportFileError(PROTECTED)
        return XLS
    head = content[:2048].lower()
    if b"<html" in head or b"<table" in head or b"<!doctype html" in head:
        raise ImportFileError(HTML_TABLE)
    if b"\0" in content[:65536] or content.startswith(b"PK"):
        raise ImportFileError(NOT_A_TABLE)
    return CSV


# Text tables ---------------------------------------------------------------------------------


def decode_text(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1251", errors="replace")


def _delimiter(text: str) -> str:
    sample = text[:20_000]
    counts = {
        delimiter: sum(line.count(delimiter) for line in sample.splitlines()[:30])
        for delimiter in (";", ",", "\t")
    }
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _csv_sheet(content: bytes, limit: int) -> Sheet:
    text = decode_text(content)
    controls = sum(1 for char in text[:65536] if ord(char) < 32 and char not in "\r\n\t")
    if controls > max(10, len(text[:65536]) // 100):
        raise ImportFileError(NOT_A_TABLE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows, more = [], False
    try:
        for number, values in enumerate(reader, 1):
            values = tuple(value.strip() or None for value in values[:MAX_COLUMNS])
            if all(value is None for value in values):
                continue
            if len(rows) >= limit:
                more = True
                break
            rows.append((number, values))
    except csv.Error:
        raise ImportFileError(NOT_A_TABLE) from None
    return Sheet("CSV", rows, [], more)


# Workbooks -----------------------------------------------------------------------------------


def _cell(value):
    if value == "" or value is None:
        return None
    if isinstance(value, str | float | int | bool | datetime.date):
        return value
    return str(value)  # times and durations: shown as written


_PLAIN_TYPES = frozenset({str, float, int, bool, datetime.date, datetime.datetime, type(None)})


def _sheet_cells(sheet, title: str, limit: int) -> Sheet:
    start_column = sheet.start[1] if sheet.start else 0
    padding = (None,) * start_column
    width = max(0, MAX_COLUMNS - start_column)
    rows, more = [], False
    for index, values in enumerate(sheet.iter_rows()):
        cells = [None if value == "" else value for value in values[:width]]
        if cells.count(None) == len(cells):
            continue
        if not _PLAIN_TYPES.issuperset(map(type, cells)):
            cells = [_cell(value) for value in cells]
        cells = tuple(cells)
        if len(rows) >= limit:
            more = True
            break
        rows.append((index + 1, padding + cells if start_column else cells))
    try:
        merged = [tuple(map(tuple, pair)) for pair in (sheet.merged_cell_ranges or [])]
    except Exception:  # formats without merge information
        merged = []
    return Sheet(title, rows, merged, more)


def _read_workbook(content: bytes, fmt: str, limit: int, accept) -> Book:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = []
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            sheet = _sheet_cells(workbook.get_sheet_by_name(meta.name), meta.name, limit)
            sheets.append(sheet)
            if accept is not None and accept(sheet):
                break
        return Book(fmt, sheets)
    except python_calamine.PasswordError:
        raise ImportFileError(PROTECTED) from None
    except ImportFileError:
        raise
    except Exception as error:  # calamine reports a damaged part in many ways
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise ImportFileError(PROTECTED) from None
        if fmt == XLS:
            raise ImportFileError(
                "Не удалось прочитать файл: он повреждён или это не книга Excel (.xls). "
                "Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»."
            ) from None
        if fmt == ODS:
            raise ImportFileError(
                "Не удалось прочитать файл: таблица OpenDocument (.ods) повреждена."
            ) from None
        raise ImportFileError(DAMAGED) from None


def read_book(content: bytes, *, limit: int, accept=None) -> Book:
    """Sheets with their non-blank rows (at most ``limit`` each); ``accept(sheet)`` may stop early.

    Raises ImportFileError with a Russian message for a file that cannot be read at all.
    """
    fmt = detect(content)
    if fmt == CSV:
        sheet = _csv_sheet(content, limit)
        if accept is not None:
            accept(sheet)
        return Book(CSV, [sheet])
    return run_bounded(_read_workbook, content, fmt, limit, accept, refusal=TOO_BIG_TO_READ)
