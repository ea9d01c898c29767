"""«Новый учебный год» without HTTP: the preview, the turn in one transaction, and a second run."""

import datetime

import pytest
from auditlog.models import LogEntry

from mentoring.archive import ProgrammeArchived
from mentoring.models import AcademicYear, Programme
from registry.models import Mentee, Mentor, Pair, Participant, YearTurn
from registry.services.year_turn import (
    COMPLETE,
    CONTINUE,
    TERMINATE,
    PairDecision,
    YearTurnError,
    preview_year_turn,
    result_flags,
    start_new_year,
)
from registry.services.year_turn_plan import next_class_name, pending_turn
from stages.models import RoadmapItem, RoadmapTemplate

from ..events import events_log  # noqa: F401
from ..factories import ProgrammeFactory
from .year_turn_world import build_old_year

pytestmark = pytest.mark.today("2027-09-02")

TODAY = datetime.date(2027, 9, 2)
NEW_START = datetime.date(2027, 9, 1)
OLD_END = datetime.date(2027, 8, 31)


@pytest.fixture
def world(reference_data, request_categories, forms, school):
    return build_old_year(school)


def _turn(world, curator, decisions=None, today=TODAY):
    return start_new_year(world.programme, by=curator, decisions=decisions, today=today)


def _new_programme(world) -> Programme:
    return Programme.objects.get(school=world.programme.school, year__name="2027/2028")


def _refresh(*rows):
    for row in rows:
        row.refresh_from_db()


def _snapshot():
    """Row counts and the fields the turn writes, to prove a second run changes nothing."""
    return {
        "counts": [
            model.objects.count()
            for model in (
                Participant,
                Mentor,
                Mentee,
                Pair,
                Programme,
                AcademicYear,
                RoadmapItem,
                YearTurn,
                LogEntry,
            )
        ],
        "people": list(
            Participant.objects.order_by("pk").values_list("kind", "class_name", "grade")
        ),
        "mentors": list(Mentor.objects.order_by("pk").values_list("status", "contour")),
        "mentees": list(
            Mentee.objects.order_by("pk").values_list("programme_id", "participant_id", "status")
        ),
        "pairs": list(
            Pair.objects.order_by("pk").values_list(
                "programme_id", "status", "ends_on", "termination_reason", "continued_from_id"
            )
        ),
        "archived": list(Programme.objects.order_by("pk").values_list("archived_at", flat=True)),
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("7А", "8А"),
        ("7 А", "8 А"),
        (" 10Б ", "11Б"),
        ("9", "10"),
        ("5-В", "6-В"),
        ("11А", None),
        ("11 Б", None),
        ("", ""),
        ("ИС-21", "ИС-21"),
    ],
)
def test_next_class_name(old, new):
    assert next_class_name(old) == new


def test_preview_shows_what_carries_over_and_writes_nothing(world):
    before = _snapshot()
    preview = preview_year_turn(world.programme, TODAY)

    assert preview.refusal is None and preview.turn is None
    assert preview.new_year.name == "2027/2028"
    moves = {(move.old, move.new): move.count for move in preview.class_moves}
    assert moves[("7А", "8А")] == 1
    assert moves[("7 А", "8 А")] == 1
    assert moves[("10А", "11А")] == 1
    assert moves[("11Б", "")] == 1 and moves[("11А", "")] == 1
    assert {p.last_name for p in preview.graduates} == {"Кузнецов", "Выпускникова"}
    assert preview.graduate_mentors == [world.leaving_mentor]

    plans = {plan.pair.pk: plan for plan in preview.pairs}
    assert plans[world.active_pair.pk].action == CONTINUE
    assert plans[world.teacher_pair.pk].action == CONTINUE
    assert plans[world.draft_pair.pk].action == TERMINATE
    assert "не утверждён" in plans[world.draft_pair.pk].reason
    graduate_plan = plans[world.graduate_pair.pk]
    assert graduate_plan.action == CONTINUE and graduate_plan.form.code == "student_pupil"
    group = plans[world.group.pk]
    assert group.staying == [world.ninth] and group.leaving == [world.leaver]

    mentees = {plan.mentee.pk: plan for plan in preview.mentees}
    assert mentees[world.waiting.pk].carry and mentees[world.waiting.pk].new_class == "8 А"
    assert not mentees[world.gone.pk].carry
    assert not mentees[world.leaver.pk].can_carry
    assert not mentees[world.junior.pk].carry  # goes with the pair, not by the tick

    flags = {flag.participant.pk: flag.problems for flag in preview.document_flags}
    engineer = flags[world.engineer.participant.pk]
    assert any("просрочена (действовала до 01.06.2027)" in p for p in engineer)
    # The leaving mentor is judged as a graduate already: an external mentor's medical paper.
    assert "нет медицинской справки" in flags[world.leaving_mentor.participant.pk]
    assert world.junior.participant.pk not in flags

    assert _snapshot() == before


