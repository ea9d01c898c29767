"""Meetings the mentor planned (dated after today): a reminder the day before, to the mentor.

The mail names the pair's own mentees only, whom the mentor sees anyway; nobody else hears of a
pair's meeting.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Prefetch

from registry.models import Meeting, Mentee, Pair

from ..models import ReminderKind
from .base import Line, Reminder, address_of, current_programmes, greeting_for


def collect(day: datetime.date, schools=None) -> list[Reminder]:
    programmes = current_programmes(day, schools)
    if not programmes:
        return []
    tomorrow = day + datetime.timedelta(days=1)
    meetings = (
        Meeting.objects.filter(
            held_on=tomorrow,
            pair__programme__in=programmes,
            pair__in=Pair.objects.open(),
            pair__mentor__participant__user__isnull=False,
        )
        .select_related("pair__programme__school", "pair__mentor__participant__user")
        .prefetch_related(
            Prefetch(
                "pair__mentees",
                queryset=Mentee.objects.select_related("participant").order_by(
                    "participant__last_name", "pk"
                ),
            )
        )
        .order_by("pair_id", "id")
    )
    grouped: dict[tuple[int, int], list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        user = meeting.pair.mentor.participant.user
        grouped[(user.pk, meeting.pair.programme.school_id)].append(meeting)
    reminders = []
    for group in grouped.values():
        first = group[0]
        user = first.pair.mentor.participant.user
        school = first.pair.programme.school
        lines = []
        for meeting in group:
            mentees = ", ".join(
                f"{m.participant.first_name} {m.participant.last_name}".strip()
                for m in meeting.pair.mentees.all()
            )
            lines.append(
                Line(
                    f"Завтра, {meeting.held_on:%d.%m.%Y}: {meeting.get_kind_display().lower()} "
                    f"«{meeting.topic}», {meeting.get_format_display().lower()}"
                    + (f", с {mentees}" if mentees else ""),
                    meeting.pair.get_absolute_url(),
                    f"meeting:{meeting.pk}",
                    f"eve:{meeting.held_on.isoformat()}",
                )
            )
        reminders.append(
            Reminder(
                kind=ReminderKind.MEETINGS,
                email=address_of(user),
                user=user,
                subject=f"Завтра встреча с наставляемым — {school.short_name}",
                intro="Вы запланировали встречу на завтра.",
                lines=lines,
                school_id=school.pk,
                greeting=greeting_for(user),
            )
        )
    return reminders
