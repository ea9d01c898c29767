import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry import health
from registry.models import MentoringForm, Pair
from surveys import pair_health
from surveys.models import Answer, Distribution, Invitation, Occasion, Question, Questionnaire
from surveys.services import pulse
from surveys.services.answering import submit_response
from tests import clock
from tests.registry.factories import MenteeFactory, MentorFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

DAY = datetime.date(2026, 11, 26)


def make_pair(programme, *, starts_on, status=Pair.Status.ACTIVE, mentees=1):
    mentor = MentorFactory(participant=ParticipantFactory(school=programme.school))
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status=status,
        starts_on=starts_on,
    )
    pair.mentees.set(MenteeFactory(programme=programme) for _ in range(mentees))
    return pair


def pulse_of(pair):
    return Distribution.objects.filter(pair=pair, occasion=Occasion.PULSE)


def answer_pulse(invitation, value: int, at: datetime.datetime | None = None):
    questions = Question.objects.filter(
        questionnaire__code=pulse.PULSE_CODE, questionnaire__school=None
    ).order_by("position")
    response = submit_response(
        invitation,
        [(q, value if q.kind == Question.Kind.SCALE_5 else "") for q in questions],
    )
    if at is not None:
        type(response).objects.filter(pk=response.pk).update(submitted_at=at)
    return response


# --- the questionnaire ---------------------------------------------------------------------------


def test_pulse_questionnaire_is_standard_data_on_a_five_point_scale():
    questionnaire = Questionnaire.objects.get(school=None, code=pulse.PULSE_CODE)
    assert questionnaire.purpose == Questionnaire.Purpose.PULSE
    assert questionnaire.title == "Пульс отношений в паре"
    scales = questionnaire.questions.filter(kind=Question.Kind.SCALE_5)
    assert 5 <= scales.count() <= 8
    assert not scales.filter(measure="").exists()
    assert {q.scale_values for q in scales} == {range(1, 6)}


def test_exit_questionnaires_for_mentor_mentee_and_parent():
    exits = Questionnaire.objects.filter(school=None, purpose=Questionnaire.Purpose.EXIT)
    assert {q.code: q.audience for q in exits} == {
        "exit_mentors": "mentors",
        "exit_mentees": "mentees",
        "exit_parents": "parents",
    }
    for questionnaire in exits:
        assert questionnaire.questions.filter(kind=Question.Kind.SCALE_5).count() >= 3


# --- the schedule ---------------------------------------------------------------------------------


def test_schedule_is_month_one_three_then_every_quarter():
    start = datetime.date(2026, 1, 31)
    schedule = pulse.points(start)
    assert [next(schedule) for _ in range(6)] == [
        (1, datetime.date(2026, 2, 28)),
        (3, datetime.date(2026, 4, 30)),
        (6, datetime.date(2026, 7, 31)),
        (9, datetime.date(2026, 10, 31)),
        (12, datetime.date(2027, 1, 31)),
        (15, datetime.date(2027, 4, 30)),
    ]
    assert pulse.due_point(start, datetime.date(2026, 2, 27)) is None
    assert pulse.due_point(start, datetime.date(2026, 2, 28)) == (1, datetime.date(2026, 2, 28))
    assert pulse.due_point(start, datetime.date(2026, 7, 30))[0] == 3
    assert pulse.due_point(start, datetime.date(2027, 1, 31))[0] == 12


def test_points_are_sent_as_they_fall_due(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 3, 2))
    sent = {}
    for day in [
        datetime.date(2026, 4, 1),  # 30 days: month 1 not yet
        datetime.date(2026, 4, 2),
        datetime.date(2026, 5, 20),
        datetime.date(2026, 6, 2),
        datetime.date(2026, 9, 2),
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 2),
    ]:
        pulse.send_due(day)
        sent[day] = sorted(pulse_of(pair).values_list("pulse_month", flat=True))
    assert sent[datetime.date(2026, 4, 1)] == []
    assert sent[datetime.date(2026, 4, 2)] == [1]
    assert sent[datetime.date(2026, 5, 20)] == [1]
    assert sent[datetime.date(2026, 6, 2)] == [1, 3]
    assert sent[datetime.date(2026, 9, 2)] == [1, 3, 6]
    assert sent[datetime.date(2026, 12, 1)] == [1, 3, 6]
    assert sent[datetime.date(2026, 12, 2)] == [1, 3, 6, 9]


