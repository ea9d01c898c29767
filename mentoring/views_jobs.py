"""A background job's page (progress, polled by htmx) and its file: only for the person who
started it (and administrators), while they still have access to its municipality; 404 to
anyone else."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .files import attachment
from .jobs import Job, recover_stalled
from .models import Municipality

POLL_SECONDS = 2


def job_for(request, job_id: int) -> Job:
    user = request.user
    queryset = Job.objects.all() if user.is_superuser else Job.objects.filter(user=user)
    job = get_object_or_404(queryset, pk=job_id)
    if (
        job.municipality_id
        and not Municipality.objects.for_user(user).filter(pk=job.municipality_id).exists()
    ):
        raise Http404("Нет такой задачи")
    return job


@never_cache
@login_required
def job_page(request, job_id: int):
    job = job_for(request, job_id)
    # A watched job whose worker died is queued again without waiting for the timer.
    if recover_stalled(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    context = {"job": job, "poll_seconds": POLL_SECONDS}
    if request.headers.get("HX-Request"):
        return render(request, "mentoring/_job_status.html", context)
    return render(request, "mentoring/job.html", context)


@never_cache
@login_required
def job_file(request, job_id: int):
    job = job_for(request, job_id)
    if job.status != Job.Status.DONE:
        raise Http404("Файл ещё не готов")
    return attachment(job.result, name=Path(job.result_name).stem)
