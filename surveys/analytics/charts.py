"""Server-side SVG horizontal bar charts: plain strings, usable inline in HTML and in WeasyPrint.

Only presentation attributes are used (no style attribute, no script), so the charts pass the
site's content security policy and render identically in PDFs.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 600
LABEL_WIDTH = 230
COUNT_WIDTH = 40
BAR_HEIGHT = 18
ROW_HEIGHT = 26
PADDING = 6
MAX_LABEL = 34
FONT = "DejaVu Sans, Arial, sans-serif"
BAR_COLOUR = "#0d6efd"
TEXT_COLOUR = "#212529"
# At font-size 12 a glyph of DejaVu Sans or Arial is at most about 7.5 px wide on average
# (Cyrillic capitals included): a label longer than its column at that width is squeezed.
GLYPH_WIDTH = 7.5
LABEL_ROOM = LABEL_WIDTH - 8


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _label(label: str, middle: float) -> str:
    """The label starts at the chart's left edge, so nothing of it falls outside the picture;
    one that might run into the bars is squeezed into its column."""
    short = _short(label)
    squeeze = ""
    if len(short) * GLYPH_WIDTH > LABEL_ROOM:
        squeeze = f' textLength="{LABEL_ROOM}" lengthAdjust="spacingAndGlyphs"'
    return f'<text x="0" y="{middle:g}"{squeeze}>{escape(short)}</text>'


def _bar(index: int, label: str, count: int, largest: int) -> str:
    top = PADDING + index * ROW_HEIGHT
    middle = top + BAR_HEIGHT / 2 + 4
    room = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    length = round(room * count / largest) if largest else 0
    return (
        f"<g><title>{escape(label)}: {count}</title>"
        f"{_label(label, middle)}"
        f'<rect x="{LABEL_WIDTH}" y="{top}" width="{length}" height="{BAR_HEIGHT}" '
        f'fill="{BAR_COLOUR}" rx="2"></rect>'
        f'<text x="{LABEL_WIDTH + length + 6}" y="{middle:g}">{count}</text></g>'
    )


def bar_chart(rows, *, title: str = "") -> SafeString:
    """One horizontal bar per (label, count); the count is written at the end of each bar."""
    rows = [(str(label), int(count)) for label, count in rows]
    largest = max((count for _label, count in rows), default=0)
    height = PADDING * 2 + ROW_HEIGHT * max(len(rows), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.extend(_bar(index, label, count, largest) for index, (label, count) in enumerate(rows))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label above is escaped
