"""Finding the table in a file: its header (one row, or two or three under merged groups) and
data rows; a workbook with one class per sheet («5А», «5 Б», «10-а класс») is read sheet by sheet,
the class taken from the sheet's name."""

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
from .values import class_of

MAX_ROWS = 10_000
MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", " ")
SUB_HEADER_TEXT = 80
MAX_HEADER_ROWS = 3
EMPTY_SHEET = "пустой лист"
NOT_A_CLASS = "название листа — не класс, а список по классам"
NO_HEADER = "на листе не найдена строка заголовков с ФИО"


@dataclass
class ClassSheet:
    """The rows of one sheet; ``class_name`` when the sheet is named for a class."""

    title: str  # "" when the file holds one list
    class_name: str | None
    rows: list[tuple[int, tuple]]  # (row number, cell values) below the header, no blank rows
    header_row: int
    header_rows: int


@dataclass
class SheetData:
    title: str
    format: str
    header: Header
    rows: list[tuple[int, tuple]]  # (row number, cell values) below the header, blank rows left out
    merged: list = field(default_factory=list)
    sheets: list[ClassSheet] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)  # sheets left out: {"sheet", "note"}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parents(top: tuple, sub: tuple, top_index: int, merged: list) -> list:
    """The group title over each column: the cell itself, a merged cell over it, or the group
    to its left when the file carries no merge information (.csv)."""
    parents = list(top) + [None] * (len(sub) - len(top))
    if merged:
        for (r0, c0), (r1, c1) in merged:
            if r0 <= top_index <= r1 and c0 < len(top) and not _blank(top[c0]):
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


def _combined(top, sub, top_index: int, merged: list, kind: str) -> list | None:
    """The labels of a header row under the groups above it; None when ``sub`` is data."""
    filled = [value for value in sub if not _blank(value)]
    if not filled or any(not isinstance(v, str) or len(v) > SUB_HEADER_TEXT for v in filled):
        return None
    labels, named = [], 0
    for parent, below in zip(_parents(top, sub, top_index, merged), sub, strict=False):
        label, names = _label(parent, below, kind)
        labels.append(label)
        named += names
    if named * 2 < len(filled):
        return None  # the row below is data, not sub-headers
    return labels


def _deep_header(rows: list[tuple], number: int, merged: list, kind: str) -> Header | None:
    """A header of ``len(rows)`` rows: each row read under the merged groups above it."""
    labels = list(rows[0])
    for depth, sub in enumerate(rows[1:], start=1):
        if not sub:
            continue  # merged into the rows above and below
        labels = _combined(labels, sub, number + depth - 2, merged, kind)
        if labels is None:
            return None
    return read_header(labels, number, kind, rows=len(rows))


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
        # A row wholly under vertical merges is blank, so it is not among ``rows``.
        nearby = dict(rows[position + 1 : position + MAX_HEADER_ROWS])
        block = [values]
        for depth in range(1, MAX_HEADER_ROWS if header.columns else 1):
            block.append(nearby.get(number + depth, ()))
            if block[-1]:
                header = _better(header, _deep_header(block, number, merged, kind))
        if header.has_name and len(header.columns) >= 2:
            return header
        if len(header.columns) >= 2 and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def _header_of(sheet: Sheet, kind: str) -> Header | None:
    return find_header(sheet.rows, kind, sheet.merged) if sheet.rows else None


def sheet_class(title: str) -> str | None:
    """«5А», «5 Б», «10-а класс», «7 «В»» → the class; None for «Лист1», «Итого», «Список»."""
    name = class_of(title)
    if name is None:
        return None
    # A bare number («1», «2») is more often a sheet's number than a class.
    return name if name[-1].isalpha() or "класс" in title.lower() else None


def _too_many() -> ImportFileError:
    return ImportFileError(
        f"В файле больше {MAX_ROWS_TEXT} строк с данными. Разделите его на несколько файлов."
    )


def _remapped(rows, header: Header, common: Header) -> list[tuple[int, tuple]]:
    """Rows of a sheet whose columns stand elsewhere, in the column order of the first sheet."""
    if header.columns == common.columns:
        return rows
    for key, title in header.titles.items():
        if key not in common.columns:
            common.columns[key] = max(common.columns.values()) + 1
            common.titles[key] = title
    width = max(common.columns.values()) + 1
    moves = [(index, common.columns[key]) for key, index in header.columns.items()]
    remapped = []
    for number, values in rows:
        cells = [None] * width
        for source, target in moves:
            if source < len(values):
                cells[target] = values[source]
        remapped.append((number, tuple(cells)))
    return remapped


def _class_sheets(book: Book, kind: str, limit: int) -> SheetData | None:
    """One class per sheet: every sheet named for a class, with a header, is read; the others
    are noted. None when the first sheet with a list is not named for a class."""
    found = [(sheet, _header_of(sheet, kind)) for sheet in book.sheets]
    usable = [
        (sheet, header) for sheet, header in found if header and not header.missing_required()
    ]
    if not usable or sheet_class(usable[0][0].title) is None:
        return None
    common, parts, notes, total = None, [], [], 0
    for sheet, header in found:
        class_name = sheet_class(sheet.title)
        note = None
        if not sheet.rows:
            note = EMPTY_SHEET
        elif class_name is None:
            note = NOT_A_CLASS
        elif header is None or header.missing_required():
            note = NO_HEADER
        if note:
            notes.append({"sheet": sheet.title, "note": note})
            continue
        if common is None:  # a copy: columns of later sheets are added to it
            common = Header(
                header.row,
                dict(header.columns),
                dict(header.titles),
                list(header.unknown),
                header.rows,
            )
        if sheet.more:
            raise _too_many()
        rows = [(n, values) for n, values in sheet.rows if n > header.last_row]
        total += len(rows)
        parts.append(
            ClassSheet(
                sheet.title,
                class_name,
                _remapped(rows, header, common),
                header.row,
                header.rows,
            )
        )
        common.unknown.extend(u for u in header.unknown if u not in common.unknown)
    if total > MAX_ROWS:
        raise _too_many()
    first = parts[0]
    rows = [row for part in parts for row in part.rows][:limit]
    return SheetData(first.title, book.format, common, rows, [], parts, notes)


def _accept(kind: str):
    """Stops reading at the first sheet with a list, unless it is named for a class."""

    def usable(sheet: Sheet) -> bool:
        header = _header_of(sheet, kind)
        if header is None or header.missing_required():
            return False
        return sheet_class(sheet.title) is None

    return usable


def read_sheet(content: bytes, kind: str, limit: int = MAX_ROWS) -> SheetData:
    """The first sheet whose header is recognised, with its data rows (at most ``limit``); or
    every sheet named for a class when the first such sheet is.

    More than MAX_ROWS data rows is an error.
    """
    row_limit = max(limit, MAX_ROWS) + HEADER_SEARCH_ROWS + 1
    book: Book = read_book(content, limit=row_limit, accept=_accept(kind))
    classes = _class_sheets(book, kind, limit)
    if classes is not None:
        return classes
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
            raise _too_many()
        part = ClassSheet("", None, data[:limit], header.row, header.rows)
        return SheetData(sheet.title, book.format, header, data[:limit], sheet.merged, [part])
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
