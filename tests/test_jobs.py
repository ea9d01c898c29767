"""Background jobs (mentoring/jobs.py) run by the real engine: django-tasks' database backend and
its ``db_worker`` loop, in a thread of its own with its own database connection."""

import datetime
import io
import threading
import time

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max
from pypdf import PdfReader

from mentoring import jobs
from mentoring.jobs import Job
from mentoring.tasks import run_job

pytestmark = pytest.mark.django_db(transaction=True)

T0 = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC)

CALLS: dict[str, int] = {}
GATE = threading.Event()


@jobs.register("test_steps", "Проверочная задача")
def _steps(job, progress):
    CALLS["steps"] = CALLS.get("steps", 0) + 1
    progress(1, 3, "Шаг первый")
    if job.params.get("wait"):
        assert GATE.wait(30)
    progress(2, 3, "Шаг второй")
    return "итог.txt", "готово".encode()


@jobs.register("test_flaky", "Задача, падающая дважды")
def _flaky(job, progress):
    CALLS["flaky"] = CALLS.get("flaky", 0) + 1
    if CALLS["flaky"] <= 2:
        raise RuntimeError(f"сбой {CALLS['flaky']}")
    return "flaky.txt", b"ok"


@jobs.register("test_broken", "Задача, которая всегда падает")
def _broken(job, progress):
    raise RuntimeError("всегда")


@pytest.fixture(autouse=True)
def _fresh():
    CALLS.clear()
    GATE.clear()
    yield
    GATE.set()


def worker(name="w1", max_tasks=None) -> threading.Thread:
    """One real worker draining the ready tasks (``db_worker --batch``) in its own thread."""

    def run():
        try:
            Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=max_tasks,
                worker_id=name,
                excluded_queue_names=[],
            ).run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def drain(*names):
    threads = [worker(name) for name in names or ("w1",)]
    for thread in threads:
        thread.join(60)
        assert not thread.is_alive()


def wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("the worker did not get there in time")


def test_job_shows_progress_and_hands_its_file_to_its_user_only(client, officer, other_officer):
    job = jobs.start("test_steps", {"wait": True}, officer)
    client.force_login(officer)
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "в очереди" in page

    thread = worker()
    wait_for(lambda: Job.objects.get(pk=job.pk).done == 1)
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Шаг первый (1 из 3)" in page
    assert 'data-hx-trigger="every 2s"' in page
    assert f'href="{reverse("job", args=[job.pk])}">обновить' in page  # without JavaScript
    fragment = client.get(reverse("job", args=[job.pk]), headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div id="job-status"')
    assert client.get(reverse("job_file", args=[job.pk])).status_code == 404  # not ready yet

    GATE.set()
    thread.join(60)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total) == ("done", 1, 3, 3)
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "data-hx-get" not in page  # finished: no more polling
    download = client.get(reverse("job_file", args=[job.pk]))
    assert b"".join(download.streaming_content).decode() == "готово"
    assert "attachment" in download["Content-Disposition"]

    client.force_login(other_officer)
    assert client.get(reverse("job", args=[job.pk])).status_code == 404
    assert client.get(reverse("job_file", args=[job.pk])).status_code == 404


def test_a_failing_job_is_retried_with_growing_delays_and_then_done(officer):
    with time_machine.travel(T0, tick=False):
        job = jobs.start("test_flaky", {}, officer)
        drain()
        job.refresh_from_db()
        assert (job.status, job.attempts, job.run_after) == (
            "queued",
            1,
            T0 + datetime.timedelta(seconds=30),
        )
        assert "Попытка 1 не удалась" in job.message
        drain()  # the retry is not due yet
        assert CALLS["flaky"] == 1

    with time_machine.travel(T0 + datetime.timedelta(seconds=30), tick=False):
        drain()
        job.refresh_from_db()
        assert (job.status, job.attempts) == ("queued", 2)
        assert job.run_after == T0 + datetime.timedelta(seconds=30 + 60)

    with time_machine.travel(T0 + datetime.timedelta(seconds=90), tick=False):
        drain()
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS["flaky"]) == ("done", 3, 3)
    deliveries = DBTaskResult.objects.filter(task_path="mentoring.tasks.run_job")
    # The first attempt runs at once (no run_after: the engine stores its far-future marker).
    scheduled = sorted(
        deliveries.exclude(run_after=get_date_max()).values_list("run_after", flat=True)
    )
    assert scheduled == [T0 + datetime.timedelta(seconds=30), T0 + datetime.timedelta(seconds=90)]
    assert deliveries.count() == 3


