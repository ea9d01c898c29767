"""Demo supplementary agreements on teacher mentoring (ТК РФ, ст. 351.8): the teacher mentors of
working «Учитель – учитель» pairs who gave their written consent get an agreement for the pair's
young specialists, one of them with a payment as a percentage of the rate."""

import datetime
from decimal import Decimal

from mentoring.models import Programme

from .models import Consent, MentoringAgreement, Pair, Participant

LOCAL_ACT = "Положение об оплате труда работников, утверждённое приказом от 29.08.2025 № 118"
CONTENT = (
    "помощь в планировании уроков и рабочей программы, посещение и разбор уроков, "
    "консультации по работе с классом и с родителями, помощь в подготовке к аттестации"
)


def build_agreements(programme: Programme, *, limit: int = 3) -> int:
    if MentoringAgreement.objects.filter(mentor__school=programme.school_id).exists():
        return 0
    pairs = (
        Pair.objects.filter(
            programme=programme,
            form__code="teacher_teacher",
            status__in=[Pair.Status.APPROVED, Pair.Status.ACTIVE],
            mentor__participant__kind=Participant.Kind.TEACHER,
        )
        .select_related("mentor__participant")
        .prefetch_related("mentees__participant")
        .order_by("mentor__participant__last_name", "pk")
    )
    made = 0
    for pair in pairs:
        if made >= limit:
            break
        consent = (
            Consent.objects.filter(
                participant=pair.mentor.participant_id,
                kind=Consent.Kind.TEACHER_MENTORING,
                withdrawn_on__isnull=True,
            )
            .order_by("signed_on")
            .first()
        )
        if consent is None or pair.mentor.agreements.exists():
            continue
        starts_on = pair.starts_on or programme.year.start_date + datetime.timedelta(days=45)
        signed_on = max(consent.signed_on, starts_on - datetime.timedelta(days=3))
        percent = made == 1
        agreement = MentoringAgreement.objects.create(
            mentor=pair.mentor,
            number=str(made + 1),
            signed_on=signed_on,
            contract_number=str(20 + pair.mentor_id % 70),
            contract_date=datetime.date(2018 + pair.mentor_id % 6, 8, 30),
            starts_on=starts_on,
            ends_on=programme.year.end_date,
            form="индивидуальная",
            content=CONTENT,
            payment=(
                MentoringAgreement.Payment.PERCENT if percent else MentoringAgreement.Payment.AMOUNT
            ),
            amount=None if percent else Decimal("3000"),
            percent=Decimal("15") if percent else None,
            local_act=LOCAL_ACT,
        )
        agreement.mentees.set([m.participant for m in pair.mentees.all()])
        made += 1
    return made
