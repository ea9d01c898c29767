"""What «Новый учебный год» will do: the preview the curator reads and decides on.

Nothing here writes. The turn itself is ``services/year_turn.start_new_year``; both read the same
plan, so the page shows exactly what the confirmation does.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from mentoring.models import AcademicYear, Programme

from ..document_checks import MENTEE, MENTOR, problems, with_document_flags
from ..models import Mentee, Mentor, MentoringForm, Pair, Participant, RoleModel, YearTurn
from ..models.people import grade_of

LAST_GRADE = 11

CONTINUE, COMPLETE, TERMINATE = "continue", "complete", "terminate"
PAIR_ACTIONS = {
    CONTINUE: "Продолжить в новом учебном году",
    COMPLETE: "Завершить работу",
    TERMINATE: "Прекратить досрочно",
}


def next_class_name(class_name: str) -> str | None:
    """«7А» → «8А», «7 А» → «8 А»; None for the last grade (the student leaves school).

    A class name without a grade («ИС-21», empty) stays as it is.
    """
    grade = grade_of(class_name)
    if grade is None:
        return class_name
    if grade >= LAST_GRADE:
        return None
    name = class_name.strip()
    return f"{grade + 1}{name[len(str(grade)) :]}"


@dataclass(frozen=True)
class PairDecision:
    action: str
    reason: str = ""


@dataclass
class Decisions:
    """The curator's choices: per open pair, and which mentees are carried besides the mentees
    of continued pairs (who always go on with their pair)."""

    pairs: dict[int, PairDecision] = field(default_factory=dict)
    mentees: set[int] = field(default_factory=set)


@dataclass
class ClassMove:
    old: str
    new: str  # empty for the leavers
    count: int


@dataclass
class PairPlan:
    pair: Pair
    action: str  # the default choice
    reason: str  # the default reason, should the pair be finished
    blockers: list[str]
    staying: list[Mentee]  # go on with the pair
    leaving: list[Mentee]  # leave school, so leave the group
    form: MentoringForm
    role_model: RoleModel | None

    @property
    def can_continue(self) -> bool:
        return not self.blockers

    @property
    def form_changes(self) -> bool:
        return self.form.pk != self.pair.form_id


@dataclass
class MenteePlan:
    mentee: Mentee
    new_class: str
    carry: bool  # the default choice (besides going on with a continued pair)
    pair: Pair | None  # the open pair the mentee is in
    refusal: str = ""  # why the mentee cannot be carried

    @property
    def can_carry(self) -> bool:
        return not self.refusal


@dataclass
class DocumentFlag:
    participant: Participant
    role: str
    problems: list[str]
    url: str


@dataclass
class YearTurnPreview:
    programme: Programme
    new_year: AcademicYear
    new_programme: Programme | None = None
    turn: YearTurn | None = None
    refusal: str | None = None
    class_moves: list[ClassMove] = field(default_factory=list)
    graduates: list[Participant] = field(default_factory=list)
    graduate_mentors: list[Mentor] = field(default_factory=list)
    mentors_total: int = 0
    registry_mentors: int = 0
    pairs: list[PairPlan] = field(default_factory=list)
    mentees: list[MenteePlan] = field(default_factory=list)
    document_flags: list[DocumentFlag] = field(default_factory=list)

    @property
    def students_moving(self) -> int:
        return sum(move.count for move in self.class_moves if move.new)

    @property
    def graduate_ids(self) -> set[int]:
        return {person.pk for person in self.graduates}

    def default_decisions(self) -> Decisions:
        return Decisions(
            pairs={plan.pair.pk: PairDecision(plan.action, plan.reason) for plan in self.pairs},
            mentees={plan.mentee.pk for plan in self.mentees if plan.carry},
        )


def turn_refusal(programme: Programme, new_year: AcademicYear, today: datetime.date) -> str | None:
    """Why the new year cannot be started from this programme today, or None."""
    old = programme.year
    if today <= old.end_date:
        return (
            f"Учебный год {old.name} ещё не закончился: новый учебный год можно начать "
            f"с {old.end_date + datetime.timedelta(days=1):%d.%m.%Y}."
        )
    if not programme.is_previous_year(today):
        first = new_year.start_date.year
        return (
            f"Программа {old.name} — не прошлого учебного года: новый учебный год "
            f"{new_year.name} начинают из программы {first - 1}/{first}."
        )
    if programme.is_archived:
        return (
            f"Программа {old.name} уже в архиве, а новый учебный год из неё не начинали: "
            "перенести из неё ничего нельзя. Вернуть программу из архива может администратор."
        )
    return None


def pending_turn(school, today: datetime.date | None = None) -> Programme | None:
    """The previous year's programme of the school, when its new year can be started now."""
    today = today or timezone.localdate()
    programmes = Programme.objects.filter(school=school, archived_at__isnull=True)
    for programme in programmes.select_related("year"):
        if programme.is_previous_year(today):
            return programme
    return None


