"""Forming pairs and groups, and the rules every pair must satisfy, in one place.

The rules (docs/ARCHITECTURE.md, «Пары и группы»): the mentor is in the registry; mentor and
mentees have their consents (a parent's for a minor); a mentor working with minors has a valid
criminal-record certificate; a teacher mentoring a colleague has given written consent; the
mentor's capacity is respected; the form fits the participants («ученик – ученик»: the mentor is
from an older class, except «равный – равному»); a mentee is in one open pair at a time.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mentoring.errors import DomainError
from mentoring.models import Programme, User

from ..document_checks import Flags, with_document_flags
from ..models import Mentee, Mentor, MentoringForm, Pair, Participant, RoleModel
from .bases import set_mentee_status, set_mentor_status

STUDENT_FORMS = ("student_student", "student_student_college")


class PairingError(DomainError):
    pass


@dataclass(frozen=True)
class Blocker:
    """A document a person lacks before the pair can be formed: ``document`` is what to add
    («consent» or «certificate»), to ``person``."""

    person: Participant
    text: str
    document: str

    def __str__(self) -> str:
        return self.text


def _consent_problems(
    participant: Participant, who: str, flags: Flags, today: datetime.date
) -> list[Blocker]:
    if participant.is_minor(today):
        if not (flags.pd_rep and flags.part_rep):
            text = f"{who}: нет согласий родителя (законного представителя)"
            return [Blocker(participant, text, "consent")]
    elif not (flags.pd_any and flags.part_any):
        text = f"{who}: нет согласия на обработку персональных данных и на участие в программе"
        return [Blocker(participant, text, "consent")]
    return []


def people_problems(
    mentor_person: Participant,
    mentee_people: Sequence[Participant],
    today: datetime.date,
    flags_of: Callable[[Participant], Flags] = Flags.of,
) -> list[Blocker]:
    """The documents both sides need: consents (a parent's for a minor), the mentor's valid
    certificate of no criminal record when working with minors, and a teacher's written consent
    to mentor a colleague. ``flags_of`` gives a person's documents (loaded in bulk by a page)."""
    mentor_flags = flags_of(mentor_person)
    found = _consent_problems(mentor_person, "Наставник", mentor_flags, today)
    for person in mentee_people:
        found += _consent_problems(person, person.short_name, flags_of(person), today)
    works_with_minors = any(person.is_minor(today) for person in mentee_people)
    until = mentor_flags.criminal_until
    certificate_valid = until is not None and until >= today
    if works_with_minors and not mentor_person.is_minor(today) and not certificate_valid:
        text = (
            "Наставник работает с несовершеннолетними: нужна действующая справка "
            "об отсутствии судимости."
        )
        found.append(Blocker(mentor_person, text, "certificate"))
    mentors_colleague = mentor_person.kind == Participant.Kind.TEACHER and any(
        person.kind == Participant.Kind.TEACHER for person in mentee_people
    )
    if mentors_colleague and not mentor_flags.teacher:
        text = "Педагог-наставник коллеги даёт письменное согласие на осуществление наставничества."
        found.append(Blocker(mentor_person, text, "consent"))
    return found


def blockers_by_mentor(
    mentee: Mentee, mentors: Sequence[Mentor], today: datetime.date | None = None
) -> dict[int, list[Blocker]]:
    """``people_problems`` of the mentee with each mentor, with the documents read in one query."""
    today = today or timezone.localdate()
    people = [mentor.participant for mentor in mentors] + [mentee.participant]
    rows = with_document_flags(
        Participant.objects.filter(pk__in=[person.pk for person in people]),
        school_id=mentee.participant.school_id,
    )
    flags = {row.pk: Flags.of(row) for row in rows}
    return {
        mentor.pk: people_problems(
            mentor.participant,
            [mentee.participant],
            today,
            lambda person: flags[person.pk],
        )
        for mentor in mentors
    }


def open_load(mentor: Mentor, *, exclude: Pair | None = None) -> int:
    """How many mentees the mentor already has in open pairs and groups."""
    pairs = Pair.objects.open().filter(mentor=mentor)
    if exclude is not None and exclude.pk:
        pairs = pairs.exclude(pk=exclude.pk)
    return Mentee.objects.filter(pairs__in=pairs).count()


def form_problems(
    mentor: Mentor, mentees: Sequence[Mentee], form: MentoringForm, role_model: RoleModel | None
) -> list[str]:
    found = []
    mentor_person = mentor.participant
    if role_model is not None and role_model.form_id != form.pk:
        found.append(f"Ролевая модель «{role_model}» не относится к форме «{form}».")
    if mentor_person.kind not in form.mentor_kinds:
        found.append(
            f"В форме «{form}» наставником не может быть участник категории "
            f"«{mentor_person.get_kind_display().lower()}»."
        )
    for mentee in mentees:
        person = mentee.participant
        if person.kind not in form.mentee_kinds:
            found.append(
                f"{person.short_name}: в форме «{form}» наставляемым не может быть участник "
                f"категории «{person.get_kind_display().lower()}»."
            )
        elif form.code in STUDENT_FORMS and mentor_person.kind == Participant.Kind.STUDENT:
            if mentor_person.grade is None or person.grade is None:
                found.append(f"{person.short_name}: укажите классы наставника и наставляемого.")
            elif role_model is not None and role_model.same_grade:
                continue
            elif mentor_person.grade <= person.grade:
                found.append(
                    f"{person.short_name}: в форме «{form}» наставник учится в более старшем "
                    f"классе ({mentor_person.class_name} и {person.class_name})."
                )
    return found


def pair_problems(
    programme: Programme,
    mentor: Mentor,
    mentees: Sequence[Mentee],
    form: MentoringForm,
    role_model: RoleModel | None = None,
    *,
    pair: Pair | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    """Every reason the pair or group cannot be formed, in Russian; empty when it can."""
    today = today or timezone.localdate()
    found = []
    if not mentees:
        return ["Выберите хотя бы одного наставляемого."]
    if mentor.school_id != programme.school_id:
        found.append("Наставник не из базы этой школы.")
    if any(m.programme_id != programme.pk for m in mentees):
        found.append("Наставляемые должны быть из базы наставляемых этой программы.")
    if not mentor.in_registry:
        found.append(
            f"Наставник не включён в реестр наставников (статус «{mentor.get_status_display()}»)."
        )
    blockers = people_problems(mentor.participant, [m.participant for m in mentees], today)
    found += [str(blocker) for blocker in blockers]
    load = open_load(mentor, exclude=pair)
    if load + len(mentees) > mentor.capacity:
        found.append(
            f"Превышена нагрузка наставника: не более {mentor.capacity} наставляемых, "
            f"уже {load}, добавляется {len(mentees)}."
        )
    busy = Pair.objects.open().filter(mentees__in=mentees)
    if pair is not None and pair.pk:
        busy = busy.exclude(pk=pair.pk)
    for mentee in Mentee.objects.filter(pairs__in=busy).select_related("participant").distinct():
        found.append(f"{mentee.participant.short_name} уже в другой паре или группе.")
    for mentee in mentees:
        if mentee.status in (Mentee.Status.COMPLETED, Mentee.Status.LEFT):
            found.append(
                f"{mentee.participant.short_name}: статус «{mentee.get_status_display()}»."
            )
    found += form_problems(mentor, mentees, form, role_model)
    return found


@transaction.atomic
def create_pair(
    programme: Programme,
    mentor: Mentor,
    mentees: Sequence[Mentee],
    form: MentoringForm,
    role_model: RoleModel | None = None,
    *,
    by: User | None,
    goal: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Pair:
    """Forms a pair (one mentee) or a group; raises PairingError with every broken rule.

    ``today`` is the day the documents are checked on (the demo forms last year's pairs)."""
    Mentor.objects.select_for_update().filter(pk=mentor.pk).first()
    problems = pair_problems(programme, mentor, mentees, form, role_model, today=today)
    if problems:
        raise PairingError(problems)
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=form,
        role_model=role_model,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        updated_by=by,
    )
    pair.mentees.set(mentees)
    for mentee in mentees:
        set_mentee_status(mentee, Mentee.Status.PAIRED, by=by)
    return pair


@transaction.atomic
def approve_pairs(pairs: Sequence[Pair], *, by: User | None, note: str = "") -> list[Pair]:
    """Marks draft pairs approved. The order «Об утверждении наставнических пар/групп» calls this
    on approval with its number as ``note``."""
    approved = []
    for pair in pairs:
        if pair.status != Pair.Status.DRAFT:
            continue
        pair.status = Pair.Status.APPROVED
        pair.approval_note = note
        pair.updated_by = by
        pair.save(update_fields=["status", "approval_note", "updated_by", "updated_at"])
        set_mentor_status(pair.mentor, Mentor.Status.ACTIVE, by=by)
        approved.append(pair)
    return approved


@transaction.atomic
def start_pair(pair: Pair, *, by: User | None, starts_on: datetime.date | None = None) -> Pair:
    if pair.status not in (Pair.Status.DRAFT, Pair.Status.APPROVED):
        raise PairingError([f"Пара уже в статусе «{pair.get_status_display()}»."])
    pair.status = Pair.Status.ACTIVE
    pair.starts_on = pair.starts_on or starts_on or timezone.localdate()
    pair.updated_by = by
    pair.save(update_fields=["status", "starts_on", "updated_by", "updated_at"])
    set_mentor_status(pair.mentor, Mentor.Status.ACTIVE, by=by)
    return pair


@transaction.atomic
def finish_pair(
    pair: Pair,
    *,
    by: User | None,
    reason: str = "",
    early: bool = False,
    on: datetime.date | None = None,
) -> Pair:
    """Completes a pair (mentees completed) or terminates it early with a reason (mentees wait
    for a new mentor again: сид 002 asks to continue the search for them). ``on`` is the last
    day of its work, today unless given."""
    if not pair.is_open:
        raise PairingError([f"Пара уже в статусе «{pair.get_status_display()}»."])
    if early and not reason.strip():
        raise PairingError(["Укажите причину досрочного прекращения."])
    pair.status = Pair.Status.TERMINATED if early else Pair.Status.COMPLETED
    pair.termination_reason = reason.strip()
    pair.ends_on = on or timezone.localdate()
    pair.updated_by = by
    pair.save(update_fields=["status", "termination_reason", "ends_on", "updated_by", "updated_at"])
    for mentee in pair.mentees.all():
        still_paired = mentee.pairs.open().exists()
        if early:
            status = Mentee.Status.PAIRED if still_paired else Mentee.Status.WAITING
        else:
            status = Mentee.Status.PAIRED if still_paired else Mentee.Status.COMPLETED
        set_mentee_status(mentee, status, by=by)
    return pair
