import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Meeting, Pair
from reports.dashboards import overview
from reports.indicators import school_indicators
from reports.models import MonthlyReport
from reports.monthly import services as monthly
from stages.models import Stage

from .. import clock
from ..factories import ProgrammeFactory, SchoolFactory
from ..registry.factories import (
    MenteeFactory,
    StudentFactory,
    ready_mentee,
    ready_student_mentor,
    ready_teacher_mentor,
)


@pytest.fixture
def fake_today(time_machine, current_year):
    """26 November of the current academic year: September to November are due."""
    day = datetime.date(current_year.start_date.year, 11, 26)
    time_machine.move_to(clock.moment(day))
    return day


_NUMBERS = itertools.count(100)


def _school(municipality, **fields):
    return SchoolFactory(
        municipality=municipality, short_name=f"МБОУ «Школа № {next(_NUMBERS)}»", **fields
    )


def _pair(programme, mentor, mentees, form, status, **fields):
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=form, status=status, **fields
    )
    pair.mentees.set(mentees)
    return pair


def _populate(programme, forms, day, *, students_total=40, teachers_total=8):
    """Pairs in every status; people of every kind that coverage must or must not count."""
    school = programme.school
    programme.students_total = students_total
    programme.teachers_total = teachers_total
    programme.save()
    student_form, teacher_form = forms["student_student"], forms["teacher_teacher"]
    young = ready_mentee(programme, birth_date=day.replace(year=day.year - 8))
    no_birth = ready_mentee(programme, birth_date=None)
    teen = ready_mentee(programme)
    colleague = MenteeFactory(
        programme=programme,
        participant=ready_teacher_mentor(school).participant,
    )
    active = _pair(
        programme, ready_student_mentor(school), [teen, young], student_form, Pair.Status.ACTIVE
    )
    _pair(programme, ready_student_mentor(school), [no_birth], student_form, "approved")
    _pair(programme, ready_teacher_mentor(school), [colleague], teacher_form, "completed")
    _pair(programme, ready_teacher_mentor(school), [ready_mentee(programme)], student_form, "draft")
    _pair(
        programme,
        ready_teacher_mentor(school),
        [ready_mentee(programme)],
        student_form,
        "terminated",
    )
    Meeting.objects.create(pair=active, held_on=day.replace(day=3), topic="Знакомство")
    Meeting.objects.create(
        pair=active, held_on=day.replace(day=1) - datetime.timedelta(days=2), topic="Т"
    )
    return active


def test_coverage_equals_school_indicators(programme, forms, municipality, current_year, today):
    period = monthly.latest_due_period(today)
    day = monthly.snapshot_day(period, today)
    _populate(programme, forms, day)
    second = ProgrammeFactory(school=_school(municipality), year=current_year)
    _populate(second, forms, day, students_total=None, teachers_total=None)

    rows = {
        row.programme.pk: row
        for row in overview.overview_rows(municipality, current_year, period, today)
    }
    for candidate in (programme, second):
        candidate.refresh_from_db()
        figures = school_indicators(candidate, day)
        row = rows[candidate.pk]
        assert row.students.involved == figures["students_involved"]
        assert row.teachers.involved == figures["teachers_involved"]
        assert row.students.share == figures["students_coverage"]
        assert row.teachers.share == figures["teachers_coverage"]
        assert row.pairs_working == figures["pairs_active"]
        assert row.meetings_period == figures["meetings_period"]
    first = rows[programme.pk]
    # teen and the student without a birth date and the two student mentors; not the 8-year-old
    assert first.students.involved == 4
    assert first.teachers.involved == 2
    assert first.students.share == pytest.approx(0.1)
    assert rows[second.pk].students.share is None


def _row(name, number, *, percent, overdue, share, pairs, meetings, status):
    from mentoring.models import Programme, School
    from stages.selectors import Progress

    row = overview.OverviewRow(
        school=School(short_name=name),
        programme=Programme(),
        progress=Progress(total=100, done=percent, overdue=overdue),
        current_stage=Stage(number=number),
        students=overview.Coverage(int(share * 100), 100),
        teachers=overview.Coverage(int(share * 10), 10),
        pairs_working=pairs,
        meetings_period=meetings,
        closures=overview.Closures(closed=10, early=pairs),
        report_status=status,
    )
    return row