def preview_year_turn(programme: Programme, today: datetime.date | None = None) -> YearTurnPreview:
    today = today or timezone.localdate()
    new_year = AcademicYear.for_date(today, create=False)
    preview = YearTurnPreview(programme=programme, new_year=new_year)
    preview.turn = (
        YearTurn.objects.filter(from_programme=programme)
        .select_related("to_programme__year", "done_by")
        .first()
    )
    if preview.turn is not None:
        preview.new_programme = preview.turn.to_programme
        preview.new_year = preview.new_programme.year
        return preview
    preview.new_programme = Programme.objects.filter(
        school_id=programme.school_id, year__name=new_year.name
    ).first()
    preview.refusal = turn_refusal(programme, new_year, today)
    if preview.refusal:
        return preview
    _plan_students(preview)
    _plan_pairs(preview)
    _plan_mentees(preview)
    preview.document_flags = _flags_for_defaults(preview, today)
    return preview


def _plan_students(preview: YearTurnPreview) -> None:
    school_id = preview.programme.school_id
    students = Participant.objects.filter(
        school_id=school_id, kind=Participant.Kind.STUDENT, grade__isnull=False
    ).order_by("grade", "class_name", "last_name", "first_name", "pk")
    moves: Counter = Counter()
    for person in students:
        new = next_class_name(person.class_name)
        if new is None:
            preview.graduates.append(person)
        moves[(person.grade, person.class_name.strip(), new or "")] += 1
    preview.class_moves = [
        ClassMove(old, new, count) for (_, old, new), count in sorted(moves.items())
    ]
    mentors = Mentor.objects.filter(school_id=school_id).select_related("participant")
    graduates = preview.graduate_ids
    for mentor in mentors:
        preview.mentors_total += 1
        preview.registry_mentors += mentor.in_registry
        if mentor.participant_id in graduates:
            preview.graduate_mentors.append(mentor)


def _graduate_form(
    form: MentoringForm, mentees: list[Mentee], forms: list[MentoringForm]
) -> MentoringForm | None:
    """The form a pair moves to when its student mentor has left school («Ученик – ученик» →
    «Студент – ученик»), or None when no form fits."""
    for candidate in forms:
        if (
            Participant.Kind.GRADUATE in candidate.mentor_kinds
            and candidate.for_colleges == form.for_colleges
            and all(m.participant.kind in candidate.mentee_kinds for m in mentees)
        ):
            return candidate
    return None


