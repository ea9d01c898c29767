"""The relationship pulse and the exit questionnaires of a pair.

«Пульс отношений в паре» goes by personal link to the mentor and each mentee of a working pair in
month 1 and month 3 of its work, then every quarter (months 6, 9, 12 …). Each pair × point is one
distribution; the database keeps it unique (``one_pulse_per_pair_point``), so ``send_due`` run
twice sends nothing twice. A pair that reaches the schedule late (started long before) gets only
its latest due point: nobody is asked about months long past.

When a pair closes, the exit questionnaires go to the mentor, each mentee and, for a minor mentee,
the parent who signed the consent (``send_exit`` from the receiver of ``pair_closed``).
"""

import calendar
import datetime

from django.db import transaction
from django.db.models import Prefetch

from registry.models import Consent, Mentee, Pair

from ..models import Distribution, Invitation, Occasion, Questionnaire
from .distribution import end_of_day

PULSE_CODE = "pulse"
EXIT_MENTOR_CODE = "exit_mentors"
EXIT_MENTEE_CODE = "exit_mentees"
EXIT_PARENT_CODE = "exit_parents"
FIRST_POINTS = (1, 3)  # months of work; then every QUARTER months after the last one
QUARTER = 3
ANSWER_DAYS = 14  # «ответить до»: the day of sending + 14
LINK_DAYS = 45  # the personal link works this long after sending
EXIT_ANSWER_DAYS = 30
BATCH = 500
MONTH_AT_LEAST = 28  # days: no pair that started later than this is due for month 1


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def points(starts_on: datetime.date):
    """(month of work, due date) of the pulse schedule, endless."""
    month = 0
    for month in FIRST_POINTS:
        yield month, add_months(starts_on, month)
    while True:
        month += QUARTER
        yield month, add_months(starts_on, month)


def due_point(starts_on: datetime.date, day: datetime.date) -> tuple[int, datetime.date] | None:
    """The latest point of the schedule due on or before ``day``, or None before month 1."""
    latest = None
    for month, due_on in points(starts_on):
        if due_on > day:
            return latest
        latest = (month, due_on)


def pulse_title(pair_id: int, month: int) -> str:
    return f"Пульс отношений в паре № {pair_id}, {month}-й месяц работы"


def _people(pair):
    """(participant, is_mentor) of the pair: the mentor, then the mentees still in it."""
    yield pair.mentor.participant, True
    for mentee in pair.mentees.all():
        if mentee.status != Mentee.Status.LEFT:
            yield mentee.participant, False


def _invitation(distribution, participant, pair, expires_at, *, name="", user=True) -> Invitation:
    return Invitation(
        distribution=distribution,
        participant=participant,
        user_id=participant.user_id if user else None,
        pair=pair,
        respondent_name=name or participant.full_name,
        expires_at=expires_at,
    )


def _working_pairs(day: datetime.date):
    return (
        Pair.objects.filter(status=Pair.Status.ACTIVE, starts_on__isnull=False)
        .filter(starts_on__lte=day - datetime.timedelta(days=MONTH_AT_LEAST))
        .select_related("mentor__participant")
        .prefetch_related(
            Prefetch("mentees", queryset=Mentee.objects.select_related("participant"))
        )
        .order_by("pk")
    )


def send_due(day: datetime.date) -> int:
    """Create the pulse distributions due on ``day``; returns how many invitations were made.

    Per batch of pairs: the pairs, their mentees, the points already sent, then one insert of
    distributions and one of invitations, whatever the number of pairs.
    """
    questionnaire = Questionnaire.objects.get(school=None, code=PULSE_CODE)
    pairs = list(_working_pairs(day))
    created = 0
    for start in range(0, len(pairs), BATCH):
        created += _send_batch(questionnaire, pairs[start : start + BATCH], day)
    return created


@transaction.atomic
def _send_batch(questionnaire, pairs, day) -> int:
    sent = set(
        Distribution.objects.filter(
            occasion=Occasion.PULSE, pair__in=[pair.pk for pair in pairs]
        ).values_list("pair_id", "pulse_month")
    )
    due = []
    for pair in pairs:
        point = due_point(pair.starts_on, day)
        if point is not None and (pair.pk, point[0]) not in sent:
            due.append((pair, point[0]))
    if not due:
        return 0
    deadline = day + datetime.timedelta(days=ANSWER_DAYS)
    expires_at = end_of_day(day + datetime.timedelta(days=LINK_DAYS))
    distributions = Distribution.objects.bulk_create(
        Distribution(
            questionnaire=questionnaire,
            programme_id=pair.programme_id,
            title=pulse_title(pair.pk, month),
            deadline=deadline,
            occasion=Occasion.PULSE,
            pair=pair,
            pulse_month=month,
        )
        for pair, month in due
    )
    invitations = [
        _invitation(distribution, participant, pair, expires_at)
        for distribution, (pair, _month) in zip(distributions, due, strict=True)
        for participant, _is_mentor in _people(pair)
    ]
    Invitation.objects.bulk_create(invitations)
    return len(invitations)


