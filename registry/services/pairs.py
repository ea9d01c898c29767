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
from ..models import Meeting, Mentee, Mentor, MentoringForm, Pair, Participant, RoleModel
from ..signals import pair_closed, phrases
from .bases import set_mentee_status, set_mentor_status

STUDENT_FORMS = ("student_student", "student_student_college")

# After an early closure a mentee waits this many days before a new pair, unless the curator
# writes why the new pair cannot wait (a rushed rematch repeats the failure).
REMATCH_WAIT_DAYS = 14

Reason = Pair.ClosureReason
# Reasons that say the pair did not run its course: not a planned completion.
EARLY_ONLY_REASONS = (
    Reason.MENTOR_WITHDREW,
    Reason.MENTEE_WITHDREW,
    Reason.CONFLICT,
    Reason.HEALTH,
)
# Reasons of a pair that ran its course: not an early termination.
PLANNED_ONLY_REASONS = (Reason.GOAL_REACHED, Reason.PROGRAMME_ENDED)


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


def rematch_waits(
    participant_ids, today: datetime.date, *, exclude: Pair | None = None
) -> dict[int, datetime.date]:
    """Participant id → the last day of the pair that ended early for them within the waiting
    period (``REMATCH_WAIT_DAYS`` before ``today``), in one query."""
    since = today - datetime.timedelta(days=REMATCH_WAIT_DAYS)
    rows = Pair.objects.filter(
        status=Pair.Status.TERMINATED,
        ends_on__gt=since,
        mentees__participant_id__in=participant_ids,
    )
    if exclude is not None and exclude.pk:
        rows = rows.exclude(pk=exclude.pk)
    found: dict[int, datetime.date] = {}
    for person_id, ends_on in rows.values_list("mentees__participant_id", "ends_on"):
        found[person_id] = max(ends_on, found.get(person_id, ends_on))
    return found


def rematch_problem(name: str, ended_on: datetime.date) -> str:
    free_on = ended_on + datetime.timedelta(days=REMATCH_WAIT_DAYS + 1)
    return (
        f"{name}: пара прекращена досрочно {ended_on:%d.%m.%Y}; новую пару можно сформировать "
        f"с {free_on:%d.%m.%Y} или раньше — с обоснованием куратора."
    )


def pair_problems(
    programme: Programme,
    mentor: Mentor,
    mentees: Sequence[Mentee],
    form: MentoringForm,
    role_model: RoleModel | None = None,
    *,
    pair: Pair | None = None,
    today: datetime.date | None = None,
    rematch_note: str = "",
) -> list[str]:
    """Every reason the pair or group cannot be formed, in Russian; empty when it can.

    A mentee whose pair ended early less than ``REMATCH_WAIT_DAYS`` ago is paired again only
    with the curator's ``rematch_note``."""
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
    if not rematch_note.strip():
        waits = rematch_waits([m.participant_id for m in mentees], today, exclude=pair)
        for mentee in mentees:
            if mentee.participant_id in waits:
                name = mentee.participant.short_name
                found.append(rematch_problem(name, waits[mentee.participant_id]))
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
    rematch_note: str = "",
) -> Pair:
    """Forms a pair (one mentee) or a group; raises PairingError with every broken rule.

    ``today`` is the day the documents are checked on (the demo forms last year's pairs);
    ``rematch_note``: the curator's reason to pair a mentee within the waiting period."""
    Mentor.objects.select_for_update().filter(pk=mentor.pk).first()
    problems = pair_problems(
        programme, mentor, mentees, form, role_model, today=today, rematch_note=rematch_note
    )
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
        rematch_note=rematch_note.strip(),
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


def has_final_meeting(pair: Pair, on: datetime.date) -> bool:
    """The pair held its final meeting (итоговая встреча) by ``on``."""
    return pair.meetings.filter(kind=Meeting.Kind.FINAL, held_on__lte=on).exists()


