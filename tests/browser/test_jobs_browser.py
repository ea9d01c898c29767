"""The consolidated report built in the background, in real Chromium: the button on the overview,
the job's page updated by htmx polling while a real worker (tests/test_jobs.py) builds it, the
PDF downloaded."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mentoring.jobs import Job

from ..test_jobs import worker
from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_background_consolidated_report(page, live_server, officer, programme):
    municipality = programme.school.municipality
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/municipalities/{municipality.pk}/")
    page.get_by_role("button", name="Сформировать сводный отчёт (PDF) в фоне").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("в очереди")
    assert page.url.endswith(f"/jobs/{Job.objects.get().pk}/")

    thread = worker()
    # No reload: the status block polls itself.
    expect(status).to_contain_text("готово", timeout=30_000)
    thread.join(60)
    screenshot(page, "background-job-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать").click()
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename.endswith(".pdf")
    assert "Сводный отчёт" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
