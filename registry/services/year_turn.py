"""«Новый учебный год»: the school's year turns over, from the previous programme to this one.

On or after 1 September the curator (or the director) reads the preview (``year_turn_plan``) and
confirms; everything is written in one transaction:

- the mentor base stays (it is the school's, not a programme's); students move up a grade
  (7А → 8А), 11th-graders become graduates; a graduate mentor keeps the Mentor row, now in the
  external contour;
- chosen mentees are carried into the new mentee base with their request;
- each open pair is continued (a new Pair in the new programme, ``continued_from`` the old one,
  which is completed at the old year's end) or finished with a reason;
- consents and certificates belong to the participant and stay until their own dates; what is
  missing or expired under the new year's rules is flagged (``document_checks``);
- the new programme has the template's roadmap with the new year's dates;
- the old programme goes to the archive — last, after every write to it.

A ``YearTurn`` row records the turn; a second run finds it and changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mentoring import events
from mentoring.archive import archive_programme
from mentoring.declension import GENITIVE, name_in
from mentoring.errors import DomainError
from mentoring.models import AcademicYear, Programme, User
from stages.services import start_programme

from ..models import Mentee, Mentor, Pair, Participant, YearTurn
from .pairs import finish_pair
from .year_turn_plan import (
    COMPLETE,
    CONTINUE,
    PAIR_ACTIONS,
    TERMINATE,
    Decisions,
    PairDecision,
    PairPlan,
    YearTurnPreview,
    carried_mentee_ids,
    document_flags,
    next_class_name,
    preview_year_turn,
)

__all__ = [
    "COMPLETE",
    "CONTINUE",
    "TERMINATE",
    "Decisions",
    "PairDecision",
    "YearTurnError",
    "YearTurnResult",
    "preview_year_turn",
    "result_flags",
    "start_new_year",
]


class YearTurnError(DomainError):
    joiner = " "  # each problem is a whole sentence


@dataclass
class YearTurnResult:
    turn: YearTurn
    created: bool

    @property
    def new_programme(self) -> Programme:
        return self.turn.to_programme


@transaction.atomic
def start_new_year(
    programme: Programme,
    *,
    by: User | None,
    decisions: Decisions | None = None,
    today: datetime.date | None = None,
) -> YearTurnResult:
    """Starts the new academic year from the previous year's programme (see the module)."""
    today = today or timezone.localdate()
    programme = (
        Programme.objects.select_for_update(of=("self",))
        .select_related("school", "year")
        .get(pk=programme.pk)
    )
    done = YearTurn.objects.filter(from_programme=programme).first()
    if done is not None:
        return YearTurnResult(done, created=False)
    preview = preview_year_turn(programme, today)
    if preview.refusal:
        raise YearTurnError(preview.refusal)
    decisions = decisions or preview.default_decisions()
    chosen = _pair_choices(preview, decisions)
    carried_ids = carried_mentee_ids(preview, decisions)

    new_programme = _new_programme(programme, AcademicYear.for_date(today))
    moved, graduated = _move_up(preview, by)
    carried = _carry_mentees(preview, carried_ids, new_programme, chosen, by)
    counts = _settle_pairs(programme, new_programme, chosen, carried, by)
    turn = YearTurn.objects.create(
        from_programme=programme,
        to_programme=new_programme,
        done_by=by,
        summary={
            "moved_up": moved,
            "graduated": graduated,
            "graduate_mentors": len(preview.graduate_mentors),
            "mentees_carried": len(carried),
            **counts,
        },
    )
    archive_programme(programme, by=by, today=today)
    events.record(
        "year.turned",
        by=by,
        turn=turn.pk,
        school=programme.school_id,
        from_programme=programme.pk,
        to_programme=new_programme.pk,
    )
    return YearTurnResult(turn, created=True)


def _pair_choices(
    preview: YearTurnPreview, decisions: Decisions
) -> list[tuple[PairPlan, PairDecision]]:
    chosen, errors = [], []
    for plan in preview.pairs:
        decision = decisions.pairs.get(plan.pair.pk) or PairDecision(plan.action, plan.reason)
        name = name_in(plan.pair.mentor.participant.short_name, GENITIVE)
        if decision.action not in PAIR_ACTIONS:
            errors.append(f"Пара наставника {name}: неизвестное решение «{decision.action}».")
        elif decision.action == CONTINUE and not plan.can_continue:
            errors.append(f"Пару наставника {name} нельзя продолжить: {'; '.join(plan.blockers)}.")
        elif decision.action == TERMINATE and not decision.reason.strip():
            errors.append(f"Пара наставника {name}: укажите причину досрочного прекращения.")
        chosen.append((plan, decision))
    if errors:
        raise YearTurnError(errors)
    return chosen


def _new_programme(old: Programme, year: AcademicYear) -> Programme:
    """The new year's programme: the one the school has already started, or a copy of the old
    one's settings (the totals are last year's until the school corrects them)."""
    programme, _ = start_programme(
        old.school,
        year,
        title=old.title,
        goals=old.goals,
        forms_in_use=old.forms_in_use,
        curator=old.curator,
        students_total=old.students_total,
        teachers_total=old.teachers_total,
        is_public=old.is_public,
        public_description=old.public_description,
    )
    return programme