def test_turn_moves_students_up_and_eleventh_graders_become_graduates(
    world,
    curator,
    events_log,  # noqa: F811
):
    result = _turn(world, curator)
    assert result.created
    [event] = events_log.named("year.turned")
    assert (event["user"], event["turn"], event["from_programme"]) == (
        curator.pk,
        result.turn.pk,
        world.programme.pk,
    )
    assert event["to_programme"] == result.turn.to_programme_id
    people = {
        p.last_name: p
        for p in Participant.objects.filter(
            school=world.programme.school, kind__in=["student", "graduate"]
        )
    }
    assert people["Смирнова"].class_name == "8А" and people["Смирнова"].grade == 8
    assert people["Павлова"].class_name == "8 А" and people["Павлова"].grade == 8
    assert people["Орлов"].class_name == "11А"
    assert people["Сторонний"].class_name == "6А"
    for name in ("Кузнецов", "Выпускникова"):
        assert people[name].kind == Participant.Kind.GRADUATE
        assert people[name].class_name == "" and people[name].grade is None
        assert people[name].organisation == "выпуск 2027 г."
    # The graduate mentor stays in the mentor base, in the external contour.
    mentor = Mentor.objects.get(pk=world.leaving_mentor.pk)
    assert mentor.contour == Mentor.Contour.EXTERNAL
    assert mentor.status == Mentor.Status.ACTIVE
    assert Mentor.objects.filter(school=world.programme.school).count() == 5
    assert result.turn.summary["moved_up"] == 7
    assert result.turn.summary["graduated"] == 2
    # Audited as any change of a person.
    entry = LogEntry.objects.get_for_object(people["Смирнова"]).get(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict["class_name"] == ["7А", "8А"]


def test_turn_carries_mentees_with_their_request(world, curator):
    _turn(world, curator)
    new = _new_programme(world)
    carried = {m.participant_id: m for m in new.mentees.all()}
    expected = {
        world.junior.participant_id,
        world.spaced.participant_id,
        world.ninth.participant_id,
        world.colleague.participant_id,
        world.waiting.participant_id,
    }
    assert set(carried) == expected
    junior = carried[world.junior.participant_id]
    assert junior.request_text == world.junior.request_text
    assert junior.priority == Mentee.Priority.HIGH and junior.source == "анкета"
    assert set(junior.categories.values_list("code", flat=True)) == {"low_results", "ovz"}
    assert junior.status == Mentee.Status.PAIRED
    waiting = carried[world.waiting.participant_id]
    assert waiting.status == Mentee.Status.WAITING
    assert set(waiting.categories.values_list("code", flat=True)) == {"new_student"}
    assert waiting.source == "классный руководитель"


def test_turn_continues_and_finishes_pairs(world, curator):
    _turn(world, curator)
    new = _new_programme(world)
    _refresh(world.active_pair, world.draft_pair, world.group, world.junior, world.drafted)

    continued = Pair.objects.get(continued_from=world.active_pair)
    assert continued.programme == new
    assert continued.status == Pair.Status.ACTIVE
    assert continued.starts_on == NEW_START
    assert continued.goal == "Подтянуть математику"
    assert continued.approval_note == world.active_pair.approval_note
    assert [m.programme_id for m in continued.mentees.all()] == [new.pk]
    assert [m.participant_id for m in continued.mentees.all()] == [world.junior.participant_id]
    assert world.active_pair.status == Pair.Status.COMPLETED
    assert world.active_pair.ends_on == OLD_END
    assert world.active_pair.termination_reason == "Работа продолжается в 2027/2028 учебном году."
    assert world.junior.status == Mentee.Status.COMPLETED

    graduate = Pair.objects.get(continued_from=world.graduate_pair)
    assert graduate.form.code == "student_pupil"
    group = Pair.objects.get(continued_from=world.group)
    assert group.status == Pair.Status.APPROVED
    assert [m.participant_id for m in group.mentees.all()] == [world.ninth.participant_id]

    assert world.draft_pair.status == Pair.Status.TERMINATED
    assert "не утверждён" in world.draft_pair.termination_reason
    assert not Pair.objects.filter(continued_from=world.draft_pair).exists()
    assert not new.mentees.filter(participant=world.drafted.participant).exists()
    assert not world.programme.pairs.open().exists()


def test_curator_finishes_a_pair_and_carries_its_mentee_by_choice(world, curator):
    preview = preview_year_turn(world.programme, TODAY)
    decisions = preview.default_decisions()
    decisions.pairs[world.active_pair.pk] = PairDecision(COMPLETE, "Цель достигнута.")
    decisions.pairs[world.teacher_pair.pk] = PairDecision(TERMINATE, "Наставник уволился.")
    decisions.mentees = {world.junior.pk}
    result = _turn(world, curator, decisions)

    _refresh(world.active_pair, world.teacher_pair, world.colleague)
    assert world.active_pair.status == Pair.Status.COMPLETED
    assert world.active_pair.termination_reason == "Цель достигнута."
    assert world.teacher_pair.status == Pair.Status.TERMINATED
    assert world.teacher_pair.termination_reason == "Наставник уволился."
    assert world.colleague.status == Mentee.Status.WAITING
    new = _new_programme(world)
    junior = new.mentees.get(participant=world.junior.participant)
    assert junior.status == Mentee.Status.WAITING
    assert not new.mentees.filter(participant=world.colleague.participant).exists()
    assert not new.pairs.filter(continued_from__in=[world.active_pair, world.teacher_pair])
    assert result.turn.summary["pairs_completed"] == 1
    assert result.turn.summary["pairs_terminated"] == 2


def test_refused_choices_write_nothing(world, curator):
    world.group.mentees.remove(world.ninth)
    preview = preview_year_turn(world.programme, TODAY)
    plan = next(p for p in preview.pairs if p.pair == world.group)
    assert plan.blockers == ["все наставляемые окончили школу"]
    assert plan.action == COMPLETE
    before = _snapshot()
    decisions = preview.default_decisions()
    decisions.pairs[world.group.pk] = PairDecision(CONTINUE)
    with pytest.raises(YearTurnError, match="нельзя продолжить: все наставляемые окончили школу"):
        _turn(world, curator, decisions)
    decisions = preview.default_decisions()
    decisions.pairs[world.teacher_pair.pk] = PairDecision(TERMINATE, "  ")
    with pytest.raises(YearTurnError, match="укажите причину"):
        _turn(world, curator, decisions)
    assert _snapshot() == before
    assert not YearTurn.objects.exists()


def test_new_programme_has_the_roadmap_with_new_dates(world, curator):
    template_items = RoadmapTemplate.objects.get(is_default=True).items.count()
    _turn(world, curator)
    new = _new_programme(world)
    items = new.roadmap_items.exclude(deadline=None)
    assert new.roadmap_items.count() == template_items
    assert min(item.deadline for item in items) >= NEW_START
    assert all(item.status == RoadmapItem.Status.PLANNED for item in new.roadmap_items.all())
    assert new.goals == world.programme.goals and new.students_total == 300


def test_old_programme_is_archived_and_refuses_writes(world, curator):
    result = _turn(world, curator)
    world.programme.refresh_from_db()
    assert world.programme.is_archived and world.programme.archived_by == curator
    assert pending_turn(world.programme.school, TODAY) is None
    mentee = Mentee.objects.get(pk=world.waiting.pk)
    mentee.request_text = "Другое"
    with pytest.raises(ProgrammeArchived, match="2026/2027 в архиве"):
        mentee.save()
    with pytest.raises(ProgrammeArchived):
        world.active_pair.save()
    # The new year's rows are writable.
    carried = result.new_programme.mentees.get(participant=world.waiting.participant)
    carried.request_text = "Другое"
    carried.save()


def test_second_run_changes_nothing(world, curator):
    first = _turn(world, curator)
    before = _snapshot()
    again = _turn(world, curator, today=TODAY + datetime.timedelta(days=5))
    assert not again.created and again.turn == first.turn
    assert _snapshot() == before
    preview = preview_year_turn(world.programme, TODAY)
    assert preview.turn == first.turn and preview.new_programme == first.new_programme


def test_expired_documents_are_flagged_in_the_result(world, curator):
    result = _turn(world, curator)
    flags = {flag.participant.pk: flag.problems for flag in result_flags(result.turn, TODAY)}
    assert any("просрочена" in p for p in flags[world.engineer.participant.pk])
    assert "нет медицинской справки" in flags[world.leaving_mentor.participant.pk]
    assert world.teacher.participant.pk not in flags


@pytest.mark.today("2027-08-31")
def test_refused_before_the_first_of_september(world, curator):
    assert pending_turn(world.programme.school) is None
    with pytest.raises(YearTurnError, match="можно начать с 01.09.2027"):
        start_new_year(world.programme, by=curator)
    assert not Programme.objects.filter(year__name="2027/2028").exists()
    assert Participant.objects.get(pk=world.junior.participant_id).class_name == "7А"


def test_refused_for_a_programme_older_than_last_year(reference_data, school, curator):
    older = ProgrammeFactory(school=school, year=AcademicYear.for_date(datetime.date(2025, 10, 1)))
    preview = preview_year_turn(older, TODAY)
    assert "не прошлого учебного года" in preview.refusal
    assert "из программы 2026/2027" in preview.refusal
    with pytest.raises(YearTurnError):
        start_new_year(older, by=curator, today=TODAY)


def test_pending_turn_points_at_last_years_programme(world):
    assert pending_turn(world.programme.school, TODAY) == world.programme


def test_turn_fills_a_new_programme_the_school_already_started(world, curator):
    started = ProgrammeFactory(school=world.programme.school, year=AcademicYear.for_date(TODAY))
    items = started.roadmap_items.count()
    result = _turn(world, curator)
    assert result.new_programme == started
    assert started.roadmap_items.count() == items
    assert started.mentees.count() == 5
