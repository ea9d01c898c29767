"""Layout checks of a generated PDF, read back with pdfplumber.

Two faults are looked for:

- text that crosses a border: every word must lie inside the table cell its first letter lies
  in (cells are found from the ruling lines, ``page.find_tables()``), and inside the page;
- a word broken in the middle: where a line ends and the next line of the same cell (or of the
  text outside tables) begins, the two words joined must not be a part of one word of the
  source. A break is allowed only where the source allows one: at a space, after a hard hyphen,
  dash or slash, and at ``<wbr>``. Hyphenation (``hyphens: auto`` adds «-») and forced breaks
  (``overflow-wrap: anywhere``, ``word-break``) both show up as a joined word of the source.

The source is the document's HTML; without it only borders are checked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html.parser import HTMLParser

import pdfplumber

TOLERANCE = 1.0  # points: borders are drawn 0.5–1 pt wide
LINE_TOLERANCE = 2.0  # points: words of one line share their top within this
BREAK_MARK = "\u200b"
BREAK_AFTER = "-‐–—/"
SOFT_HYPHEN = "\u00ad"
ADDED_HYPHENS = "-\u2010"  # what hyphenation puts at a line's end
_SKIPPED_TAGS = {"style", "script", "head", "title"}
_SPACE_TAGS = {"br", "p", "td", "th", "tr", "li", "div", "section", "table", "h1", "h2", "h3"}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipped = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipped += 1
        elif tag == "wbr":
            self.parts.append(BREAK_MARK)
        elif tag in _SPACE_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipped = max(0, self._skipped - 1)
        elif tag in _SPACE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skipped:
            self.parts.append(data)


class SourceWords:
    """The words of the source text with the places inside them where a line may break."""

    def __init__(self, html: str) -> None:
        parser = _TextOfHtml()
        parser.feed(html)
        text = "".join(parser.parts).replace(SOFT_HYPHEN, BREAK_MARK)
        self.breaks: dict[str, set[int]] = {}
        for raw in text.split():
            word, allowed = "", set()
            for char in raw:
                if char == BREAK_MARK:
                    allowed.add(len(word))
                    continue
                word += char.casefold()
                if char in BREAK_AFTER:
                    allowed.add(len(word))
            if word:
                self.breaks.setdefault(word, set()).update(allowed)
        self._joined = "\n".join(self.breaks)

    def broken(self, left: str, right: str) -> str | None:
        """The source word that ``left`` at a line's end and ``right`` at the next line's start
        split where no break is allowed, or None."""
        left, right = left.casefold(), right.casefold()
        if left in self.breaks and right in self.breaks:
            return None  # two words of the source, as in «форм» / «и»
        for candidate in (left + right, left.rstrip(ADDED_HYPHENS) + right):
            if len(candidate) < 4 or candidate not in self._joined:
                continue
            cut = len(left) if candidate == left + right else len(left) - 1
            for word, allowed in self.breaks.items():
                start = word.find(candidate)
                while start != -1:
                    if start + cut not in allowed:
                        return word
                    start = word.find(candidate, start + 1)
        return None


def _inside(word: Word, box, tolerance: float = TOLERANCE) -> bool:
    x0, top, x1, bottom = box
    return (
        word.x0 >= x0 - tolerance
        and word.x1 <= x1 + tolerance
        and word.top >= top - tolerance
        and word.bottom <= bottom + tolerance
    )


def _starts_in(word: Word, box) -> bool:
    x0, top, x1, bottom = box
    middle = (word.top + word.bottom) / 2
    return x0 <= word.x0 + 0.5 < x1 and top <= middle < bottom


def _area(box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _lines(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _breaks_in(words: list[Word], source: SourceWords, where: str) -> list[str]:
    problems = []
    lines = _lines(words)
    for above, below in zip(lines, lines[1:], strict=False):
        height = above[-1].bottom - above[-1].top
        if below[0].top - above[-1].top > 2.2 * height:
            continue  # a new paragraph or block, not the next line
        word = source.broken(above[-1].text, below[0].text)
        if word:
            problems.append(
                f"стр. {above[-1].page}, {where}: слово «{word}» разорвано между строками "
                f"(«{above[-1].text}» / «{below[0].text}»)"
            )
    return problems


def layout_problems(pdf: bytes, source_html: str | None = None) -> list[str]:
    """Every word crossing a cell's border or the page's edge, and every word broken between
    lines; an empty list for a clean PDF."""
    source = SourceWords(source_html) if source_html else None
    problems: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            words = [
                Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], number)
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
            ]
            page_box = (0, 0, page.width, page.height)
            cells = sorted(
                (cell for table in page.find_tables() for cell in table.cells if cell),
                key=_area,
            )
            by_cell: dict[tuple, list[Word]] = {}
            outside: list[Word] = []
            for word in words:
                if not _inside(word, page_box, 0):
                    problems.append(f"стр. {number}: «{word.text}» выходит за край страницы")
                cell = next((c for c in cells if _starts_in(word, c)), None)
                if cell is None:
                    outside.append(word)
                    continue
                by_cell.setdefault(cell, []).append(word)
                if not _inside(word, cell):
                    problems.append(
                        f"стр. {number}: «{word.text}» выходит за границу ячейки таблицы"
                    )
            if source is None:
                continue
            for cell_words in by_cell.values():
                problems += _breaks_in(cell_words, source, "в ячейке таблицы")
            problems += _breaks_in(outside, source, "в тексте")
    return problems


def assert_clean_layout(pdf: bytes, source_html: str | None = None, name: str = "PDF") -> None:
    problems = layout_problems(pdf, source_html)
    shown = "\n".join(problems[:30])
    more = f"\n… и ещё {len(problems) - 30}" if len(problems) > 30 else ""
    assert not problems, f"{name}: {len(problems)} нарушений вёрстки\n{shown}{more}"