def _move_up(preview: YearTurnPreview, by: User | None) -> tuple[int, int]:
    """Every student of the school one grade up; the last grade leaves school as graduates."""
    graduates = preview.graduate_ids
    leaving_year = preview.programme.year.end_date.year
    moved = 0
    students = Participant.objects.filter(
        school_id=preview.programme.school_id, kind=Participant.Kind.STUDENT, grade__isnull=False
    )
    for person in students:
        if person.pk in graduates:
            person.kind = Participant.Kind.GRADUATE
            person.class_name = ""
            person.organisation = person.organisation or f"выпуск {leaving_year} г."
        else:
            person.class_name = next_class_name(person.class_name)
            moved += 1
        person.updated_by = by
        person.save(
            update_fields=[
                "kind",
                "class_name",
                "grade",
                "organisation",
                "updated_by",
                "updated_at",
            ]
        )
    for mentor in preview.graduate_mentors:
        if mentor.contour != Mentor.Contour.EXTERNAL:
            mentor.contour = Mentor.Contour.EXTERNAL
            mentor.updated_by = by
            mentor.save(update_fields=["contour", "updated_by", "updated_at"])
    return moved, len(graduates)


def _carry_mentees(
    preview: YearTurnPreview,
    carried_ids: set[int],
    new_programme: Programme,
    chosen: list[tuple[PairPlan, PairDecision]],
    by: User | None,
) -> dict[int, Mentee]:
    """New mentee entries with the old request: old entry id → new entry."""
    paired = {
        m.pk for plan, decision in chosen if decision.action == CONTINUE for m in plan.staying
    }
    existing = {
        m.participant_id: m
        for m in Mentee.objects.filter(
            programme=new_programme,
            participant__in=[p.mentee.participant_id for p in preview.mentees],
        )
    }
    old_entries = (
        Mentee.objects.filter(pk__in=carried_ids)
        .prefetch_related("categories")
        .order_by("participant__last_name", "pk")
    )
    carried = {}
    for old in old_entries:
        new = existing.get(old.participant_id)
        if new is None:
            new = Mentee.objects.create(
                programme=new_programme,
                participant_id=old.participant_id,
                request_text=old.request_text,
                priority=old.priority,
                source=old.source,
                status=Mentee.Status.PAIRED if old.pk in paired else Mentee.Status.WAITING,
                updated_by=by,
            )
            new.categories.set(old.categories.all())
        carried[old.pk] = new
    return carried


def _settle_pairs(
    old_programme: Programme,
    new_programme: Programme,
    chosen: list[tuple[PairPlan, PairDecision]],
    carried: dict[int, Mentee],
    by: User | None,
) -> dict[str, int]:
    old_end = old_programme.year.end_date
    new_year = new_programme.year
    counts = {"pairs_continued": 0, "pairs_completed": 0, "pairs_terminated": 0}
    for plan, decision in chosen:
        if decision.action == CONTINUE:
            _continue_pair(plan, new_programme, carried, by)
            reason = f"Работа продолжается в {new_year.name} учебном году."
            counts["pairs_continued"] += 1
        else:
            reason = decision.reason
            counts["pairs_terminated" if decision.action == TERMINATE else "pairs_completed"] += 1
        early = decision.action == TERMINATE
        code = Pair.ClosureReason.OTHER if early else Pair.ClosureReason.PROGRAMME_ENDED
        finish_pair(plan.pair, by=by, reason=reason, early=early, on=old_end, closure_reason=code)
    return counts


def _continue_pair(
    plan: PairPlan, new_programme: Programme, carried: dict[int, Mentee], by: User | None
) -> Pair:
    old = plan.pair
    start = new_programme.year.start_date
    new = Pair.objects.create(
        programme=new_programme,
        mentor=old.mentor,
        form=plan.form,
        role_model=plan.role_model,
        goal=old.goal,
        status=old.status,
        starts_on=start if old.status == Pair.Status.ACTIVE else None,
        ends_on=old.ends_on if old.ends_on and old.ends_on >= start else None,
        approval_note=old.approval_note,
        mentor_allowance=old.mentor_allowance,
        continued_from=old,
        updated_by=by,
    )
    new.mentees.set([carried[m.pk] for m in plan.staying])
    return new


def result_flags(turn: YearTurn, today: datetime.date | None = None):
    """Documents missing or expired in the new year for the people who carried on."""
    programme = turn.to_programme
    mentor_ids = set(
        Mentor.objects.filter(
            school_id=programme.school_id, status__in=Mentor.IN_REGISTRY
        ).values_list("pk", flat=True)
    ) | set(programme.pairs.open().values_list("mentor_id", flat=True))
    return document_flags(
        programme.school_id,
        mentor_ids,
        Mentee.objects.filter(programme=programme),
        today or timezone.localdate(),
    )