@pytest.mark.parametrize("key", [column.key for column in overview.COLUMNS])
def test_sort_by_each_key_both_ways(key):
    rows = [
        _row("Гимназия", 1, percent=10, overdue=1, share=0.1, pairs=1, meetings=1, status=None),
        _row("Лицей", 3, percent=50, overdue=5, share=0.5, pairs=5, meetings=5, status="draft"),
        _row("Школа", 5, percent=90, overdue=9, share=0.9, pairs=9, meetings=9, status="accepted"),
    ]
    rows = [rows[1], rows[2], rows[0]]
    names = [r.school.short_name for r in overview.sort_rows(rows, key, False)]
    assert names == ["Гимназия", "Лицей", "Школа"]
    names = [r.school.short_name for r in overview.sort_rows(rows, key, True)]
    assert names == ["Школа", "Лицей", "Гимназия"]


def test_rows_without_values_sort_last_and_unknown_key_sorts_by_name():
    rows = [
        _row("Лицей", 3, percent=50, overdue=5, share=0.5, pairs=5, meetings=5, status=None),
        _row("Гимназия", 1, percent=10, overdue=1, share=0.1, pairs=1, meetings=1, status=None),
    ]
    rows[1].students = overview.Coverage(3, None)
    assert [r.school.short_name for r in overview.sort_rows(rows, "students", True)] == [
        "Лицей",
        "Гимназия",
    ]
    assert overview.parse_sort("-meetings") == ("meetings", True)
    assert overview.parse_sort("salary") == ("name", False)
    assert overview.parse_sort(None) == ("name", False)


def test_page_sorts_on_the_server_with_visible_direction(
    client, programme, municipality, current_year, officer
):
    other = ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="АОУ «Гимназия»"),
        year=current_year,
    )
    other.roadmap_items.update(status="done")
    client.force_login(officer)
    url = municipality.get_absolute_url()
    page = client.get(url, {"sort": "-progress"}).content.decode()
    table = page[page.index('id="schools-table"') :]
    assert table.index(other.school.short_name) < table.index(programme.school.short_name)
    assert 'aria-sort="descending"' in page and "▼" in page
    assert "sort=progress" in page  # clicking again sorts ascending

    page = client.get(url, {"sort": "progress"}).content.decode()
    table = page[page.index('id="schools-table"') :]
    assert table.index(programme.school.short_name) < table.index(other.school.short_name)
    assert 'aria-sort="ascending"' in page and "sort=-progress" in page

    page = client.get(url, {"sort": "nonsense"}).content.decode()
    table = page[page.index('id="schools-table"') :]
    assert table.index(other.school.short_name) < table.index(programme.school.short_name)
    for column in overview.COLUMNS:
        assert f'data-sort="{column.key}"' in page


def test_period_filter_shows_the_report_of_the_chosen_month(
    client, programme, municipality, officer, fake_today
):
    september = fake_today.replace(month=9, day=1)
    october = fake_today.replace(month=10, day=1)
    MonthlyReport.objects.create(
        school=programme.school, programme=programme, period=september, status="accepted"
    )
    MonthlyReport.objects.create(
        school=programme.school, programme=programme, period=october, status="returned"
    )
    client.force_login(officer)
    url = municipality.get_absolute_url()

    page = client.get(url).content.decode()  # default: the latest due month, November
    assert f'value="{fake_today:%Y-%m}" selected' in page
    assert f'value="{september:%Y-%m}"' in page and f'value="{october:%Y-%m}"' in page
    assert f'value="{fake_today.year}-12"' not in page
    assert 'data-status="none"' in page

    page = client.get(url, {"period": f"{september:%Y-%m}"}).content.decode()
    assert 'data-status="accepted"' in page
    assert f"Отчёт за сентябрь {september.year} сдали все школы" in page

    page = client.get(url, {"period": f"{october:%Y-%m}"}).content.decode()
    assert 'data-status="returned"' in page
    assert f"Не сдали отчёт за октябрь {october.year}" in page

    page = client.get(url, {"period": "2001-13"}).content.decode()
    assert f'value="{fake_today:%Y-%m}" selected' in page


def test_officer_reminder_lists_schools_without_a_report_and_totals(
    client, programme, municipality, current_year, officer, fake_today
):
    period = fake_today.replace(day=1)
    submitted = ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="МБОУ «Сдавшая школа»"),
        year=current_year,
        students_total=100,
    )
    MonthlyReport.objects.create(
        school=submitted.school, programme=submitted, period=period, status="submitted"
    )
    client.force_login(officer)
    page = client.get(municipality.get_absolute_url()).content.decode()
    reminder = page[page.index('id="not-submitted"') :].split("</section>")[0]
    assert f"Не сдали отчёт за ноябрь {period.year}" in reminder
    assert programme.school.short_name in reminder
    assert submitted.school.short_name not in reminder
    totals = page[page.index('id="totals-row"') :].split("</tr>")[0]
    assert "Итого по муниципалитету (2)" in totals and "сдано 1 из 2" in totals
    assert "Школа не указала число обучающихся от 10 лет" in page  # the «—» hint
    drill = reverse("reports:school_overview", args=[municipality.pk, programme.school.pk])
    assert drill in page
    assert (
        reverse("reports:consolidated_monthly", args=[municipality.pk, f"{period:%Y-%m}", "xlsx"])
        in page
    )


