"""The demo's previous year: built as the school lived it, then turned into this year.

Last year's programme gets the school's bases as they were in October, the selection, pairs
with meetings until the end of lessons and a finished roadmap; then the curator starts the new
year with ``services.year_turn`` (defaults of the preview), which archives it. This year's data
is what the turn carried over, not a second hand-written copy.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mentoring.models import AcademicYear, Programme, User
from stages.demo import finish_roadmap
from stages.services import start_programme

from .demo import build_bases, build_selection
from .demo_pairs import PairsApproval, build_pairs, settle_idle_mentors
from .models import Certificate, Mentor
from .services.year_turn import (
    COMPLETE,
    CONTINUE,
    TERMINATE,
    Decisions,
    PairDecision,
    preview_year_turn,
    start_new_year,
)

PROGRAMME_FIELDS = ["forms_in_use", "goals", "students_total", "teachers_total"]


@transaction.atomic
def build_previous_year(
    current: Programme,
    *,
    mentors: int,
    mentees: int,
    seed: int,
    curator: User | None,
    curator_name: str,
    approve: PairsApproval,
    today: datetime.date | None = None,
) -> Programme | None:
    """Last year of ``current``'s school, turned into ``current``; None when the school already
    has people (the demo was built before, or the school has its own data). Last year's pairs
    are approved by ``approve`` (an order of that year)."""
    school = current.school
    if school.participants.exists():
        return None
    today = today or timezone.localdate()
    year = AcademicYear.for_date(current.year.start_date - datetime.timedelta(days=1))
    previous, _ = start_programme(
        school,
        year,
        curator=curator,
        **{name: getattr(current, name) for name in PROGRAMME_FIELDS},
    )
    finish_roadmap(previous, skip_every=6 + seed % 4)
    gathered = year.start_date + datetime.timedelta(days=30)
    build_bases(previous, mentors=mentors, mentees=mentees, seed=seed, today=gathered)
    build_selection(previous, curator_name)
    build_pairs(
        previous, seed=seed, approve=approve, today=datetime.date(year.end_date.year, 5, 25)
    )
    start_new_year(previous, by=curator, decisions=_decisions(previous, today), today=today)
    settle_idle_mentors(school)
    renew_certificates(school, seed=seed, start=current.year.start_date, today=today)
    return previous


def _decisions(previous: Programme, today: datetime.date) -> Decisions:
    """The preview's defaults, but some pairs finish: the plan is done, or the mentee moved."""
    decisions = preview_year_turn(previous, today).default_decisions()
    going_on = [key for key, choice in sorted(decisions.pairs.items()) if choice.action == CONTINUE]
    for number, key in enumerate(going_on):
        if number % 5 == 1:
            decisions.pairs[key] = PairDecision(COMPLETE, "Цели индивидуального плана достигнуты.")
        elif number % 9 == 4:
            decisions.pairs[key] = PairDecision(TERMINATE, "Наставляемый перешёл в другую школу.")
    return decisions


def renew_certificates(school, *, seed: int, start: datetime.date, today: datetime.date) -> int:
    """September's new certificates for most mentors whose ones have expired, and a medical one
    for most new graduate mentors; a few stay expired, as in a real school."""
    rng = random.Random(seed)
    mentors = Mentor.objects.filter(school=school).exclude(status=Mentor.Status.INACTIVE)
    latest = {}
    for participant, kind, until in Certificate.objects.filter(
        participant__school=school
    ).values_list("participant_id", "kind", "valid_until"):
        latest[(participant, kind)] = max(until, latest.get((participant, kind), until))
    renewed = []
    for index, mentor in enumerate(mentors.select_related("participant").order_by("pk")):
        person = mentor.participant
        if index % 7 == 3 or person.is_minor(start):
            continue
        for kind in (Certificate.Kind.CRIMINAL_RECORD, Certificate.Kind.MEDICAL):
            until = latest.get((person.pk, kind))
            if until is not None and until >= start:
                continue  # still valid
            new_graduate = kind == Certificate.Kind.MEDICAL and person.is_external
            if until is None and not new_graduate:
                continue  # never had one, and still has not
            issued = min(start + datetime.timedelta(days=rng.randint(3, 20)), today)
            renewed.append(
                Certificate(
                    participant=person,
                    kind=kind,
                    number=f"{rng.randint(10, 99)}/{rng.randint(10000, 99999)}"
                    if kind == Certificate.Kind.CRIMINAL_RECORD
                    else "",
                    issued_on=issued,
                    valid_until=issued + datetime.timedelta(days=365),
                )
            )
    Certificate.objects.bulk_create(renewed)
    return len(renewed)
