"""Invitations to answer a questionnaire, each with its personal link, mailed once.

The address is the account's (an invitation by account) or the participant's (a personal link);
an invitation without a known address stays for the curator to hand out.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation

from ..models import ReminderKind
from .base import Line, Reminder, address_of, current_programmes, greeting_for


def collect(day: datetime.date, schools=None) -> list[Reminder]:
    programmes = current_programmes(day, schools)
    if not programmes:
        return []
    invitations = (
        Invitation.objects.filter(
            distribution__programme__in=programmes,
            answered_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .filter(Q(user__isnull=False) | (Q(participant__isnull=False) & ~Q(participant__email="")))
        .select_related("distribution__programme__school", "participant", "user")
        .order_by("distribution_id", "id")
    )
    reminders = []
    for invitation in invitations:
        distribution = invitation.distribution
        school = distribution.programme.school
        if invitation.user_id:
            user, email = invitation.user, address_of(invitation.user)
        else:
            user, email = None, (invitation.participant.email or "").strip()
        deadline = f" до {distribution.deadline:%d.%m.%Y}" if distribution.deadline else ""
        line = Line(
            f"Анкета «{distribution.title}»: ответить{deadline} по личной ссылке",
            reverse("surveys:answer_by_link", args=[invitation.token]),
            f"invitation:{invitation.pk}",
            "invited",
        )
        reminders.append(
            Reminder(
                kind=ReminderKind.SURVEYS,
                email=email,
                user=user,
                subject=f"Анкета «{distribution.title}» — {school.short_name}",
                intro=(
                    f"Программа наставничества {school.short_name} просит вас ответить на "
                    "анкету. Ссылка личная: не пересылайте её."
                ),
                lines=[line],
                school_id=school.pk,
                greeting=greeting_for(user, invitation.respondent_name),
            )
        )
    return reminders