def _plan_pairs(preview: YearTurnPreview) -> None:
    old_name = preview.programme.year.name
    graduates = preview.graduate_ids
    forms = list(MentoringForm.objects.prefetch_related("role_models").order_by("position"))
    pairs = (
        preview.programme.pairs.open()
        .select_related("mentor__participant", "form", "role_model")
        .prefetch_related("mentees__participant")
        .order_by("mentor__participant__last_name", "mentor__participant__first_name", "pk")
    )
    for pair in pairs:
        mentees = list(pair.mentees.all())
        leaving = [m for m in mentees if m.participant_id in graduates]
        staying = [m for m in mentees if m.participant_id not in graduates]
        blockers = []
        if not staying:
            blockers.append("все наставляемые окончили школу")
        if pair.mentor.status == Mentor.Status.INACTIVE:
            blockers.append("наставник не участвует в программе")
        form, role_model = pair.form, pair.role_model
        mentor_leaves = pair.mentor.participant_id in graduates
        if mentor_leaves and Participant.Kind.GRADUATE not in form.mentor_kinds:
            form = _graduate_form(pair.form, staying, forms)
            if form is None:
                form = pair.form
                blockers.append(
                    f"наставник окончил школу, а в форме «{pair.form}» он — обучающийся"
                )
            else:
                name = getattr(role_model, "name", None)
                role_model = next((r for r in form.role_models.all() if r.name == name), None)
        if blockers:
            reason = "; ".join(blockers)
            reason = reason[0].upper() + reason[1:] + "."
        elif pair.status == Pair.Status.DRAFT:
            reason = f"Проект пары не утверждён до конца {old_name} учебного года."
        else:
            reason = f"Учебный год {old_name} закончился."
        if blockers:
            action = TERMINATE if pair.status == Pair.Status.DRAFT else COMPLETE
        else:
            action = TERMINATE if pair.status == Pair.Status.DRAFT else CONTINUE
        preview.pairs.append(
            PairPlan(pair, action, reason, blockers, staying, leaving, form, role_model)
        )


def _plan_mentees(preview: YearTurnPreview) -> None:
    graduates = preview.graduate_ids
    open_pair = {m.pk: plan.pair for plan in preview.pairs for m in plan.pair.mentees.all()}
    mentees = preview.programme.mentees.select_related("participant").order_by(
        "participant__last_name", "participant__first_name", "pk"
    )
    for mentee in mentees:
        person = mentee.participant
        leaves = person.pk in graduates
        new_class = "" if leaves else next_class_name(person.class_name) or ""
        pair = open_pair.get(mentee.pk)
        preview.mentees.append(
            MenteePlan(
                mentee=mentee,
                new_class=new_class,
                carry=not leaves and pair is None and mentee.status == Mentee.Status.WAITING,
                pair=pair,
                refusal="окончил(а) школу" if leaves else "",
            )
        )


def carried_mentee_ids(preview: YearTurnPreview, decisions: Decisions) -> set[int]:
    """Old mentee entries that go into the new base under these decisions."""
    carriable = {plan.mentee.pk for plan in preview.mentees if plan.can_carry}
    ids = set(decisions.mentees) & carriable
    for plan in preview.pairs:
        decision = decisions.pairs.get(plan.pair.pk)
        if (decision.action if decision else plan.action) == CONTINUE:
            ids |= {m.pk for m in plan.staying}
    return ids


def _flags_for_defaults(preview: YearTurnPreview, today: datetime.date) -> list[DocumentFlag]:
    decisions = preview.default_decisions()
    continuing = [p for p in preview.pairs if decisions.pairs[p.pair.pk].action == CONTINUE]
    mentor_ids = set(
        Mentor.objects.filter(
            school_id=preview.programme.school_id, status__in=Mentor.IN_REGISTRY
        ).values_list("pk", flat=True)
    ) | {plan.pair.mentor_id for plan in continuing}
    return document_flags(
        preview.programme.school_id,
        mentor_ids,
        Mentee.objects.filter(pk__in=carried_mentee_ids(preview, decisions)),
        today,
        graduates=preview.graduate_ids,
    )


def document_flags(
    school_id: int, mentor_ids, mentees, today: datetime.date, *, graduates=frozenset()
) -> list[DocumentFlag]:
    """Consents and certificates missing or expired on ``today`` for the people who carry on.

    ``graduates`` are judged as graduates already (an external mentor needs a medical
    certificate), which the preview needs before the turn has changed them.
    """
    mentors = with_document_flags(
        Mentor.objects.filter(pk__in=mentor_ids).select_related("participant"),
        "participant",
        school_id,
    )
    rows = with_document_flags(mentees.select_related("participant"), "participant", school_id)
    flags = []
    for role, label, group in ((MENTOR, "наставник", mentors), (MENTEE, "наставляемый", rows)):
        for row in group:
            if row.participant_id in graduates:
                row.participant.kind = Participant.Kind.GRADUATE
            found = problems(row, role, today)
            if found:
                flags.append(DocumentFlag(row.participant, label, found, row.get_absolute_url()))
    flags.sort(key=lambda flag: (flag.participant.last_name, flag.participant.first_name))
    return flags
