"""The signed-in user's reminders at one school, for the «Напоминания» block of the dashboard:
the same collectors as the mails, whatever the mail settings and whether or not already mailed."""

from __future__ import annotations

import datetime

from ..models import ReminderKind
from .base import Reminder
from .sending import KINDS

# The digest sums up what the dashboard shows anyway.
ON_DASHBOARD = [kind for kind in ReminderKind if kind != ReminderKind.DIGEST]


def for_user(user, school, day: datetime.date) -> list[Reminder]:
    if not user.is_authenticated:
        return []
    found = []
    for kind, module in KINDS:
        if kind in ON_DASHBOARD:
            found.extend(
                r for r in module.collect(day, [school]) if r.user and r.user.pk == user.pk
            )
    return found