def test_a_pair_that_joins_late_gets_only_its_latest_point(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 3, 20))
    pulse.send_due(DAY)
    assert list(pulse_of(pair).values_list("pulse_month", flat=True)) == [6]


def test_invitation_per_person_with_a_working_personal_link(client, programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 10, 20), mentees=2)
    assert pulse.send_due(DAY) == 3
    distribution = pulse_of(pair).get()
    assert distribution.deadline == DAY + datetime.timedelta(days=14)
    invitations = list(distribution.invitations.order_by("pk"))
    people = {pair.mentor.participant_id} | {m.participant_id for m in pair.mentees.all()}
    assert {invitation.participant_id for invitation in invitations} == people
    assert all(invitation.pair_id == pair.pk for invitation in invitations)

    invitation = invitations[1]
    page = client.get(f"/a/{invitation.token}/")
    assert page.status_code == 200
    assert "Мы встречаемся регулярно, как договорились" in page.content.decode()
    questions = Question.objects.filter(questionnaire=distribution.questionnaire)
    data = {f"q{q.pk}": "4" for q in questions if q.kind == Question.Kind.SCALE_5}
    assert client.post(f"/a/{invitation.token}/", data).status_code == 200
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    response = invitation.response
    assert response.pair_id == pair.pk
    assert set(response.answers.values_list("number", flat=True)) == {4}


def test_a_five_point_scale_refuses_six(client, programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 10, 20))
    pulse.send_due(DAY)
    invitation = Invitation.objects.get(pair=pair, participant=pair.mentor.participant)
    questions = Question.objects.filter(questionnaire__code=pulse.PULSE_CODE)
    data = {f"q{q.pk}": "6" for q in questions if q.kind == Question.Kind.SCALE_5}
    page = client.post(f"/a/{invitation.token}/", data)
    assert "Выберите значение от 1 до 5" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_running_twice_sends_nothing_twice(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 8, 20))
    assert pulse.send_due(DAY) == 2
    assert pulse.send_due(DAY) == 0
    assert pulse.send_due(DAY + datetime.timedelta(days=5)) == 0
    assert pulse_of(pair).count() == 1
    assert Invitation.objects.filter(pair=pair).count() == 2


def test_the_database_keeps_one_distribution_per_pair_and_point(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 8, 20))
    pulse.send_due(DAY)
    first = pulse_of(pair).get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Distribution.objects.create(
            questionnaire=first.questionnaire,
            programme=programme,
            title="Повтор",
            deadline=DAY,
            occasion=Occasion.PULSE,
            pair=pair,
            pulse_month=first.pulse_month,
        )


@pytest.mark.parametrize(
    "status",
    [Pair.Status.DRAFT, Pair.Status.APPROVED, Pair.Status.COMPLETED, Pair.Status.TERMINATED],
)
def test_not_sent_to_pairs_that_are_not_working(programme, status):
    pair = make_pair(programme, starts_on=datetime.date(2026, 8, 20), status=status)
    assert pulse.send_due(DAY) == 0
    assert not pulse_of(pair).exists()


def test_not_sent_before_a_month_of_work_nor_without_a_start(programme):
    young = make_pair(programme, starts_on=DAY - datetime.timedelta(days=20))
    undated = make_pair(programme, starts_on=None)
    assert pulse.send_due(DAY) == 0
    assert not Distribution.objects.filter(pair__in=[young, undated]).exists()


def test_a_mentee_who_left_is_not_asked(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 8, 20), mentees=2)
    gone = pair.mentees.first()
    gone.status = gone.Status.LEFT
    gone.save()
    pulse.send_due(DAY)
    assert not Invitation.objects.filter(participant=gone.participant).exists()


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


def test_sending_takes_the_same_queries_for_many_pairs(programme):
    for _ in range(2):
        make_pair(programme, starts_on=datetime.date(2026, 8, 20), mentees=2)
    few = _queries(lambda: pulse.send_due(DAY))
    for _ in range(8):
        make_pair(programme, starts_on=datetime.date(2026, 5, 20), mentees=3)
    many = _queries(lambda: pulse.send_due(DAY))
    assert Distribution.objects.filter(occasion=Occasion.PULSE).count() == 10
    assert many == few <= 10


# --- pair health ----------------------------------------------------------------------------------


