"""Background jobs a person waits for: a ``Job`` row per job (progress, status, the result file)
on top of the task engine (django-tasks with its database backend, ``mentoring.tasks``).

The engine delivers a task at least once: a worker killed mid-task, or a task enqueued again by
the recovery below, may reach a second worker. So a delivery first claims its job with one
UPDATE (``status='queued'`` and the attempt it was sent for → ``running``); a delivery that
finds the job claimed does nothing. The engine has no retries: a failed attempt puts the job
back to ``queued`` and enqueues the next one ``run_after`` an exponentially growing delay. A
running job holds a lease that each progress step extends; a job whose lease ran out (its
worker died) is queued again by ``recover_stalled``.

Kinds are registered by the apps above (``register``): a run function gets the job and a
``progress(done, total, message)`` callback and returns ``(file name, bytes)``.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from .scoping import request_scope

logger = logging.getLogger(__name__)

# Seconds: a retry waits BACKOFF_BASE × 2^(attempt − 1).
BACKOFF_BASE = 30
MAX_ATTEMPTS = 3
# Seconds a running job may go without a progress step before it counts as abandoned.
LEASE = 600

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str  # Russian, shown on the job's page
    run: Callable[["Job", Progress], tuple[str, bytes]]


KINDS: dict[str, JobKind] = {}


def register(name: str, title: str):
    """Declares the decorated ``run(job, progress) → (file name, bytes)`` as the kind ``name``."""

    def declare(run):
        KINDS[name] = JobKind(name, title, run)
        return run

    return declare


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "выполняется"
        DONE = "done", "готово"
        FAILED = "failed", "не удалось"

    kind = models.CharField("вид", max_length=64)
    params = models.JSONField("параметры", default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name="запустил",
    )
    municipality = models.ForeignKey(
        "mentoring.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="муниципалитет",
    )
    school = models.ForeignKey(
        "mentoring.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="образовательная организация",
    )
    status = models.CharField(
        "состояние", max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField("выполнено шагов", default=0)
    total = models.PositiveIntegerField("всего шагов", default=0)
    message = models.CharField("сообщение", max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    max_attempts = models.PositiveSmallIntegerField(
        "наибольшее число попыток", default=MAX_ATTEMPTS
    )
    run_after = models.DateTimeField("следующая попытка не раньше", null=True, blank=True)
    lease_until = models.DateTimeField("выполняется до", null=True, blank=True)
    result = models.FileField("файл", upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField("имя файла", max_length=255, blank=True)
    error = models.TextField("ошибка", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "фоновая задача"
        verbose_name_plural = "фоновые задачи"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "lease_until"], name="job_status_lease_idx")]

    def __str__(self):
        kind = KINDS.get(self.kind)
        return f"{kind.title if kind else self.kind} ({self.get_status_display()})"

    @property
    def title(self) -> str:
        kind = KINDS.get(self.kind)
        return kind.title if kind else self.kind

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


def _enqueue(job: Job, attempt: int, run_after: datetime.datetime | None = None) -> None:
    from .tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    task.enqueue(job.pk, attempt)


def start(kind: str, params: dict, user, *, municipality=None, school=None) -> Job:
    """A new job of ``kind`` for ``user``, queued for a worker (in the caller's transaction)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            params=params,
            user=user,
            municipality=municipality,
            school=school,
            message="Ожидает свободного обработчика",
        )
        _enqueue(job, 1)
    return job


def claim(job_id: int, attempt: int) -> bool:
    """Takes the job for this delivery of ``attempt``: one UPDATE, so of two deliveries of the
    same attempt only one gets it."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, attempts=attempt - 1).update(
            status=Job.Status.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            lease_until=now + datetime.timedelta(seconds=LEASE),
            run_after=None,
            message="Выполняется",
        )
    )


def progress_of(job: Job) -> Progress:
    def progress(done: int, total: int, message: str) -> None:
        now = timezone.now()
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            done=done,
            total=total,
            message=message[:255],
            lease_until=now + datetime.timedelta(seconds=LEASE),
        )

    return progress


def backoff(attempt: int) -> datetime.timedelta:
    """The wait after the failed ``attempt`` (1, 2, …): 30 s, 60 s, 120 s, …"""
    return datetime.timedelta(seconds=BACKOFF_BASE * 2 ** (attempt - 1))


def execute(job_id: int, attempt: int) -> str:
    """One delivery of the job's ``attempt``: what the task does."""
    if not claim(job_id, attempt):
        return "skipped"
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        # The job reads what its user may read, as the page that started it would.
        with request_scope(job.user):
            name, data = KINDS[job.kind].run(job, progress_of(job))
    except Exception as error:
        logger.warning("job %s attempt %s failed", job_id, attempt, exc_info=True)
        _fail(job, attempt, error)
        return "failed"
    job.result.save(name, ContentFile(data), save=False)
    finished = Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, attempts=attempt).update(
        status=Job.Status.DONE,
        result=job.result.name,
        result_name=name,
        finished_at=timezone.now(),
        lease_until=None,
        done=F("total"),
        message="Готово",
        error="",
    )
    if not finished:  # the lease ran out meanwhile and the job went on without this delivery
        job.result.delete(save=False)
        return "superseded"
    return "done"


def _fail(job: Job, attempt: int, error: Exception | str) -> None:
    now = timezone.now()
    running = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=attempt)
    if attempt < job.max_attempts:
        run_after = now + backoff(attempt)
        moment = timezone.localtime(run_after).strftime("%H:%M:%S")
        with transaction.atomic():
            if running.update(
                status=Job.Status.QUEUED,
                run_after=run_after,
                lease_until=None,
                error=str(error)[:2000],
                message=f"Попытка {attempt} не удалась; следующая — в {moment}",
            ):
                _enqueue(job, attempt + 1, run_after)
    else:
        running.update(
            status=Job.Status.FAILED,
            finished_at=now,
            lease_until=None,
            error=str(error)[:2000],
            message=(
                f"Не удалось выполнить задачу за {attempt} попыт"
                f"{'ку' if attempt == 1 else 'ки' if attempt < 5 else 'ок'}. "
                "Попробуйте запустить её снова или обратитесь к администратору."
            ),
        )


def recover_stalled(queryset=None) -> int:
    """Jobs left ``running`` past their lease (their worker died): the attempt counts as failed
    and the job is retried (or fails after the last attempt). Safe on several servers at once:
    each job is taken by the UPDATE of its ``_fail``."""
    now = timezone.now()
    stalled = (queryset if queryset is not None else Job.objects).filter(
        status=Job.Status.RUNNING, lease_until__lt=now
    )
    recovered = 0
    for job in stalled:
        _fail(job, job.attempts, "Обработчик остановился, не завершив задачу")
        recovered += 1
    return recovered
