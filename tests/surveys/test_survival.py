"""Kaplan–Meier pair durations by form, the early-closure rate and the SVG curve."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from registry.models import Pair
from surveys.analytics.survival import (
    CLOSURE_BENCHMARK_TEXT,
    Curve,
    Observation,
    duration_curves,
    kaplan_meier,
    percent_text,
    survival_chart,
)

from ..registry.factories import ready_student_mentor

SVG = "{http://www.w3.org/2000/svg}"
E, C = True, False


def curve(*observations):
    return Curve("Форма", [Observation(days, event) for days, event in observations])


def test_product_limit_with_censoring():
    # 5 pairs; early closures on days 30, 90, 150; censored on 60 and 120.
    # day 30: 5 at risk → 4/5; day 90: 3 at risk → 0,8·2/3; day 150: 1 at risk → 0.
    km = curve((30, E), (60, C), (90, E), (120, C), (150, E))
    assert km.steps == [(0, 1.0), (30, 0.8), (90, pytest.approx(0.8 * 2 / 3)), (150, 0.0)]
    assert km.median == 150
    assert km.at(29) == 1.0 and km.at(89) == pytest.approx(0.8)
    assert km.milestones == [(3, pytest.approx(0.8 * 2 / 3)), (6, None), (12, None)]
    assert km.milestone_texts == ["53 %", "—", "—"]
    assert (km.pairs, km.early, km.followed) == (5, 3, 150)


def test_censored_on_an_event_day_is_still_at_risk():
    # day 30: 3 at risk (the censored one too) → 2/3; day 60: 1 at risk → 0.
    assert kaplan_meier([Observation(30, E), Observation(30, C), Observation(60, E)]) == [
        (0, 1.0),
        (30, pytest.approx(2 / 3)),
        (60, 0.0),
    ]


def test_median_not_reached_while_most_pairs_last():
    km = curve((40, E), (200, C), (300, C), (400, C))
    assert km.steps == [(0, 1.0), (40, 0.75)]
    assert km.median is None and km.median_text == "не достигнута"
    assert km.at(365) == 0.75 and km.milestone_texts == ["75 %", "75 %", "75 %"]


def test_chart_is_well_formed_with_a_path_per_form():
    curves = [
        Curve("Ученик – ученик", [Observation(30, E), Observation(200, C)]),
        Curve("Учитель – ученик", [Observation(100, C), Observation(120, E)]),
        Curve("Студент & <ученик>", [Observation(400, C)]),
    ]
    svg = str(survival_chart(curves, title="Доля пар"))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f"{SVG}path")
    assert [path.find(f"{SVG}title").text for path in paths] == [c.label for c in curves]
    texts = "".join(root.itertext())
    assert "Студент & <ученик> (пар: 1, досрочно прекращено: 0)" in texts
    assert "Месяцы от начала работы пары" in texts
    width = float(root.get("width"))
    for element in root.iter():
        for attribute in ("x", "x1", "x2"):
            if element.get(attribute) is not None:
                assert 0 <= float(element.get(attribute)) <= width
    # 400 days of follow-up: the axis runs to 15 months, a tick every 3
    ticks = [t.text for t in root.findall(f"{SVG}text") if t.text.isdigit()]
    assert ticks == ["0", "3", "6", "9", "12", "15"]


@pytest.fixture
def pairs(programme, forms):
    first, second = sorted(forms.values(), key=lambda form: form.position)[:2]

    def make(form, status, starts_on, ends_on=None, **fields):
        mentor = ready_student_mentor(programme.school)
        return Pair.objects.create(
            programme=programme,
            mentor=mentor,
            form=form,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
            **fields,
        )

    september, october = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)
    made = {
        "terminated": make(first, Pair.Status.TERMINATED, september, october),
        "completed": make(first, Pair.Status.COMPLETED, september, datetime.date(2026, 11, 1)),
        "running": make(first, Pair.Status.ACTIVE, september, datetime.date(2027, 5, 31)),
        "second": make(second, Pair.Status.ACTIVE, october),
        "second_early": make(second, Pair.Status.TERMINATED, october, datetime.date(2026, 10, 11)),
        "draft": make(second, Pair.Status.DRAFT, september),
        "no_start": make(second, Pair.Status.APPROVED, None),
        "later": make(second, Pair.Status.APPROVED, datetime.date(2026, 12, 1)),
    }
    return made, (first, second)


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_durations_by_form(programme, pairs, today):
    _made, (first, second) = pairs
    curves = duration_curves(programme.pairs.all(), today)
    assert [c.label for c in curves] == [first.name, second.name]
    one, two = curves
    # terminated after 30 days, completed after 61 (censored), running 86 days (censored)
    assert sorted(one.observations, key=lambda o: o.days) == [
        Observation(30, True),
        Observation(61, False),
        Observation(86, False),
    ]
    assert one.steps == [(0, 1.0), (30, pytest.approx(2 / 3))]
    # drafts, pairs without a start and pairs starting later are left out
    assert sorted(two.observations, key=lambda o: o.days) == [
        Observation(10, True),
        Observation(56, False),
    ]
    assert two.median == 10


@pytest.mark.today("2026-11-26")
@pytest.mark.django_db
def test_continued_pair_counts_from_the_first_start(programme, forms, today):
    form = next(iter(forms.values()))
    mentor = ready_student_mentor(programme.school)
    first = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=form,
        status=Pair.Status.COMPLETED,
        starts_on=datetime.date(2025, 9, 1),
        ends_on=datetime.date(2026, 5, 31),
    )
    second = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=form,
        status=Pair.Status.ACTIVE,
        starts_on=datetime.date(2026, 9, 1),
        continued_from=first,
    )
    [only] = duration_curves(Pair.objects.filter(pk=second.pk), today)
    assert only.observations == [Observation((today - datetime.date(2025, 9, 1)).days, False)]
    assert only.at(365) == 1.0


def test_closure_benchmark_and_percent_text():
    assert "30–38 %" in CLOSURE_BENCHMARK_TEXT
    assert percent_text(0.525) == "53 %" and percent_text(None) == "—"
