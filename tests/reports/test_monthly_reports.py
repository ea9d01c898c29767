"""Monthly reports: opened on the 25th, submitted, returned, accepted and frozen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear
from registry.models import Meeting, Pair
from reports.models import MonthlyReport
from reports.monthly import services
from tests.factories import ProgrammeFactory
from tests.registry.factories import MenteeFactory, MentorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(reference_data, school):
    """A programme of the previous academic year: every month of it is due, whatever today is."""
    year = AcademicYear.for_date(timezone.localdate() - datetime.timedelta(days=366))
    return ProgrammeFactory(school=school, year=year)


def test_a_month_opens_on_its_cutoff(programme, curator):
    october = programme.year.start_date.replace(month=10, day=1)
    with pytest.raises(services.ReportError, match="открывается с 25.10"):
        services.open_report(programme, october, by=curator, today=october.replace(day=24))
    report = services.open_report(programme, october, by=curator, today=october.replace(day=25))
    assert report.status == MonthlyReport.Status.DRAFT
    assert report.figures["roadmap_total"] > 0
    again = services.open_report(programme, october, by=curator, today=october.replace(day=26))
    assert again.pk == report.pk


def test_months_outside_the_year_cannot_be_opened(programme, curator):
    before = programme.year.start_date - datetime.timedelta(days=40)
    with pytest.raises(services.ReportError):
        services.open_report(programme, before, by=curator, today=programme.year.end_date)


def test_cycle_and_the_accepted_report_is_frozen(last_year, curator, officer, forms):
    period = last_year.year.start_date.replace(month=10, day=1)
    report = services.open_report(last_year, period, by=curator)
    assert report.figures["meetings_period"] == 0

    services.submit(report, by=curator, comment="Всё по плану")
    with pytest.raises(services.ReportError):
        services.refresh(report, by=curator)
    services.return_report(report, by=officer, comment="Нет встреч за октябрь — проверьте")
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.RETURNED

    pair = Pair.objects.create(
        programme=last_year,
        mentor=MentorFactory(participant__school=last_year.school),
        form=forms["teacher_teacher"],
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([MenteeFactory(programme=last_year)])
    Meeting.objects.create(pair=pair, held_on=period.replace(day=12), topic="Знакомство")
    services.refresh(report, by=curator)
    services.submit(report, by=curator)
    services.accept(report, by=officer)
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.ACCEPTED
    assert report.figures["meetings_period"] == 1
    frozen = dict(report.figures)

    Meeting.objects.create(pair=pair, held_on=period.replace(day=14), topic="Планирование")
    pair.status = Pair.Status.TERMINATED
    pair.save()
    report.refresh_from_db()
    assert report.figures == frozen
    with pytest.raises(services.ReportError):
        services.refresh(report, by=curator)
    with pytest.raises(services.ReportError):
        services.submit(report, by=curator)

    with pytest.raises(services.ReportError, match="зачем"):
        services.reopen(report, by=officer, comment="")
    services.reopen(report, by=officer, comment="Исправьте число встреч")
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.RETURNED
    assert [e.action for e in report.events.all()] == [
        "opened",
        "submitted",
        "returned",
        "refreshed",
        "submitted",
        "accepted",
        "reopened",
    ]


def test_return_needs_a_comment(last_year, curator, officer):
    report = services.open_report(last_year, last_year.year.start_date, by=curator)
    services.submit(report, by=curator)
    with pytest.raises(services.ReportError, match="без комментария"):
        services.return_report(report, by=officer, comment="  ")


def test_pages_walk_the_cycle(client, last_year, curator, officer):
    period = last_year.year.start_date
    client.force_login(curator)
    listing = client.get(reverse("reports:monthly_list", args=[last_year.pk]))
    assert "Подготовить отчёт за сентябрь" in listing.content.decode()
    response = client.post(
        reverse("reports:monthly_open", args=[last_year.pk]), {"period": f"{period:%Y-%m}"}
    )
    report = MonthlyReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    client.post(report.get_absolute_url(), {"comment": "Встречи идут по графику"})
    client.post(reverse("reports:monthly_submit", args=[report.pk]))
    assert client.post(reverse("reports:monthly_accept", args=[report.pk])).status_code == 403

    client.force_login(officer)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Встречи идут по графику" in page and "Принять отчёт" in page
    assert client.post(reverse("reports:monthly_submit", args=[report.pk])).status_code == 403
    client.post(reverse("reports:monthly_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.ACCEPTED


def test_bad_period_and_outsiders(
    client, last_year, curator, working_group, other_officer, other_curator
):
    report = services.open_report(last_year, last_year.year.start_date, by=curator)
    client.force_login(curator)
    response = client.post(
        reverse("reports:monthly_open", args=[last_year.pk]), {"period": "2026-13"}, follow=True
    )
    assert "Выберите месяц отчёта." in response.content.decode()
    for outsider in (other_officer, other_curator):
        client.force_login(outsider)
        assert client.get(report.get_absolute_url()).status_code == 404
        assert client.post(reverse("reports:monthly_accept", args=[report.pk])).status_code == 404
    client.force_login(working_group)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.post(reverse("reports:monthly_submit", args=[report.pk])).status_code == 403


def test_missing_schools(last_year, other_programme, curator):
    period = last_year.year.start_date
    report = services.open_report(last_year, period, by=curator)
    assert services.missing_schools([last_year], period) == [last_year]
    services.submit(report, by=curator)
    assert services.missing_schools([last_year], period) == []
