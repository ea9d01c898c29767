"""The order «О закреплении наставника за молодым специалистом»: each chosen teacher mentor is
assigned to the young specialists of the supplementary agreement in force (ТК РФ, ст. 351.8),
with its term and additional payment; a mentor for whom mentoring is part of the position's
duties is assigned to the young specialists of their «Учитель – учитель» pairs, without a payment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from mentoring.models import Programme
from registry.models import Mentor, MentoringAgreement, MentoringDuty, Pair, Participant
from registry.services.labour import Standing, standing_of

from ..builders.teacher_mentoring import person_with_position, young_specialists
from ..declension import ACCUSATIVE, INSTRUMENTAL, Decliner

NO_BASIS = (
    "нет действующего дополнительного соглашения о наставничестве, и наставничество не отмечено "
    "как часть должностных обязанностей (ст. 351.8 ТК РФ)"
)


@dataclass
class Assignment:
    mentor: Mentor
    agreement: MentoringAgreement | None
    duty: MentoringDuty | None
    mentees: list[Participant]
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


def _pair_mentees(mentor: Mentor) -> tuple[list[Participant], Pair | None]:
    pairs = list(
        Pair.objects.filter(mentor=mentor, form__code="teacher_teacher")
        .open()
        .prefetch_related("mentees__participant")
        .order_by("starts_on", "pk")
    )
    mentees = [m.participant for pair in pairs for m in pair.mentees.all()]
    return mentees, (pairs[0] if pairs else None)


def assignment_of(mentor: Mentor, on: datetime.date) -> Assignment:
    standing = standing_of(mentor, on)
    if standing.standing == Standing.DUTIES:
        mentees, pair = _pair_mentees(mentor)
        return Assignment(
            mentor,
            None,
            standing.duty,
            mentees,
            pair.starts_on if pair else None,
            pair.ends_on if pair else None,
        )
    if standing.standing == Standing.AGREEMENT:
        agreement = standing.agreement
        return Assignment(
            mentor,
            agreement,
            None,
            list(agreement.mentees.all()),
            agreement.starts_on,
            agreement.last_day,
        )
    return Assignment(mentor, None, None, [])


def assignments(order, on: datetime.date) -> list[Assignment]:
    mentors = order.mentors.select_related("participant", "mentoring_duty").order_by(
        "participant__last_name", "participant__first_name"
    )
    return [assignment_of(mentor, on) for mentor in mentors]


def assignment_point(assignment: Assignment, decline: Decliner) -> str:
    """«Закрепить наставника Иванову Марию Петровну, учителя математики, за молодым
    специалистом Петровым Петром Петровичем, учителем истории, на срок с … по … с
    дополнительной оплатой в размере … (дополнительное соглашение от … № … к трудовому договору
    от … № …).»"""
    mentor = person_with_position(decline, assignment.mentor.participant, ACCUSATIVE)
    whom = young_specialists(decline, assignment.mentees, INSTRUMENTAL)
    text = f"Закрепить наставника {mentor}, за {whom}"
    if assignment.starts_on and assignment.ends_on:
        text += f", на срок с {assignment.starts_on:%d.%m.%Y} по {assignment.ends_on:%d.%m.%Y}"
    agreement, duty = assignment.agreement, assignment.duty
    if agreement:
        text += (
            f" с дополнительной оплатой в размере {agreement.payment_text} ({agreement.reference})"
        )
    elif duty:
        text += (
            " (наставничество входит в должностные обязанности наставника: "
            f"{duty.document.strip().rstrip('.')})"
        )
    return f"{text}."


def payment_point(items: list[Assignment]) -> str | None:
    if not any(item.agreement for item in items):
        return None
    return (
        "Бухгалтерии производить наставникам дополнительную оплату в размере, установленном "
        "дополнительными соглашениями к трудовым договорам, пропорционально времени "
        "осуществления наставничества в месяце."
    )


def candidates(programme: Programme):
    """The teacher mentors of the school a curator may name in the order."""
    return (
        Mentor.objects.filter(
            school=programme.school_id, participant__kind=Participant.Kind.TEACHER
        )
        .exclude(status=Mentor.Status.INACTIVE)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name")
    )


def suggested(programme: Programme, on: datetime.date, approved_orders) -> list[Mentor]:
    """Mentors with an agreement in force (or mentoring within their duties) who are not yet
    named in an approved order of this kind."""
    named = set(approved_orders.values_list("mentors", flat=True))
    return [
        mentor
        for mentor in candidates(programme)
        if mentor.pk not in named
        and standing_of(mentor, on).standing in (Standing.AGREEMENT, Standing.DUTIES)
    ]


def problems(order, on: datetime.date) -> list[str]:
    items = assignments(order, on)
    if not items:
        return ["Выберите наставников, которых закрепить за молодыми специалистами."]
    found = []
    for item in items:
        name = item.mentor.participant.short_name
        if item.agreement is None and item.duty is None:
            found.append(f"{name}: {NO_BASIS}.")
        elif not item.mentees:
            found.append(f"{name}: не указаны молодые специалисты, за которыми закрепить.")
    return found
