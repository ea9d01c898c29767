"""Where each teacher mentor stands under article 351.8 of the Labour Code, and the month's share
of each agreement's additional payment."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from mentoring.periods import month_bounds

from ..models import Consent, Mentor, MentoringAgreement, MentoringDuty, Participant


class Standing:
    NO_CONSENT = "Нет согласия"
    CONSENT = "Согласие получено"
    AGREEMENT = "Соглашение действует"
    ENDED = "Прекращено досрочно"
    DUTIES = "В должностных обязанностях"


TONES = {
    Standing.NO_CONSENT: "warning",
    Standing.CONSENT: "info",
    Standing.AGREEMENT: "success",
    Standing.ENDED: "secondary",
    Standing.DUTIES: "primary",
}

NO_CONSENT_REFUSAL = (
    "Нет действующего письменного согласия педагога на наставничество, данного не позже даты "
    "соглашения: без него соглашение не заключается (ст. 351.8 ТК РФ). Внесите согласие на "
    "карточке участника."
)


def mentoring_consents(participant: Participant, on: datetime.date | None = None):
    consents = Consent.objects.filter(
        participant=participant, kind=Consent.Kind.TEACHER_MENTORING, withdrawn_on__isnull=True
    )
    if on is not None:
        consents = consents.filter(signed_on__lte=on)
    return consents.order_by("-signed_on")


def consent_refusal(mentor: Mentor, signed_on: datetime.date) -> str | None:
    """Why no agreement can be signed on ``signed_on``: no written consent by that day."""
    if mentoring_consents(mentor.participant, signed_on).exists():
        return None
    return NO_CONSENT_REFUSAL


@dataclass
class TeacherMentor:
    mentor: Mentor
    standing: str
    consent: Consent | None
    agreement: MentoringAgreement | None  # the one in force or coming, else the latest
    duty: MentoringDuty | None

    @property
    def tone(self) -> str:
        return TONES[self.standing]


def standing_of(mentor: Mentor, today: datetime.date) -> TeacherMentor:
    """Reads ``mentor.agreements`` and ``mentor.participant.consents`` (prefetch them for
    lists) and the mentor's ``mentoring_duty``."""
    duty = getattr(mentor, "mentoring_duty", None)
    consents = [
        c
        for c in mentor.participant.consents.all()
        if c.kind == Consent.Kind.TEACHER_MENTORING and c.withdrawn_on is None
    ]
    consent = max(consents, key=lambda c: c.signed_on, default=None)
    agreements = sorted(mentor.agreements.all(), key=lambda a: (a.starts_on, a.pk), reverse=True)
    current = next((a for a in agreements if a.last_day >= today and not a.ended_early), None)
    if current is None:
        current = next((a for a in agreements if a.ended_early and a.last_day >= today), None)
    latest = agreements[0] if agreements else None
    if duty is not None:
        standing = Standing.DUTIES
    elif current is not None:
        standing = Standing.AGREEMENT
    elif latest is not None and latest.ended_early:
        standing = Standing.ENDED
    elif consent is not None:
        standing = Standing.CONSENT
    else:
        standing = Standing.NO_CONSENT
    return TeacherMentor(mentor, standing, consent, current or latest, duty)


def teacher_mentors(queryset, today: datetime.date) -> list[TeacherMentor]:
    """The teachers of the mentor base (``queryset``, already scoped to the user) and where each
    stands on ``today``."""
    mentors = (
        queryset.filter(participant__kind=Participant.Kind.TEACHER)
        .select_related("participant", "mentoring_duty")
        .prefetch_related(
            "participant__consents",
            Prefetch(
                "agreements",
                queryset=MentoringAgreement.objects.prefetch_related("mentees"),
            ),
        )
        .order_by("participant__last_name", "participant__first_name")
    )
    return [standing_of(mentor, today) for mentor in mentors]


@dataclass
class MonthPayment:
    agreement: MentoringAgreement
    days: int  # calendar days of the month the agreement is in force
    month_days: int

    @property
    def whole_month(self) -> bool:
        return self.days == self.month_days

    @property
    def amount(self) -> Decimal | None:
        """The rouble payment for the month, prorated by calendar days; None for a percentage
        (the accounting office applies it to the salary)."""
        agreement = self.agreement
        if agreement.payment != MentoringAgreement.Payment.AMOUNT:
            return None
        share = agreement.amount * self.days / self.month_days
        return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def month_payments(school_id: int, month: datetime.date) -> list[MonthPayment]:
    """Every agreement of the school in force on at least one day of the month."""
    first, last = month_bounds(month)
    agreements = (
        MentoringAgreement.objects.filter(mentor__school_id=school_id)
        .overlapping(first, last)
        .select_related("mentor__participant")
        .prefetch_related("mentees")
        .order_by("mentor__participant__last_name", "mentor__participant__first_name", "pk")
    )
    payments = []
    for agreement in agreements:
        start = max(first, agreement.starts_on)
        end = min(last, agreement.last_day)
        payments.append(MonthPayment(agreement, (end - start).days + 1, last.day))
    return payments
