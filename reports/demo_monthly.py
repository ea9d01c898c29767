"""Demo monthly reports to the municipal centre: every status, so the overview shows them all.

Months before the latest due one are accepted; for the latest due month the schools differ: some
submitted and waiting for the centre, one returned with a comment, one still drafting, some
without a report at all. Built through the services, once per programme.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from mentoring.models import Membership, Programme, Role, User

from .models import MonthlyReport
from .monthly import services

ACCEPTED, SUBMITTED, RETURNED, DRAFT, MISSING = (
    "accepted",
    "submitted",
    "returned",
    "draft",
    None,
)
# The latest due month by school (in the order of the demo's schools).
LATEST = [SUBMITTED, ACCEPTED, RETURNED, ACCEPTED, SUBMITTED, ACCEPTED, DRAFT, MISSING, ACCEPTED]
LATEST_DEFAULT = MISSING
RETURN_COMMENT = (
    "Число встреч за месяц не совпадает с дневниками пар; уточните охват педагогов "
    "и сдайте отчёт повторно."
)


def _curator(programme: Programme) -> User | None:
    membership = (
        Membership.objects.filter(school=programme.school, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _report(programme, period, status, *, curator, officer, today) -> None:
    if status is MISSING:
        return
    report = services.open_report(programme, period, by=curator, today=today)
    if status == DRAFT:
        return
    services.submit(report, by=curator, comment="Показатели проверены куратором.")
    if status == ACCEPTED:
        services.accept(report, by=officer)
    elif status == RETURNED:
        services.return_report(report, by=officer, comment=RETURN_COMMENT)


@transaction.atomic
def build_monthly_reports(
    programmes: list[Programme], officer: User | None, today: datetime.date | None = None
) -> int:
    """Reports for every due month of the year; skips programmes that already have reports."""
    today = today or timezone.localdate()
    built = 0
    for index, programme in enumerate(programmes):
        if MonthlyReport.objects.filter(programme=programme).exists():
            continue
        periods = services.due_periods(programme, today)  # newest first
        curator = _curator(programme)
        for position, period in enumerate(periods):
            if position == 0:
                status = LATEST[index] if index < len(LATEST) else LATEST_DEFAULT
            else:
                status = ACCEPTED
            _report(programme, period, status, curator=curator, officer=officer, today=today)
            built += status is not MISSING
    return built
