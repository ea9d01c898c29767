"""The checked file given back with a column «Ошибки загрузки»: every error on its own row.

An .xlsx is given back as it was, with the column added (openpyxl, in the bounded child); other
formats, and an .xlsx openpyxl cannot open, come back as a new .xlsx of the values read.
"""

from collections import defaultdict
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .bounded import run_bounded
from .errors import ImportFileError
from .sources import XLSX, read_book

COLUMN_TITLE = "Ошибки загрузки"
ERROR_FILL = PatternFill("solid", fgColor="FDE2E1")
SKIPPED_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
TOO_BIG = "Файл с ошибками не удалось собрать: файл слишком велик."


def notes_by_row(errors: list[dict], skipped: list[dict]) -> dict[tuple[str, int], tuple]:
    """(sheet or "", row number) → (the text of the error column, whether it is an error)."""
    lines = defaultdict(list)
    for error in errors:
        if error.get("row"):
            key = (error.get("sheet", ""), error["row"])
            lines[key].append(f"{error['column']}: {error['message']}")
    notes = {key: ("; ".join(texts), True) for key, texts in lines.items()}
    for item in skipped:
        key = (item.get("sheet", ""), item["row"])
        notes.setdefault(key, (f"Не загружается: {item['reason']}", False))
    return notes


def _by_sheet(details: dict, notes) -> list[tuple[str, dict, dict]]:
    """(sheet title, its header, its notes by row) for each sheet the import read."""
    sheets = details.get("sheets") or [{"title": "", **details["header"]}]
    by_sheet = []
    for sheet in sheets:
        title = sheet["title"] or details["sheet"]
        rows = {row: note for (name, row), note in notes.items() if name == sheet["title"]}
        by_sheet.append((title, {"row": sheet["row"], "rows": sheet.get("rows", 1)}, rows))
    return by_sheet


def _last_column(sheet, rows: range) -> int:
    last = 0
    for row in rows:
        for cell in sheet[row]:
            if cell.value not in (None, "") and cell.column > last:
                last = cell.column
    return last


def _mark(sheet, header_row: int, column: int, notes) -> None:
    title = sheet.cell(row=header_row, column=column, value=COLUMN_TITLE)
    title.font = Font(bold=True, color="9C0006")
    title.alignment = WRAP
    for number, (note, is_error) in notes.items():
        cell = sheet.cell(row=number, column=column, value=note)
        cell.data_type = "s"
        cell.fill = ERROR_FILL if is_error else SKIPPED_FILL
        cell.alignment = WRAP
    sheet.column_dimensions[title.column_letter].width = 60


def _annotated_xlsx(content: bytes, sheets: list) -> bytes:
    workbook = load_workbook(BytesIO(content))
    for sheet_title, header, notes in sheets:
        sheet = workbook[sheet_title] if sheet_title in workbook.sheetnames else workbook.active
        header_rows = range(header["row"], header["row"] + header.get("rows", 1))
        column = _last_column(sheet, header_rows) + 1
        _mark(sheet, header["row"], column, notes)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rebuilt(content: bytes, sheets: list) -> bytes:
    book = read_book(content, limit=100_000)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_title, header, notes in sheets:
        sheet = next((s for s in book.sheets if s.title == sheet_title), book.sheets[0])
        target = workbook.create_sheet(sheet.title[:31] or "Лист")
        width = 0
        for number, values in sheet.rows:
            width = max(width, len(values))
            for column, value in enumerate(values, 1):
                if value is not None:
                    cell = target.cell(row=number, column=column, value=value)
                    if isinstance(value, str):
                        cell.data_type = "s"
        _mark(target, header["row"], width + 1, notes)
        target.freeze_panes = f"A{header['row'] + header.get('rows', 1)}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_workbook(content: bytes, details: dict, errors: list[dict], skipped: list[dict]) -> bytes:
    """Raises ImportFileError when the stored file can no longer be read."""
    sheets = _by_sheet(details, notes_by_row(errors, skipped))
    if details.get("format") == XLSX:
        try:
            return run_bounded(_annotated_xlsx, content, sheets, refusal=TOO_BIG)
        except ImportFileError:
            pass  # openpyxl could not open what calamine read: give the values back instead
    return _rebuilt(content, sheets)
