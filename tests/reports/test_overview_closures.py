"""The municipal overview's «Досрочно прекращено» column: early closures among closed pairs per
school, the municipality's total and the research benchmark under the table."""

import re

import pytest

from registry.models import Pair
from reports.dashboards import overview

from ..registry.factories import ready_mentee, ready_teacher_mentor
from .test_overview import _pair, _populate, _school, fake_today  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def text_of(page: str, opening: str) -> str:
    row = re.search(rf"{opening}(.*?)</tr>", page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def cell(page: str, school_id: int) -> str:
    return text_of(page, f'<tr data-school="{school_id}">')


def test_closures_per_school_and_total(
    client,
    programme,
    forms,
    municipality,
    current_year,
    officer,
    fake_today,  # noqa: F811
):
    from ..factories import ProgrammeFactory

    _populate(programme, forms, fake_today)  # one completed, one terminated
    second = ProgrammeFactory(school=_school(municipality), year=current_year)
    school = second.school
    for status in ("terminated", "terminated", "completed", "active"):
        _pair(
            second,
            ready_teacher_mentor(school),
            [ready_mentee(second)],
            forms["student_student"],
            status,
        )
    empty = ProgrammeFactory(school=_school(municipality), year=current_year)

    rows = {
        r.programme.pk: r
        for r in overview.overview_rows(municipality, current_year, fake_today, fake_today)
    }
    assert (rows[programme.pk].closures.closed, rows[programme.pk].closures.early) == (2, 1)
    assert rows[second.pk].closures.percent == 67 and rows[second.pk].closures.above_benchmark
    assert rows[empty.pk].closures.share is None
    totals = overview.overview_totals(list(rows.values()))
    assert (totals.closures.closed, totals.closures.early, totals.closures.percent) == (5, 3, 60)

    client.force_login(officer)
    page = client.get(municipality.get_absolute_url()).content.decode()
    assert "Досрочно прекращено" in page
    assert "50 % (1 из 2)" in cell(page, programme.school.pk)
    assert "67 % (2 из 3)" in cell(page, school.pk)
    assert "60 % (3 из 5)" in text_of(page, 'id="totals-row">')
    assert "досрочно прекращается 30–38 % пар" in page
    descending = client.get(municipality.get_absolute_url(), {"sort": "-closures"})
    order = re.findall(r'<tr data-school="(\d+)">', descending.content.decode())
    assert order == [str(school.pk), str(programme.school.pk), str(empty.school.pk)]


def test_terminated_only_counts_as_early(programme, forms, municipality, current_year, today):
    mentor = ready_teacher_mentor(programme.school)
    for status in (Pair.Status.COMPLETED, Pair.Status.ACTIVE, Pair.Status.DRAFT):
        _pair(programme, mentor, [ready_mentee(programme)], forms["student_student"], status)
    [row] = overview.overview_rows(municipality, current_year, today.replace(day=1), today)
    assert (row.closures.closed, row.closures.early, row.closures.percent) == (1, 0, 0)


@pytest.mark.today("2026-11-26")
def test_duration_curves_over_all_schools(
    client, programme, forms, municipality, current_year, officer, today
):
    import datetime
    import xml.etree.ElementTree as ET

    from ..factories import ProgrammeFactory

    second = ProgrammeFactory(school=_school(municipality), year=current_year)
    september = datetime.date(2026, 9, 1)
    student, teacher = forms["student_student"], forms["teacher_teacher"]
    for owner, form, status, ends_on in (
        (programme, student, Pair.Status.TERMINATED, datetime.date(2026, 10, 1)),
        (second, student, Pair.Status.ACTIVE, None),
        (second, teacher, Pair.Status.ACTIVE, None),
    ):
        _pair(
            owner,
            ready_teacher_mentor(owner.school),
            [ready_mentee(owner)],
            form,
            status,
            starts_on=september,
            ends_on=ends_on,
        )
    curves, chart = overview.duration_curves(municipality, current_year, today)
    assert {c.label: (c.pairs, c.early) for c in curves} == {
        student.name: (2, 1),
        teacher.name: (1, 0),
    }
    client.force_login(officer)
    page = client.get(municipality.get_absolute_url()).content.decode()
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="survival-chart"')
    root = ET.fromstring(page[start : page.index("</svg>", start) + len("</svg>")])
    paths = root.findall("{http://www.w3.org/2000/svg}path")
    assert len(paths) == len(curves) == 2
    assert "Продолжительность работы пар по формам наставничества" in page