def test_query_count_does_not_grow_with_schools(
    client, programme, forms, municipality, current_year, officer, fake_today
):
    def add_school():
        extra = ProgrammeFactory(school=_school(municipality), year=current_year)
        _populate(extra, forms, fake_today)
        MonthlyReport.objects.create(
            school=extra.school, programme=extra, period=fake_today.replace(day=1)
        )

    _populate(programme, forms, fake_today)
    add_school()
    client.force_login(officer)
    url = municipality.get_absolute_url()
    with CaptureQueriesContext(connection) as two:
        assert client.get(url, {"sort": "-students"}).status_code == 200
    for _ in range(4):
        add_school()
    with CaptureQueriesContext(connection) as six:
        page = client.get(url, {"sort": "-students"}).content.decode()
    assert page.count('data-school="') == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_school_reminders_for_curator_and_director(
    client, programme, curator, director, working_group, officer, fake_today
):
    period = fake_today.replace(day=1)
    dashboard = programme.school.get_absolute_url()
    due = f"Отчёт в МНЦ за ноябрь {period.year} не сдан — срок 25-го"
    for user in (curator, director):
        client.force_login(user)
        page = client.get(dashboard).content.decode()
        assert due in page
        assert reverse("reports:monthly_list", args=[programme.pk]) in page
    client.force_login(working_group)
    assert due not in client.get(dashboard).content.decode()

    report = monthly.open_report(programme, period, by=curator, today=fake_today)
    client.force_login(curator)
    assert due in client.get(dashboard).content.decode()  # a draft is not yet submitted
    monthly.submit(report, by=curator)
    assert "Отчёт в МНЦ за" not in client.get(dashboard).content.decode()

    monthly.return_report(report, by=officer, comment="Уточните число встреч")
    page = client.get(dashboard).content.decode()
    assert "Отчёт возвращён МНЦ: Уточните число встреч" in page
    assert reverse("reports:monthly_report", args=[report.pk]) in page
    client.force_login(director)
    assert "Отчёт возвращён МНЦ: Уточните число встреч" in client.get(dashboard).content.decode()


def test_drilldown_is_only_for_the_municipality_and_the_school(
    client, programme, municipality, other_school, other_officer, officer, curator, mentor_user
):
    url = reverse("reports:school_overview", args=[municipality.pk, programme.school.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(mentor_user)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200
    foreign = reverse("reports:school_overview", args=[municipality.pk, other_school.pk])
    assert client.get(foreign).status_code == 404
    wrong_pair = reverse(
        "reports:school_overview", args=[other_school.municipality.pk, programme.school.pk]
    )
    assert client.get(wrong_pair).status_code == 404
    client.force_login(curator)
    assert client.get(url).status_code == 200


def test_drilldown_hides_sensitive_categories_from_the_officer(
    client, programme, mentee, municipality, officer, curator, forms
):
    from registry.models import RequestCategory

    ovz = RequestCategory.objects.get(code="ovz").name
    other = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=programme.school),
        categories=["behaviour"],
    )
    assert other.categories.exists()
    programme.students_total = 20
    programme.save()
    MonthlyReport.objects.create(
        school=programme.school,
        programme=programme,
        period=programme.year.start_date,
        status="accepted",
    )
    url = reverse("reports:school_overview", args=[municipality.pk, programme.school.pk])

    client.force_login(officer)
    page = client.get(url).content.decode()
    assert ovz not in page
    assert "Имеющий проблемы с поведением" not in page
    assert "Конфиденциальные категории (ОВЗ, трудная жизненная ситуация, поведение): 2" in page
    assert "Демонстрирующий неудовлетворительные образовательные результаты" in page
    assert 'Охват обучающихся</td><td class="text-end">0 %' in page
    assert 'Охват педагогов</td><td class="text-end">—' in page
    assert reverse("reports:roadmap_export", args=[programme.pk, "pdf"]) in page
    assert reverse("reports:monthly_report", args=[programme.monthly_reports.get().pk]) in page
    assert "Принят" in page
    assert mentee.participant.last_name not in page

    client.force_login(curator)
    page = client.get(url).content.decode()
    assert ovz in page and "Конфиденциальные категории" not in page
