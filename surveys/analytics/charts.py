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


LINE_HEIGHT = 200
LINE_LEFT = 30
LINE_BOTTOM = 30
LINE_COLOUR = "#198754"
GRID_COLOUR = "#dee2e6"


def line_chart(points, *, low: float, high: float, title: str = "") -> SafeString:
    """A line through (label, value) points from left to right on a scale ``low``–``high``;
    each point is marked and its value written above it."""
    points = [(str(label), float(value)) for label, value in points]
    plot_width = WIDTH - LINE_LEFT - PADDING * 4
    plot_height = LINE_HEIGHT - LINE_BOTTOM - PADDING * 3
    step = plot_width / max(len(points) - 1, 1)

    def y(value: float) -> float:
        return round(PADDING * 3 + plot_height * (high - value) / (high - low), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="line-chart" width="{WIDTH}" '
        f'height="{LINE_HEIGHT}" viewBox="0 0 {WIDTH} {LINE_HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for mark in range(int(low), int(high) + 1):
        parts.append(
            f'<line x1="{LINE_LEFT}" y1="{y(mark)}" x2="{WIDTH - PADDING}" y2="{y(mark)}" '
            f'stroke="{GRID_COLOUR}"></line><text x="0" y="{y(mark) + 4}">{mark}</text>'
        )
    xy = [(round(LINE_LEFT + PADDING * 2 + step * i, 1), y(v)) for i, (_, v) in enumerate(points)]
    if len(xy) > 1:
        line = " ".join(f"{x},{top}" for x, top in xy)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{LINE_COLOUR}" '
            f'stroke-width="2"></polyline>'
        )
    for (label, value), (x, top) in zip(points, xy, strict=True):
        shown = f"{value:.1f}".replace(".", ",")
        parts.append(
            f"<g><title>{escape(label)}: {shown}</title>"
            f'<circle cx="{x}" cy="{top}" r="4" fill="{LINE_COLOUR}"></circle>'
            f'<text x="{x}" y="{top - 8}" text-anchor="middle">{shown}</text>'
            f'<text x="{x}" y="{LINE_HEIGHT - PADDING * 2}" text-anchor="middle">'
            f"{escape(_short(label))}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label above is escaped
