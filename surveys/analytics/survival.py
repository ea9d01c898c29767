"""How long pairs last: Kaplan–Meier curves of pair duration by form, and the early-closure rate.

The event is «досрочное прекращение» (status «Прекращена досрочно»), so the curve is «доля пар,
продолжающих работу»: a pair's time runs from ``starts_on`` to ``ends_on`` (the day it closed). A
pair that completed its work is censored at its end — it did not break up, it was finished; a
running pair (approved or working, started by the day) is censored at that day. A pair continued
from the previous academic year counts from the start of the first pair of the chain: it is one
relationship. Pairs without a start date, drafts and pairs that start later are left out.

Product-limit estimator: at each day t with d early closures among n pairs still at risk,
S(t) = S(t⁻) · (1 − d / n); pairs censored on day t are still at risk on that day. The median is
the first day with S ≤ 0,5 (None while the curve stays above); the share at 3, 6 and 12 months is
S at 91, 182 and 365 days, None when no pair has been followed that long.

The early-closure rate (``registry.selectors.closure_rates``) is read beside the benchmark of youth
mentoring research, ``CLOSURE_BENCHMARK_TEXT``.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mentoring.percent import whole_percent
from registry.models import Pair
from registry.selectors import EARLY_CLOSURE_BENCHMARK

from .charts import FONT, TEXT_COLOUR

MILESTONES = {3: 91, 6: 182, 12: 365}
MONTH = 365.25 / 12  # days: the chart's month
LOW, HIGH = (whole_percent(share) for share in EARLY_CLOSURE_BENCHMARK)
CLOSURE_BENCHMARK = f"{LOW}–{HIGH} %"
CLOSURE_BENCHMARK_TEXT = (
    f"Ориентир исследований наставничества детей и молодёжи: досрочно прекращается {LOW}–{HIGH} % "
    "пар, чаще всего по инициативе наставника."
)
CLOSED = (Pair.Status.COMPLETED, Pair.Status.TERMINATED)
RUNNING = (Pair.Status.APPROVED, Pair.Status.ACTIVE)


@dataclass(frozen=True)
class Observation:
    days: int
    event: bool  # ended early; False — censored


@dataclass
class Curve:
    label: str
    observations: list[Observation]
    steps: list[tuple[int, float]] = field(init=False)  # (day, S from that day on)

    def __post_init__(self) -> None:
        self.steps = kaplan_meier(self.observations)

    @property
    def pairs(self) -> int:
        return len(self.observations)

    @property
    def early(self) -> int:
        return sum(1 for o in self.observations if o.event)

    @property
    def followed(self) -> int:
        return max((o.days for o in self.observations), default=0)

    def at(self, day: int) -> float | None:
        """S(day); None beyond the longest follow-up."""
        if day > self.followed:
            return None
        value = 1.0
        for step_day, survival in self.steps:
            if step_day > day:
                break
            value = survival
        return value

    @property
    def median(self) -> int | None:
        return next((day for day, survival in self.steps if survival <= 0.5), None)

    @property
    def milestones(self) -> list[tuple[int, float | None]]:
        return [(months, self.at(days)) for months, days in MILESTONES.items()]

    @property
    def milestone_texts(self) -> list[str]:
        return [percent_text(share) for _months, share in self.milestones]

    @property
    def median_text(self) -> str:
        if self.median is None:
            return "не достигнута"
        months = f"{self.median / MONTH:.1f}".replace(".", ",")
        return f"{self.median} дн. (≈ {months} мес.)"


def kaplan_meier(observations: list[Observation]) -> list[tuple[int, float]]:
    """[(0, 1.0), (t₁, S(t₁)), …] at day 0 and at each day with an early closure."""
    events: dict[int, int] = defaultdict(int)
    for observation in observations:
        if observation.event:
            events[observation.days] += 1
    steps, survival = [(0, 1.0)], 1.0
    for day in sorted(events):
        at_risk = sum(1 for o in observations if o.days >= day)
        survival *= 1 - events[day] / at_risk
        if day == 0:
            steps[0] = (0, survival)
        else:
            steps.append((day, survival))
    return steps


def _chain_starts(pairs: list[tuple]) -> dict[int, datetime.date | None]:
    """For each pair continued from an earlier one, the start of the first pair of the chain; one
    query per academic year walked back."""
    starts = {pk: (starts_on, previous) for pk, _f, starts_on, _e, _s, previous in pairs}
    wanted = {previous for _s, previous in starts.values() if previous and previous not in starts}
    while wanted:
        found = Pair.objects.filter(pk__in=wanted).values_list(
            "pk", "starts_on", "continued_from_id"
        )
        wanted = set()
        for pk, starts_on, previous in found:
            starts[pk] = (starts_on, previous)
            if previous and previous not in starts:
                wanted.add(previous)

    def first(pk: int) -> datetime.date | None:
        seen, start = set(), starts[pk][0]
        while pk in starts and pk not in seen:
            seen.add(pk)
            start = starts[pk][0] or start
            pk = starts[pk][1]
        return start

    return {pk: first(pk) for pk in starts}


def duration_curves(pairs, day: datetime.date) -> list[Curve]:
    """One curve per form (in the forms' order) over ``pairs`` (a Pair queryset), as of ``day``."""
    rows = list(
        pairs.filter(status__in=(*CLOSED, *RUNNING))
        .order_by("form__position", "form_id")
        .values_list("pk", "form__name", "starts_on", "ends_on", "status", "continued_from_id")
    )
    starts = _chain_starts(rows)
    by_form: dict[str, list[Observation]] = {}
    for pk, form, _starts_on, ends_on, status, _previous in rows:
        start = starts[pk]
        end = ends_on if status in CLOSED else day
        observations = by_form.setdefault(form, [])
        if start is None or end is None or start > day or end < start:
            continue
        observations.append(Observation((end - start).days, status == Pair.Status.TERMINATED))
    return [Curve(form, observations) for form, observations in by_form.items() if observations]


def percent_text(share: float | None) -> str:
    """«33 %»; «—» for no value."""
    return "—" if share is None else f"{whole_percent(share)} %"


# The chart -----------------------------------------------------------------------------------

WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 40
LEGEND_ROW = 18
LEGEND_GLYPH = 6.9  # px: the widest average glyph at font-size 11 (see charts.GLYPH_WIDTH)
COLOURS = ["#0d6efd", "#b02a37", "#146c43", "#6f42c1", "#a35200", "#0a6c7a", "#495057"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4"]


def _legend(curve: Curve, x: float, y: float) -> str:
    """The form and its counts; a long line is squeezed to the picture's width."""
    text = f"{curve.label} (пар: {curve.pairs}, досрочно прекращено: {curve.early})"
    room = WIDTH - RIGHT - x
    squeeze = ""
    if len(text) * LEGEND_GLYPH > room:
        squeeze = f' textLength="{room:g}" lengthAdjust="spacingAndGlyphs"'
    return f'<text x="{x:g}" y="{y:g}"{squeeze}>{escape(text)}</text>'


def survival_chart(curves: list[Curve], *, title: str = "") -> SafeString:
    """Step curves S(t) by form, months on the x axis, legend under the plot; presentation
    attributes only, like ``charts.bar_chart``, so it renders the same on pages and in PDFs."""
    longest = max([365, *(curve.followed for curve in curves)])
    step = 1 if longest <= 365 else 3
    months = math.ceil(longest / MONTH / step) * step
    span = months * MONTH
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    legend_h = LEGEND_ROW * len(curves) + 6
    height = HEIGHT + legend_h

    def x(day: float) -> float:
        return round(LEFT + plot_w * day / span, 1)

    def y(share: float) -> float:
        return round(TOP + plot_h * (1 - share), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="survival-chart" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="11" fill="{TEXT_COLOUR}">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(share)}" x2="{WIDTH - RIGHT}" y2="{y(share)}" '
            f'stroke="#dee2e6" stroke-width="1"></line>'
            f'<text x="{LEFT - 4}" y="{y(share) + 4}" text-anchor="end">'
            f"{percent_text(share)}</text>"
        )
    for month in range(0, months + 1, step):
        parts.append(
            f'<line x1="{x(month * MONTH)}" y1="{TOP + plot_h}" x2="{x(month * MONTH)}" '
            f'y2="{TOP + plot_h + 4}" stroke="{TEXT_COLOUR}" stroke-width="1"></line>'
            f'<text x="{x(month * MONTH)}" y="{TOP + plot_h + 16}" text-anchor="middle">'
            f"{month}</text>"
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:g}" y="{TOP + plot_h + 32}" text-anchor="middle">'
        "Месяцы от начала работы пары</text>"
    )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"></line>'
    )
    for index, curve in enumerate(curves):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        path = [f"M{x(0)} {y(curve.steps[0][1])}"]
        for day, share in curve.steps[1:]:
            path.append(f"H{x(day)} V{y(share)}")
        path.append(f"H{x(curve.followed)}")
        parts.append(
            f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2"'
            f"{dashed}><title>{escape(curve.label)}</title></path>"
        )
        legend_y = HEIGHT + LEGEND_ROW * index + 6
        parts.append(
            f'<line x1="{LEFT}" y1="{legend_y}" x2="{LEFT + 28}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2"{dashed}></line>'
            f"{_legend(curve, LEFT + 34, legend_y + 4)}"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label above is escaped