def concerns_of(pair, day=DAY):
    return {c.code: c for c in pair_health.pulse_concerns(health.in_work([pair], day), day)}


def sent_pair(programme, *, mentees=1, day=DAY):
    pair = make_pair(programme, starts_on=datetime.date(2026, 8, 20), mentees=mentees)
    pulse.send_due(day)
    return pair, list(Invitation.objects.filter(pair=pair).order_by("pk"))


@pytest.mark.parametrize(
    "values, code, level",
    [
        ((2, 3), "pulse_low", "danger"),  # 2.5
        ((3, 3), "pulse_middle", "warning"),  # 3.0
        ((3, 4), None, None),  # 3.5: the warning is below 3.5 only
        ((4, 5), None, None),
    ],
)
def test_the_latest_pulse_sets_the_level(programme, values, code, level):
    pair, invitations = sent_pair(programme)
    at = timezone.make_aware(datetime.datetime(2026, 11, 27, 12, 0))
    for invitation, value in zip(invitations, values, strict=True):
        answer_pulse(invitation, value, at)
    found = concerns_of(pair, DAY + datetime.timedelta(days=1))
    assert {c for c in found if c in ("pulse_low", "pulse_middle")} == ({code} if code else set())
    if code:
        assert found[code].level == level
        mean = f"{sum(values) / 2:.1f}".replace(".", ",")
        assert found[code].reason == f"Пульс отношений: {mean} из 5 (27.11.2026)"
        assert found[code].url == f"/pairs/{pair.pk}/pulse/"


def send_and_answer(pair, day, value):
    """On ``day``: the pulse goes out and everybody of ``pair`` answers ``value``."""
    with clock.travel(day):
        pulse.send_due(day)
        for invitation in Invitation.objects.filter(pair=pair, answered_at__isnull=True):
            answer_pulse(invitation, value)


def test_only_the_latest_answered_point_counts(programme):
    pair = make_pair(programme, starts_on=datetime.date(2026, 5, 20))
    send_and_answer(pair, datetime.date(2026, 6, 20), 2)
    assert "pulse_low" in concerns_of(pair)
    send_and_answer(pair, datetime.date(2026, 8, 20), 5)
    assert not {"pulse_low", "pulse_middle"} & set(concerns_of(pair))


def test_a_pulse_unanswered_for_14_days_is_a_warning_for_the_mentor(programme):
    pair, invitations = sent_pair(programme, day=DAY)
    assert "pulse_unanswered" not in concerns_of(pair, DAY + datetime.timedelta(days=13))
    concern = concerns_of(pair, DAY + datetime.timedelta(days=14))["pulse_unanswered"]
    assert concern.level == "warning"
    assert concern.reason == "Нет ответа на анкету «Пульс отношений» 14 дней"
    assert concern.mentor_action == "Ответьте на анкету «Пульс отношений»"
    mentor_invitation = next(
        i for i in invitations if i.participant_id == pair.mentor.participant_id
    )
    answer_pulse(mentor_invitation, 4)
    concern = concerns_of(pair, DAY + datetime.timedelta(days=15))["pulse_unanswered"]
    assert concern.mentor_action == ""
    for invitation in invitations:
        if invitation.pk != mentor_invitation.pk:
            answer_pulse(invitation, 4)
    assert "pulse_unanswered" not in concerns_of(pair, DAY + datetime.timedelta(days=16))


def test_an_expired_pulse_link_is_no_longer_a_concern(programme):
    pair, _ = sent_pair(programme)
    later = DAY + datetime.timedelta(days=pulse.LINK_DAYS + 1)
    assert "pulse_unanswered" not in concerns_of(pair, later)