def closure_problems(
    *, early: bool, closure_reason: str, comment: str, final_meeting: bool | None = None
) -> list[str]:
    """What is wrong with a closure as the curator filled it in, in Russian.

    ``final_meeting``: whether the pair has (or now records) its final meeting; ``None`` when the
    closure does not ask for it (the year turn, a withdrawn consent)."""
    found = []
    comment = comment.strip()
    if closure_reason and closure_reason not in Reason.values:
        return [f"Неизвестная причина завершения: {closure_reason}."]
    if early and not comment:
        found.append("Укажите причину досрочного прекращения (комментарий).")
    elif closure_reason == Reason.OTHER and not comment:
        found.append("Для причины «Другое» опишите причину в комментарии.")
    if closure_reason:
        label = Reason(closure_reason).label
        if early and closure_reason in PLANNED_ONLY_REASONS:
            found.append(
                f"«{label}» — причина планового завершения: выберите «Завершить работу», "
                "а не досрочное прекращение."
            )
        if not early and closure_reason in EARLY_ONLY_REASONS:
            found.append(
                f"«{label}» — причина досрочного прекращения: пара не завершила работу по плану."
            )
    if not early and final_meeting is False:
        found.append(
            "Плановое завершение подводит итоги на итоговой встрече: запишите итоговую встречу."
        )
    return found


@dataclass
class Closure:
    pair: Pair
    phrases: list[str]

    @property
    def message(self) -> str:
        text = f"Статус пары: «{self.pair.get_status_display()}»."
        said = [
            phrase if phrase.endswith((".", "!", "?")) else f"{phrase}." for phrase in self.phrases
        ]
        return " ".join([text, *said])


def _free_mentor(mentor: Mentor, by: User | None) -> None:
    """A mentor whose last open pair ended is no longer «работает с наставляемыми»: back to the
    registry status their training gives."""
    if mentor.status != Mentor.Status.ACTIVE or mentor.pairs.open().exists():
        return
    trained = mentor.training_certificates.exists()
    set_mentor_status(mentor, Mentor.Status.TRAINED if trained else Mentor.Status.SELECTED, by=by)


@transaction.atomic
def close_pair(
    pair: Pair,
    *,
    by: User | None,
    early: bool,
    closure_reason: str = "",
    comment: str = "",
    on: datetime.date | None = None,
    final_meeting: Meeting | None = None,
    require_final_meeting: bool = False,
) -> Closure:
    """Completes a pair (mentees completed) or terminates it early (mentees wait for a new
    mentor again: сид 002 asks to continue the search for them). ``on`` is the last day of its
    work, today unless given. ``final_meeting``: an unsaved final meeting (or an early closure's
    closing conversation) recorded with the closure. ``require_final_meeting``: a planned
    closure from the closure page needs the pair's final meeting. Sends ``pair_closed``."""
    # The lock makes a second submit wait here and then find the pair closed.
    pair.status = Pair.objects.select_for_update().values_list("status", flat=True).get(pk=pair.pk)
    if not pair.is_open:
        raise PairingError([f"Пара уже в статусе «{pair.get_status_display()}»."])
    on = on or timezone.localdate()
    final = None
    if require_final_meeting:
        final = final_meeting is not None or has_final_meeting(pair, on)
    problems = closure_problems(
        early=early, closure_reason=closure_reason, comment=comment, final_meeting=final
    )
    if problems:
        raise PairingError(problems)
    if final_meeting is not None:
        final_meeting.pair = pair
        final_meeting.kind = Meeting.Kind.FINAL
        final_meeting.recorded_by = by
        final_meeting.save()
    pair.status = Pair.Status.TERMINATED if early else Pair.Status.COMPLETED
    pair.closure_kind = Pair.ClosureKind.EARLY if early else Pair.ClosureKind.PLANNED
    pair.closure_reason = closure_reason
    pair.termination_reason = comment.strip()
    pair.ends_on = on
    pair.updated_by = by
    pair.save(
        update_fields=[
            "status",
            "closure_kind",
            "closure_reason",
            "termination_reason",
            "ends_on",
            "updated_by",
            "updated_at",
        ]
    )
    for mentee in pair.mentees.all():
        still_paired = mentee.pairs.open().exists()
        if early:
            status = Mentee.Status.PAIRED if still_paired else Mentee.Status.WAITING
        else:
            status = Mentee.Status.PAIRED if still_paired else Mentee.Status.COMPLETED
        set_mentee_status(mentee, status, by=by)
    _free_mentor(pair.mentor, by)
    said = phrases(pair_closed.send(sender=Pair, pair=pair, early=early, by=by))
    return Closure(pair, said)


def finish_pair(
    pair: Pair,
    *,
    by: User | None,
    reason: str = "",
    early: bool = False,
    on: datetime.date | None = None,
    closure_reason: str = "",
) -> Pair:
    """``close_pair`` for the services that close pairs in bulk (the year turn, a withdrawn
    consent): ``reason`` is the comment."""
    close_pair(pair, by=by, early=early, closure_reason=closure_reason, comment=reason, on=on)
    return pair