def test_a_job_failing_every_attempt_ends_failed_in_russian(officer):
    job = jobs.start("test_broken", {}, officer)
    for step in (0, 30, 90):
        with time_machine.travel(T0 + datetime.timedelta(seconds=step), tick=False):
            drain()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 3)
    assert job.message.startswith("Не удалось выполнить задачу за 3 попытки")
    assert "всегда" in job.error


def test_a_job_delivered_twice_runs_once(officer):
    job = jobs.start("test_steps", {}, officer)
    run_job.enqueue(job.pk, 1)  # duplicate deliveries of the same attempt
    run_job.enqueue(job.pk, 1)
    drain_one = worker("w1", max_tasks=1)
    drain_one.join(60)
    drain("w2")  # another worker gets the duplicates
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS["steps"]) == ("done", 1, 1)
    results = DBTaskResult.objects.filter(task_path="mentoring.tasks.run_job")
    assert sorted(results.values_list("return_value", flat=True)) == ["done", "skipped", "skipped"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="in-memory SQLite locks whole tables without waiting; concurrent workers on PostgreSQL",
)
def test_workers_taking_duplicates_at_once_run_the_job_once(officer):
    job = jobs.start("test_steps", {}, officer)
    for _ in range(3):
        run_job.enqueue(job.pk, 1)
    drain("w1", "w2", "w3", "w4")
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS["steps"]) == ("done", 1, 1)
    results = DBTaskResult.objects.filter(task_path="mentoring.tasks.run_job")
    assert sorted(results.values_list("return_value", flat=True)) == ["done"] + ["skipped"] * 3


def test_a_job_whose_worker_died_is_picked_up_again(client, officer):
    with time_machine.travel(T0, tick=False):
        job = jobs.start("test_steps", {}, officer)
        # A worker took the task and claimed the job, then was killed: the row stays running.
        DBTaskResult.objects.update(status="RUNNING", worker_ids=["killed"])
        assert jobs.claim(job.pk, 1)
    lease_over = T0 + datetime.timedelta(seconds=jobs.LEASE + 1)
    with time_machine.travel(lease_over, tick=False):
        call_command("recover_jobs", stdout=io.StringIO())
        job.refresh_from_db()
        assert (job.status, job.attempts) == ("queued", 1)
        assert job.run_after == lease_over + datetime.timedelta(seconds=30)
        assert "Попытка 1 не удалась" in job.message
    with time_machine.travel(lease_over + datetime.timedelta(seconds=30), tick=False):
        drain()
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS["steps"]) == ("done", 2, 1)


def test_the_page_itself_requeues_a_job_whose_worker_died(client, officer):
    with time_machine.travel(T0, tick=False):
        job = jobs.start("test_steps", {}, officer)
        DBTaskResult.objects.update(status="RUNNING")
        jobs.claim(job.pk, 1)
    with time_machine.travel(T0 + datetime.timedelta(seconds=jobs.LEASE + 1), tick=False):
        client.force_login(officer)
        page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Попытка 1 не удалась" in page
    assert Job.objects.get(pk=job.pk).status == "queued"


@pytest.mark.today("2026-11-26")
def test_consolidated_report_built_in_the_background(client, officer, other_officer, programme):
    municipality = programme.school.municipality
    client.force_login(officer)
    overview = client.get(
        reverse("reports:municipality_overview", args=[municipality.pk]), {"period": "2026-11"}
    ).content.decode()
    start_url = reverse("reports:consolidated_monthly_job", args=[municipality.pk, "2026-11"])
    assert f'action="{start_url}"' in overview
    assert "Сформировать сводный отчёт (PDF) в фоне" in overview

    response = client.post(start_url)
    job = Job.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    assert (job.user, job.municipality, job.params["period"]) == (
        officer,
        municipality,
        "2026-11-01",
    )
    drain()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.total == 2  # the school, then the PDF
    download = client.get(reverse("job_file", args=[job.pk]))
    text = PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages[0].extract_text()
    assert "Сводный отчёт" in text
    assert programme.school.short_name.split("«")[0].strip() in text or municipality.name in text

    # The synchronous download still works.
    sync = client.get(
        reverse(
            "reports:consolidated_monthly",
            kwargs={"municipality_id": municipality.pk, "period": "2026-11", "fmt": "pdf"},
        )
    )
    assert sync.status_code == 200

    client.force_login(other_officer)
    assert client.post(start_url).status_code == 404
    assert client.get(reverse("job", args=[job.pk])).status_code == 404