def parents_of(participants) -> dict[int, str]:
    """{participant id: the name of the parent who signed a consent still in force}."""
    consents = (
        Consent.objects.active()
        .filter(participant__in=participants, given_by=Consent.GivenBy.REPRESENTATIVE)
        .exclude(representative_name="")
        .order_by("participant_id", "-signed_on", "-pk")
        .values_list("participant_id", "representative_name")
    )
    names: dict[int, str] = {}
    for participant_id, name in consents:
        names.setdefault(participant_id, name.strip())
    return names


@transaction.atomic
def send_exit(pair: Pair, day: datetime.date) -> dict:
    """The exit questionnaires of a closing pair, once per pair and questionnaire.

    Returns {"mentor": n, "mentees": n, "parents": n, "no_parent": [names of minors whose parent
    is unknown]}. The parent's invitation is tied to the child (``participant``) without the
    child's account, so the child's data duties (withdrawal, anonymisation) reach it too.
    """
    questionnaires = {
        questionnaire.code: questionnaire
        for questionnaire in Questionnaire.objects.filter(
            school=None, code__in=[EXIT_MENTOR_CODE, EXIT_MENTEE_CODE, EXIT_PARENT_CODE]
        )
    }
    sent = set(
        Distribution.objects.filter(occasion=Occasion.EXIT, pair=pair).values_list(
            "questionnaire__code", flat=True
        )
    )
    mentees = [
        mentee.participant for mentee in pair.mentees.select_related("participant").order_by("pk")
    ]
    minors = [participant for participant in mentees if participant.is_minor(day)]
    parents = parents_of(minors)
    respondents = {
        EXIT_MENTOR_CODE: [(pair.mentor.participant, "", True)],
        EXIT_MENTEE_CODE: [(participant, "", True) for participant in mentees],
        EXIT_PARENT_CODE: [
            (participant, parents[participant.pk], False)
            for participant in minors
            if participant.pk in parents
        ],
    }
    deadline = day + datetime.timedelta(days=EXIT_ANSWER_DAYS)
    expires_at = end_of_day(deadline)
    counts = {EXIT_MENTOR_CODE: 0, EXIT_MENTEE_CODE: 0, EXIT_PARENT_CODE: 0}
    for code, people in respondents.items():
        if code in sent or not people or code not in questionnaires:
            continue
        questionnaire = questionnaires[code]
        distribution = Distribution.objects.create(
            questionnaire=questionnaire,
            programme_id=pair.programme_id,
            title=f"{questionnaire.title}, пара № {pair.pk}",
            deadline=deadline,
            occasion=Occasion.EXIT,
            pair=pair,
        )
        Invitation.objects.bulk_create(
            _invitation(distribution, participant, pair, expires_at, name=name, user=user)
            for participant, name, user in people
        )
        counts[code] = len(people)
    return {
        "mentor": counts[EXIT_MENTOR_CODE],
        "mentees": counts[EXIT_MENTEE_CODE],
        "parents": counts[EXIT_PARENT_CODE],
        "no_parent": [
            participant.short_name for participant in minors if participant.pk not in parents
        ],
    }


def exit_phrase(result: dict) -> str:
    """«Отправлены анкеты завершения: наставнику, наставляемым (2), родителям (1)»."""
    parts = []
    if result["mentor"]:
        parts.append("наставнику")
    if result["mentees"]:
        parts.append(f"наставляемым ({result['mentees']})")
    if result["parents"]:
        parts.append(f"родителям ({result['parents']})")
    text = f"Отправлены анкеты завершения: {', '.join(parts)}" if parts else ""
    if result["no_parent"]:
        missing = ", ".join(result["no_parent"])
        skipped = f"анкета родителю не отправлена — родитель не указан в согласии ({missing})"
        text = f"{text}; {skipped}" if text else skipped.capitalize()
    return text
