"""Column widths and type size that let a table fit its page with no word broken.

Words never break inside (the stylesheets say ``overflow-wrap: normal; hyphens: manual``), so a
column must be at least as wide as its widest word, and a figure or date column as wide as its
whole value. The widths are measured with the shipped fonts themselves. A table whose columns
do not fit at the base size is set smaller, down to a floor; the declared widths share out the
rest of the line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fontTools.ttLib import TTFont

from .fonts import font_dir

POINT_MM = 25.4 / 72
# A line may break after a hyphen between letters (a double surname); an e-mail address or a
# link also after «@», «/» and before a dot, where ``address_pieces`` lets it (with <wbr>).
_HYPHEN = re.compile(r"(?<=\w-)(?=\w)")
_ADDRESS = re.compile(r"@|://|^www\.")
_ADDRESS_BREAK = re.compile(r"(?<=[@/_])(?=.)|(?<=.)(?=\.)")


@dataclass(frozen=True)
class TableStyle:
    """How a stylesheet sets tables: fonts, sizes tried from the largest, cell padding and the
    width of the text column of the page, in mm, by orientation."""

    regular: str
    bold: str
    sizes: tuple[float, ...]
    padding_mm: float
    page_width_mm: dict[str, float]


# static/css/document.css: .doc-table, A4 with 18 + 15 mm margins.
REPORT_TABLES = TableStyle(
    regular="LiberationSans-Regular.ttf",
    bold="LiberationSans-Bold.ttf",
    sizes=(9, 8, 7, 6.5),
    padding_mm=3.0 + 0.5,
    page_width_mm={"portrait": 210 - 33, "landscape": 297 - 33},
)
# static/css/official.css: .off-table, A4 with 30 + 15 mm margins.
OFFICIAL_TABLES = TableStyle(
    regular="LiberationSerif-Regular.ttf",
    bold="LiberationSerif-Bold.ttf",
    sizes=(10.5, 9.5, 8.5),
    padding_mm=3.0 + 0.7,
    page_width_mm={"portrait": 210 - 45, "landscape": 297 - 45},
)
SAFETY = 1.04  # kerning, rounding of percentages and borders


@functools.cache
def _advances(font_file: str) -> tuple[dict[int, float], float]:
    font = TTFont(font_dir() / font_file, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / units if ".notdef" in metrics else 0.5


def text_width_mm(text: str, font_file: str, size_pt: float) -> float:
    widths, fallback = _advances(font_file)
    return sum(widths.get(ord(char), fallback) for char in text) * size_pt * POINT_MM


def address_pieces(word: str) -> list[str]:
    """An e-mail address or a link cut where a line may break in it; any other word whole."""
    if not _ADDRESS.search(word):
        return [word]
    return [piece for piece in _ADDRESS_BREAK.split(word) if piece]


def _pieces(text: str) -> list[str]:
    return [
        piece
        for word in text.split()
        for part in address_pieces(word)
        for piece in _HYPHEN.split(part)
        if piece
    ]


@dataclass(frozen=True)
class Fit:
    font_size: float
    widths: list[float]  # percent of the table's width
    fits: bool  # every column holds its widest word


def _needs(titles, columns_text, nowrap, style: TableStyle, size: float) -> list[float]:
    needs = []
    for title, texts, whole in zip(titles, columns_text, nowrap, strict=True):
        need = max((text_width_mm(p, style.bold, size) for p in _pieces(title)), default=0)
        for text in texts:
            parts = [text] if whole else _pieces(text)
            for part in parts:
                need = max(need, text_width_mm(part, style.regular, size))
        needs.append(need * SAFETY + style.padding_mm)
    return needs


def fit_columns(
    titles: list[str],
    declared: list[int],
    columns_text: list[list[str]],
    nowrap: list[bool],
    style: TableStyle,
    orientation: str = "portrait",
) -> Fit:
    """The largest type size at which every column holds its widest word, and the widths:
    each column its declared share of the line, widened to its widest word, the others
    narrowed in proportion to make room."""
    available = style.page_width_mm[orientation]
    for size in style.sizes:
        needs = _needs(titles, columns_text, nowrap, style, size)
        if sum(needs) <= available:
            break
    fits = sum(needs) <= available
    total = sum(declared)
    widths = [available * width / total for width in declared]
    for _ in range(len(widths)):
        short = [i for i, width in enumerate(widths) if width < needs[i] - 1e-6]
        if not short:
            break
        for i in short:
            widths[i] = needs[i]
        spare = [i for i, width in enumerate(widths) if width > needs[i] + 1e-6]
        excess = sum(widths) - available
        room = sum(widths[i] - needs[i] for i in spare)
        if excess <= 0 or room <= 0:
            break
        share = min(1.0, excess / room)
        for i in spare:
            widths[i] -= (widths[i] - needs[i]) * share
    scale = sum(widths)
    return Fit(size, [100 * width / scale for width in widths], fits)


def split_columns(
    titles: list[str],
    columns_text: list[list[str]],
    nowrap: list[bool],
    style: TableStyle,
    orientation: str = "portrait",
) -> list[list[int]]:
    """Columns of a table too wide for its page, in groups that fit at the smallest size; each
    group after the first repeats the first column, which names the row."""
    available = style.page_width_mm[orientation]
    needs = _needs(titles, columns_text, nowrap, style, style.sizes[-1])
    groups = [[0]]
    for index in range(1, len(titles)):
        if len(groups[-1]) > 1 and sum(needs[i] for i in groups[-1]) + needs[index] > available:
            groups.append([0])
        groups[-1].append(index)
    return groups
