"""The monthly report to the municipal centre: from the 25th until it is submitted.

The curator and the director hear of it on the 25th and then every third day (once in each
three-day window, whenever the daily run happens in it) while the report is not submitted.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from mentoring.periods import month_name

from ..models import MonthlyReport, ReminderKind
from ..models.monthly import cutoff_of
from ..monthly import services as monthly
from .base import (
    HEADS,
    Line,
    Reminder,
    address_of,
    current_programmes,
    greeting_for,
    staff_by_school,
)

EVERY_DAYS = 3
WAITING = (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)


def collect(day: datetime.date, schools=None) -> list[Reminder]:
    period = monthly.latest_due_period(day)
    programmes = [
        programme
        for programme in current_programmes(day, schools)
        if period in monthly.months_due(programme.year, day)
    ]
    if not programmes:
        return []
    statuses = dict(
        MonthlyReport.objects.filter(programme__in=programmes, period=period).values_list(
            "programme_id", "status"
        )
    )
    waiting = [p for p in programmes if statuses.get(p.pk, MonthlyReport.Status.DRAFT) in WAITING]
    staff = staff_by_school([p.school_id for p in waiting], HEADS)
    window = (day - cutoff_of(period)).days // EVERY_DAYS
    reminders = []
    for programme in waiting:
        school = programme.school
        returned = statuses.get(programme.pk) == MonthlyReport.Status.RETURNED
        text = (
            f"Отчёт за {month_name(period)} возвращён МНЦ на доработку: исправьте и сдайте снова"
            if returned
            else f"Отчёт в МНЦ за {month_name(period)} не сдан — срок 25-го"
        )
        line = Line(
            text,
            reverse("reports:monthly_list", args=[programme.pk]),
            f"monthly:{programme.pk}:{period:%Y-%m}",
            f"window:{window}",
        )
        heads = list(dict.fromkeys(u for users in staff.get(school.pk, {}).values() for u in users))
        for user in heads:
            reminders.append(
                Reminder(
                    kind=ReminderKind.MONTHLY,
                    email=address_of(user),
                    user=user,
                    subject=(
                        f"Ежемесячный отчёт в МНЦ за {month_name(period)} — {school.short_name}"
                    ),
                    intro=(
                        f"Муниципальный наставнический центр ждёт ежемесячный отчёт "
                        f"{school.short_name} за {month_name(period)}. Отчёт за месяц "
                        "открывается 25-го числа; напоминание приходит, пока отчёт не сдан."
                    ),
                    lines=[line],
                    school_id=school.pk,
                    greeting=greeting_for(user),
                )
            )
    return reminders
