"""Finding the table in a file: its header (one row, or two under a merged group) and data rows."""

from dataclasses import dataclass, field

from .columns import (
    HEADER_SEARCH_ROWS,
    REQUIRED_TEXT,
    Header,
    is_guarded,
    read_header,
    recognise,
)
from .errors import ImportFileError
from .sources import Book, Sheet, read_book

MAX_ROWS = 10_000
MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", " ")
SUB_HEADER_TEXT = 80


@dataclass
class SheetData:
    title: str
    format: str
    header: Header
    rows: list[tuple[int, tuple]]  # (row number, cell values) below the header, blank rows left out
    merged: list = field(default_factory=list)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parents(top: tuple, sub: tuple, top_index: int, merged: list) -> list:
    """The group title over each column: the cell itself, a merged cell over it, or the group
    to its left when the file carries no merge information (.csv)."""
    parents = list(top) + [None] * (len(sub) - len(top))
    if merged:
        for (r0, c0), (r1, c1) in merged:
            if r0 == top_index <= r1 and c0 < len(top) and not _blank(top[c0]):
                for column in range(c0 + 1, min(c1 + 1, len(parents))):
                    if _blank(parents[column]):
                        parents[column] = top[c0]
        return parents
    group = None
    for column, value in enumerate(parents):
        below = sub[column] if column < len(sub) else None
        if not _blank(value):
            group = value if not _blank(below) else None
        elif group is not None and not _blank(below):
            parents[column] = group
        else:
            group = None
    return parents


def _label(parent, below, kind: str):
    """The header of one column of a two-row header, and whether the lower cell names it."""
    if _blank(below):
        return parent, False
    if _blank(parent):
        return below, recognise(below, kind) is not None
    combined = f"{parent} {below}"
    own, group = recognise(below, kind), recognise(parent, kind)
    if own and group:
        return below, True  # «ФИО» over «Фамилия», «Имя», «Отчество»
    if recognise(combined, kind) or is_guarded(parent, kind):
        return combined, recognise(combined, kind) is not None
    return (below, True) if own else (combined, False)


def _two_row_header(top, sub, number: int, merged: list, kind: str) -> Header | None:
    filled = [value for value in sub if not _blank(value)]
    if not filled or any(not isinstance(v, str) or len(v) > SUB_HEADER_TEXT for v in filled):
        return None
    labels, named = [], 0
    for parent, below in zip(_parents(top, sub, number - 1, merged), sub, strict=False):
        label, names = _label(parent, below, kind)
        labels.append(label)
        named += names
    if named * 2 < len(filled):
        return None  # the row below is data, not sub-headers
    return read_header(labels, number, kind, rows=2)


def _better(one: Header, two: Header | None) -> Header:
    if two is None or not two.has_name:
        return one
    if not one.has_name or len(two.columns) > len(one.columns):
        return two
    return one


def find_header(rows: list[tuple[int, tuple]], kind: str, merged: list) -> Header | None:
    """The first row naming the person (with the row below, when that is a sub-header row);
    failing that, the row with most known columns."""
    best = None
    candidates = rows[:HEADER_SEARCH_ROWS]
    for position, (number, values) in enumerate(candidates):
        header = read_header(values, number, kind)
        below = rows[position + 1] if position + 1 < len(rows) else None
        if below is not None and below[0] == number + 1 and header.columns:
            header = _better(header, _two_row_header(values, below[1], number, merged, kind))
        if header.has_name and len(header.columns) >= 2:
            return header
        if len(header.columns) >= 2 and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def _header_of(sheet: Sheet, kind: str) -> Header | None:
    return find_header(sheet.rows, kind, sheet.merged) if sheet.rows else None


def read_sheet(content: bytes, kind: str, limit: int = MAX_ROWS) -> SheetData:
    """The first sheet whose header is recognised, with its data rows (at most ``limit``).

    More than MAX_ROWS data rows is an error.
    """
    row_limit = max(limit, MAX_ROWS) + HEADER_SEARCH_ROWS + 1

    def usable(sheet: Sheet) -> bool:
        header = _header_of(sheet, kind)
        return header is not None and not header.missing_required()

    book: Book = read_book(content, limit=row_limit, accept=usable)
    partial, any_data = None, False
    for sheet in book.sheets:
        any_data = any_data or bool(sheet.rows)
        header = _header_of(sheet, kind)
        if header is None:
            continue
        if header.missing_required():
            partial = partial or header
            continue
        data = [(n, values) for n, values in sheet.rows if n > header.last_row]
        if len(data) > MAX_ROWS or sheet.more:
            raise ImportFileError(
                f"В файле больше {MAX_ROWS_TEXT} строк с данными. "
                "Разделите его на несколько файлов."
            )
        return SheetData(sheet.title, book.format, header, data[:limit], sheet.merged)
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