def test_low_satisfaction_of_the_pair_is_a_warning(programme, curator):
    pair, _ = sent_pair(programme)
    questionnaire = Questionnaire.objects.get(school=None, code="satisfaction_mentors")
    distribution = Distribution.objects.create(
        questionnaire=questionnaire, programme=programme, title="Удовлетворённость", deadline=DAY
    )
    invitation = Invitation.objects.create(
        distribution=distribution,
        participant=pair.mentor.participant,
        pair=pair,
        respondent_name="Наставник",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    questions = list(questionnaire.questions.filter(kind=Question.Kind.SCALE))
    submit_response(invitation, [(q, 5) for q in questions])
    concern = concerns_of(pair)["satisfaction_low"]
    assert concern.level == "warning"
    assert concern.reason.startswith("Удовлетворённость программой: 5,0 из 10 (")
    Answer.objects.filter(question__in=questions).update(number=8)
    assert "satisfaction_low" not in concerns_of(pair)


def test_health_takes_the_same_queries_for_many_pairs(programme):
    def answered_pairs(count):
        pairs = []
        for _ in range(count):
            pair, invitations = sent_pair(programme)
            answer_pulse(invitations[0], 2)
            pairs.append(pair)
        return pairs

    few = answered_pairs(2)
    many = few + answered_pairs(6)
    day = DAY + datetime.timedelta(days=20)
    counted = []
    for pairs in (few, many):
        with CaptureQueriesContext(connection) as captured:
            found = list(pair_health.pulse_concerns(health.in_work(pairs, day), day))
        counted.append(len(captured.captured_queries))
        assert {c.pair_id for c in found if c.code == "pulse_low"} == {p.pk for p in pairs}
    assert counted[0] == counted[1] == 3


def test_the_check_is_registered_with_the_registry(programme):

    pair, invitations = sent_pair(programme)
    for invitation in invitations:
        answer_pulse(invitation, 1)
    codes = {c.code for c in health.concerns([pair], DAY)[pair.pk]}
    assert "pulse_low" in codes


# --- pages ----------------------------------------------------------------------------------------


def test_pulse_page_shows_the_history_to_staff_only(
    client, programme, curator, other_curator, mentor_user
):
    pair = make_pair(programme, starts_on=datetime.date(2026, 5, 20))
    send_and_answer(pair, datetime.date(2026, 6, 20), 4)
    send_and_answer(pair, datetime.date(2026, 8, 20), 2)
    url = f"/pairs/{pair.pk}/pulse/"

    client.force_login(curator)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<polyline" in html
    assert "4,0" in html and "2,0" in html
    assert "text-bg-danger" in html

    listing = client.get(f"/programmes/{programme.pk}/surveys/").content.decode()
    assert f"/pairs/{pair.pk}/pulse/" in listing
    assert "Пульс отношений в паре №" not in listing  # not one row per pair in the table

    client.force_login(other_curator)
    assert client.get(url).status_code == 404
    pair.mentor.participant.user = mentor_user
    pair.mentor.participant.save()
    client.force_login(mentor_user)
    assert client.get(url).status_code == 404


def test_pulse_page_queries_do_not_grow_with_points(
    client, programme, curator, django_assert_max_num_queries
):
    pair = make_pair(programme, starts_on=datetime.date(2025, 5, 20))
    for month in range(1, 19):
        pulse.send_due(pulse.add_months(datetime.date(2025, 5, 20), month))
    assert pulse_of(pair).count() == 7
    client.force_login(curator)
    with django_assert_max_num_queries(10):
        assert client.get(f"/pairs/{pair.pk}/pulse/").status_code == 200


# --- demo -----------------------------------------------------------------------------------------


def test_demo_has_a_healthy_and_a_troubled_pair(programme):
    import random

    from surveys import demo

    healthy = make_pair(programme, starts_on=datetime.date(2026, 4, 1))
    troubled = make_pair(programme, starts_on=datetime.date(2026, 4, 2))
    pairs = list(Pair.objects.filter(pk__in=[healthy.pk, troubled.pk]).order_by("pk"))
    demo.build_pulse(programme, pairs, random.Random(1), DAY)

    latest = pair_health.latest_pulses([healthy.pk, troubled.pk])
    assert latest[healthy.pk]["month"] == latest[troubled.pk]["month"] == 6
    assert latest[healthy.pk]["mean"] == 4.5
    assert latest[troubled.pk]["mean"] == 2.5
    working = health.in_work([troubled], DAY)
    assert "pulse_low" in {c.code for c in pair_health.pulse_concerns(working, DAY)}
    assert pulse.send_due(DAY) == 0  # the demo's points are the schedule's


def test_the_paper_blank_has_five_boxes_for_a_five_point_scale():
    from reports.builders.questionnaire_blank import questionnaire_blank

    blank = questionnaire_blank(Questionnaire.objects.get(school=None, code=pulse.PULSE_CODE))
    first = blank.sections[0].questions[0]
    assert first.scale == (1, 2, 3, 4, 5)
    assert first.hint == "Отметьте одну клетку: 1 — совсем нет, 5 — полностью."
