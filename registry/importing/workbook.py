"""Opening an uploaded workbook and finding its header row and data rows."""

import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook

from .columns import HEADER_SEARCH_ROWS, MAX_COLUMNS, REQUIRED_TEXT, Header, read_header

MAX_ROWS = 10_000
MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", " ")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing is written. The message is in Russian."""


@dataclass
class SheetData:
    title: str
    header: Header
    rows: list[tuple[int, tuple]]  # (Excel row number, cell values), blank rows left out


def _check_container(handle) -> None:
    handle.seek(0)
    start = handle.read(8)
    handle.seek(0)
    if not start:
        raise ImportFileError("Файл пустой.")
    if start.startswith(_OLE_MAGIC):
        raise ImportFileError(
            "Файл в старом формате Excel (.xls). Откройте его в Excel и сохраните "
            "как «Книга Excel (*.xlsx)», затем загрузите снова."
        )
    if not zipfile.is_zipfile(handle):
        raise ImportFileError(
            "Это не книга Excel в формате .xlsx. Сохраните таблицу как «Книга Excel (*.xlsx)»."
        )
    handle.seek(0)


DAMAGED = "Не удалось прочитать файл: он повреждён или это не книга Excel (.xlsx)."


def _open(handle):
    _check_container(handle)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise ImportFileError(DAMAGED) from error


def _blank(values: tuple) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _find_header(rows: list[tuple[int, tuple]], kind: str) -> Header | None:
    """The first row naming the person; failing that, the row with most known columns."""
    best = None
    for number, values in rows[:HEADER_SEARCH_ROWS]:
        header = read_header(values, number, kind)
        if header.has_name and len(header.columns) >= 2:
            return header
        if len(header.columns) >= 2 and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def _sheet_rows(sheet, limit: int) -> list[tuple[int, tuple]]:
    """Non-blank rows, stopping as soon as there are more than needed.

    A read-only workbook reads a sheet only here, so a damaged sheet (broken XML, a number
    that is not a number, a missing shared string, a bad zip entry) shows up here too.
    """
    rows = []
    cells = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    try:
        for number, values in enumerate(cells, 1):
            if _blank(values):
                continue
            rows.append((number, values))
            if len(rows) > limit + HEADER_SEARCH_ROWS:
                break
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged sheet
        raise ImportFileError(DAMAGED) from error
    return rows


def read_sheet(handle, kind: str, limit: int = MAX_ROWS) -> SheetData:
    """The first sheet whose header is recognised, with its data rows (at most ``limit``).

    More than MAX_ROWS data rows is an error.
    """
    workbook = _open(handle)
    try:
        partial, any_data = None, False
        for sheet in workbook.worksheets:
            rows = _sheet_rows(sheet, limit)
            any_data = any_data or bool(rows)
            header = _find_header(rows, kind) if rows else None
            if header is None:
                continue
            if header.missing_required():
                partial = partial or header
                continue
            data = [(n, values) for n, values in rows if n > header.row]
            if len(data) > MAX_ROWS:
                raise ImportFileError(
                    f"В файле больше {MAX_ROWS_TEXT} строк с данными. "
                    "Разделите его на несколько файлов."
                )
            return SheetData(sheet.title, header, data[:limit])
    finally:
        workbook.close()
    if not any_data:
        raise ImportFileError("В файле нет данных: все листы пустые.")
    if partial is not None:
        missing = ", ".join(f"«{name}»" for name in partial.missing_required())
        raise ImportFileError(
            f"В строке заголовков (строка {partial.row}) нет обязательного столбца {missing}. "
            f"Обязательные столбцы: {REQUIRED_TEXT}."
        )
    raise ImportFileError(
        f"Не найдена строка заголовков в первых {HEADER_SEARCH_ROWS} строках. "
        f"Обязательные столбцы: {REQUIRED_TEXT}; остальные столбцы можно взять из шаблона."
    )
