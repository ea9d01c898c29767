"""Workbooks the import tests build: plain .xlsx rows, and names without digits for many rows."""

from io import BytesIO

from openpyxl import Workbook

ALPHABET = "абвгдежзиклмнопрстуфхцчшэюя"


def letters(number: int, width: int = 3) -> str:
    """A distinct lowercase suffix for each number: 0 → «ааа», 1 → «ааб»…"""
    word = ""
    for _ in range(width):
        number, digit = divmod(number, len(ALPHABET))
        word = ALPHABET[digit] + word
    return word


def xlsx_bytes(*rows, sheet_title: str | None = None, merged: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if sheet_title:
        sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
