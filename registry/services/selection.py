"""Selection of mentors (этап 4): the competition commission and its interviews."""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.models import Programme, User

from ..models import CommissionMember, Interview, Mentor, SelectionCommission
from ..models.selection import COMMISSION_MAX_MEMBERS, COMMISSION_MIN_MEMBERS
from .bases import set_mentor_status

Role = CommissionMember.Role


def validate_commission(members: Iterable[Mapping]) -> list[str]:
    """Why a commission of these members cannot be formed; empty when it can.

    The methodology: «конкурсная комиссия из 3-5 человек, которую возглавляет руководитель ОУ,
    и в которую входит куратор».
    """
    members = list(members)
    errors = []
    if not COMMISSION_MIN_MEMBERS <= len(members) <= COMMISSION_MAX_MEMBERS:
        errors.append(
            f"В комиссии должно быть от {COMMISSION_MIN_MEMBERS} до {COMMISSION_MAX_MEMBERS} "
            f"человек, сейчас {len(members)}."
        )
    roles = Counter(member.get("role") for member in members)
    if roles[Role.CHAIR] == 0:
        errors.append(
            "Председателем комиссии должен быть руководитель образовательной организации: "
            "укажите его с ролью «Председатель»."
        )
    elif roles[Role.CHAIR] > 1:
        errors.append(f"Председатель у комиссии один, сейчас их {roles[Role.CHAIR]}.")
    if roles[Role.CURATOR] == 0:
        errors.append("В состав комиссии входит куратор: укажите его с ролью «Куратор».")
    if any(not (member.get("full_name") or "").strip() for member in members):
        errors.append("Укажите ФИО каждого члена комиссии.")
    names = Counter(" ".join((member.get("full_name") or "").split()).lower() for member in members)
    repeated = sorted(name for name, count in names.items() if name and count > 1)
    if repeated:
        errors.append(f"Один человек указан в комиссии дважды: {', '.join(repeated)}.")
    unknown = {member.get("role") for member in members} - set(Role.values)
    if unknown:
        errors.append("Выберите роль в комиссии из списка.")
    return errors


@transaction.atomic
def save_commission(
    programme: Programme,
    members_data: Iterable[Mapping],
    formed_on: datetime.date | None,
    order_note: str,
    *,
    by: User | None,
) -> SelectionCommission:
    """Forms the commission anew; raises ValidationError and saves nothing when it is invalid."""
    members_data = list(members_data)
    errors = validate_commission(members_data)
    if errors:
        raise ValidationError(errors)
    commission, _ = SelectionCommission.objects.update_or_create(
        programme=programme, defaults={"formed_on": formed_on, "order_note": order_note}
    )
    commission.members.all().delete()
    CommissionMember.objects.bulk_create(
        CommissionMember(
            commission=commission,
            full_name=" ".join(member["full_name"].split()),
            position=(member.get("position") or "").strip(),
            role=member["role"],
            position_order=index,
        )
        for index, member in enumerate(members_data)
    )
    return commission


@transaction.atomic
def record_interview(
    mentor: Mentor,
    programme: Programme,
    data: Mapping,
    *,
    by: User | None,
    interview: Interview | None = None,
) -> Interview:
    """Records (or corrects) an interview; a candidate becomes «Прошёл собеседование»."""
    if mentor.school_id != programme.school_id:
        raise ValueError("Наставник не из базы наставников этой школы.")
    interview = interview or Interview(mentor=mentor, programme=programme, recorded_by=by)
    interview.held_on = data["held_on"]
    interview.readiness = data["readiness"]
    interview.decision = data["decision"]
    interview.notes = data.get("notes", "")
    interview.save()
    if mentor.status == Mentor.Status.CANDIDATE:
        set_mentor_status(mentor, Mentor.Status.INTERVIEWED, by=by)
    return interview


@transaction.atomic
def delete_interview(interview: Interview, *, by: User | None) -> None:
    """Deletes an interview entered by mistake; with no interviews left, a candidate again."""
    mentor = interview.mentor
    interview.delete()
    if mentor.status == Mentor.Status.INTERVIEWED and not mentor.interviews.exists():
        set_mentor_status(mentor, Mentor.Status.CANDIDATE, by=by)
