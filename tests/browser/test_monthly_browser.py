import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import AcademicYear
from reports.models import MonthlyReport
from tests.factories import ProgrammeFactory

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def last_year(reference_data, school):
    """Every month of last year's programme is due, whatever today is."""
    year = AcademicYear.for_date(timezone.localdate() - datetime.timedelta(days=366))
    return ProgrammeFactory(school=school, year=year)


def test_monthly_report_cycle(page, second_page, live_server, last_year, curator, officer):
    officer_page = second_page
    period = last_year.year.start_date
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{last_year.pk}/monthly/")
    page.get_by_role("button", name="Подготовить отчёт за сентябрь").click()
    expect(page.get_by_role("heading", name=f"Отчёт за сентябрь {period.year}")).to_be_visible()
    page.get_by_label("Комментарий").fill("Пары сформированы, встречи начнутся в октябре")
    page.get_by_role("button", name="Сохранить комментарий").click()
    page.get_by_role("button", name="Сдать отчёт в МНЦ").click()
    expect(page.get_by_text("Отчёт сдан в муниципальный центр.")).to_be_visible()

    log_in(officer_page, live_server, "officer")
    report = MonthlyReport.objects.get()
    officer_page.goto(f"{live_server.url}{report.get_absolute_url()}")
    expect(officer_page.get_by_text("Пары сформированы").first).to_be_visible()
    officer_page.get_by_label("Вернуть на доработку с комментарием").fill(
        "Укажите, сколько наставляемых ещё без пары"
    )
    officer_page.get_by_role("button", name="Вернуть школе").click()
    expect(officer_page.get_by_text("Отчёт возвращён школе на доработку.")).to_be_visible()

    page.reload()
    expect(page.get_by_role("status")).to_contain_text(
        "«Укажите, сколько наставляемых ещё без пары»"
    )
    page.get_by_label("Комментарий").fill("Без пары 3 наставляемых, подбор продолжается")
    page.get_by_role("button", name="Сохранить комментарий").click()
    page.get_by_role("button", name="Сдать отчёт в МНЦ").click()

    officer_page.reload()
    officer_page.get_by_role("button", name="Принять отчёт").click()
    expect(officer_page.get_by_text("Отчёт принят. Показатели зафиксированы.")).to_be_visible()
    screenshot(officer_page, "monthly-report-accepted")

    municipality = last_year.school.municipality_id
    response = officer_page.context.request.get(
        f"{live_server.url}/municipalities/{municipality}/monthly/{period:%Y-%m}.xlsx"
    )
    assert response.ok
    book = openpyxl.load_workbook(io.BytesIO(response.body()))
    summary = book.worksheets[0]
    values = [cell for row in summary.iter_rows(values_only=True) for cell in row]
    assert last_year.school.short_name in values
    assert "Принят" in values
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.ACCEPTED
    assert report.comment == "Без пары 3 наставляемых, подбор продолжается"
