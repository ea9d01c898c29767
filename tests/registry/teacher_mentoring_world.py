"""A teacher mentor with a written consent and a supplementary agreement under article 351.8 of
the Labour Code, and the young specialist she mentors."""

import datetime
from decimal import Decimal

from registry.models import Consent, Mentor, MentoringAgreement

from .factories import ConsentFactory, MentorFactory, ParticipantFactory

LOCAL_ACT = "Положение об оплате труда работников, утверждённое приказом от 30.08.2025 № 101"


def teacher_mentor(school, **person) -> Mentor:
    fields = {
        "last_name": "Иванова",
        "first_name": "Мария",
        "middle_name": "Петровна",
        "position": "учитель",
        "subject": "математика",
        **person,
    }
    return MentorFactory(
        participant=ParticipantFactory(school=school, **fields), status=Mentor.Status.ACTIVE
    )


def young_specialist(school, **person):
    fields = {
        "last_name": "Петров",
        "first_name": "Пётр",
        "middle_name": "Петрович",
        "position": "учитель истории",
        "subject": "история",
        "experience_years": 1,
        **person,
    }
    return ParticipantFactory(school=school, **fields)


def mentoring_consent(mentor, signed_on=datetime.date(2026, 8, 25)) -> Consent:
    return ConsentFactory(
        participant=mentor.participant, kind=Consent.Kind.TEACHER_MENTORING, signed_on=signed_on
    )


def agreement(mentor, mentees, **fields) -> MentoringAgreement:
    values = {
        "number": "5",
        "signed_on": datetime.date(2026, 8, 28),
        "contract_number": "41",
        "contract_date": datetime.date(2019, 8, 30),
        "starts_on": datetime.date(2026, 9, 16),
        "ends_on": datetime.date(2027, 5, 31),
        "content": "Помощь в планировании уроков, посещение и разбор уроков",
        "amount": Decimal("3000"),
        "local_act": LOCAL_ACT,
        **fields,
    }
    made = MentoringAgreement.objects.create(mentor=mentor, **values)
    made.mentees.set(mentees)
    return made
