"""The engine's tasks (django-tasks, database backend; run by ``manage.py db_worker``)."""

from django_tasks import task

from . import jobs


@task()
def run_job(job_id: int, attempt: int) -> str:
    return jobs.execute(job_id, attempt)
