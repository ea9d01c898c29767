"""Sending a questionnaire: one invitation per respondent, by account or by a personal link."""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from registry.models import Mentee, Mentor, Pair

from ..models import Distribution, Invitation

PAIR_MENTORS = "pair_mentors"
PAIR_MENTEES = "pair_mentees"
ALL_MENTEES = "all_mentees"
ALL_MENTORS = "all_mentors"

GROUPS = [
    (PAIR_MENTORS, "Наставники пар программы"),
    (PAIR_MENTEES, "Наставляемые пар программы"),
    (ALL_MENTEES, "Все наставляемые базы"),
    (ALL_MENTORS, "Все наставники базы"),
]


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of the day in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def respondents(programme, groups) -> list[tuple]:
    """(participant, pair or None) of the chosen groups, each person once."""
    pairs = list(
        Pair.objects.filter(programme=programme)
        .open()
        .select_related("mentor__participant")
        .prefetch_related("mentees__participant")
        .order_by("id")
    )
    mentor_pair, mentee_pair = {}, {}
    for pair in pairs:
        mentor_pair.setdefault(pair.mentor.participant_id, pair)
        for mentee in pair.mentees.all():
            mentee_pair.setdefault(mentee.participant_id, pair)

    chosen: dict[int, tuple] = {}

    def add(participant, pair):
        chosen.setdefault(participant.pk, (participant, pair))

    if PAIR_MENTORS in groups:
        for pair in pairs:
            add(pair.mentor.participant, pair)
    if PAIR_MENTEES in groups:
        for pair in pairs:
            for mentee in pair.mentees.all():
                add(mentee.participant, pair)
    if ALL_MENTEES in groups:
        mentees = (
            programme.mentees.exclude(status=Mentee.Status.LEFT)
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name")
        )
        for mentee in mentees:
            add(mentee.participant, mentee_pair.get(mentee.participant_id))
    if ALL_MENTORS in groups:
        mentors = (
            Mentor.objects.filter(school=programme.school_id)
            .exclude(status=Mentor.Status.INACTIVE)
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name")
        )
        for mentor in mentors:
            add(mentor.participant, mentor_pair.get(mentor.participant_id))
    return list(chosen.values())


@transaction.atomic
def create_distribution(
    programme, questionnaire, *, title, phase, deadline, groups, by
) -> Distribution:
    distribution = Distribution.objects.create(
        programme=programme,
        questionnaire=questionnaire,
        title=title,
        phase=phase,
        deadline=deadline,
        created_by=by,
    )
    expires_at = end_of_day(deadline)
    Invitation.objects.bulk_create(
        Invitation(
            distribution=distribution,
            participant=participant,
            user_id=participant.user_id,
            pair=pair,
            respondent_name=participant.full_name,
            expires_at=expires_at,
        )
        for participant, pair in respondents(programme, groups)
    )
    return distribution


def with_progress(distributions):
    return distributions.annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    )


def percent(answered: int, invited: int) -> int:
    return round(100 * answered / invited) if invited else 0
