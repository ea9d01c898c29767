import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Role
from registry import health, health_checks
from registry.models import (
    Certificate,
    Consent,
    DevelopmentPlan,
    DiaryEntry,
    Meeting,
    MentoringForm,
    Pair,
    PlanItem,
)

from ..factories import UserFactory, member
from .factories import (
    CertificateFactory,
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]
DAY = datetime.timedelta(days=1)


def make_pair(programme, mentor, *mentees, **fields):
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        **fields,
    )
    pair.mentees.set(mentees)
    return pair


def another_pair(programme, **fields):
    school = programme.school
    mentor = MentorFactory(participant=ParticipantFactory(school=school))
    mentee = MenteeFactory(programme=programme, participant=StudentFactory(school=school))
    return make_pair(programme, mentor, mentee, **fields)


def meeting(pair, day, topic="Разбор задач"):
    return Meeting.objects.create(pair=pair, held_on=day, topic=topic)


def diary(pair, day, kind=DiaryEntry.Diary.MENTOR, mentee=None):
    return DiaryEntry.objects.create(
        pair=pair, diary=kind, mentee=mentee, written_on=day, text="Обсудили план"
    )


def found(pair, day, code_prefix=""):
    pair.refresh_from_db()
    return [
        concern
        for concern in health.concerns([pair], day)[pair.pk]
        if concern.code.startswith(code_prefix)
    ]


@pytest.fixture(autouse=True)
def only_registry_checks(monkeypatch):
    """The registry's checks alone: the pulse and support contacts have tests of their own."""
    monkeypatch.setattr(health, "_CHECKS", list(health_checks.CHECKS))


@pytest.fixture
def pair(programme, mentor, mentee, today):
    return make_pair(programme, mentor, mentee, starts_on=today - 90 * DAY, status="active")


@pytest.mark.parametrize(
    ("idle", "code", "level"),
    [
        (13, None, None),
        (14, "no_meeting_14", health.WARNING),
        (29, "no_meeting_14", health.WARNING),
        (30, "no_meeting_30", health.DANGER),
    ],
)
def test_days_since_the_last_meeting(pair, today, idle, code, level):
    meeting(pair, today - 50 * DAY)
    meeting(pair, today - idle * DAY)
    concerns = found(pair, today, "no_meeting")
    if code is None:
        assert concerns == []
        return
    [concern] = concerns
    assert (concern.code, concern.level) == (code, level)
    last = today - idle * DAY
    assert concern.reason == f"Нет встреч {idle} дней: последняя была {last:%d.%m.%Y}"
    assert concern.mentor_action == f"Проведите встречу: последняя была {idle} дней назад"
    assert concern.url == reverse("registry:meeting_create", args=[pair.pk])


def test_a_planned_meeting_does_not_count(pair, today):
    meeting(pair, today - 16 * DAY)
    meeting(pair, today + 3 * DAY, topic="Запланированная встреча")
    [concern] = found(pair, today, "no_meeting")
    assert concern.mentor_action == "Проведите встречу: последняя была 16 дней назад"


@pytest.mark.parametrize(("started", "level"), [(13, None), (14, "warning"), (30, "danger")])
def test_no_meeting_since_the_start(programme, mentor, mentee, today, started, level):
    pair = make_pair(programme, mentor, mentee, starts_on=today - started * DAY, status="active")
    concerns = found(pair, today, "no_meeting")
    assert [c.level for c in concerns] == ([level] if level else [])
    if level:
        assert concerns[0].reason == (
            f"Ни одной встречи за {started} дней с начала работы пары "
            f"({today - started * DAY:%d.%m.%Y})"
        )


def test_an_approved_pair_counts_from_its_start(programme, mentor, mentee, today):
    waiting = make_pair(programme, mentor, mentee, starts_on=today + 5 * DAY, status="approved")
    assert found(waiting, today) == []
    waiting.starts_on = today - 20 * DAY
    waiting.save()
    assert [c.code for c in found(waiting, today, "no_meeting")] == ["no_meeting_14"]


@pytest.mark.parametrize("status", ["completed", "terminated", "draft"])
def test_closed_and_draft_pairs_have_no_concerns(pair, today, status):
    pair.status = status
    pair.save()
    meeting(pair, today - 80 * DAY)
    assert found(pair, today) == []


@pytest.mark.parametrize(("silent", "expected"), [(29, False), (30, True)])
def test_silence_in_the_mentor_diary(pair, mentee, today, silent, expected):
    meeting(pair, today)
    diary(pair, today - silent * DAY)
    diary(pair, today, kind=DiaryEntry.Diary.MENTEE, mentee=mentee)  # the mentee's does not count
    concerns = found(pair, today, "diary")
    assert bool(concerns) is expected
    if expected:
        assert concerns[0].level == health.WARNING
        assert concerns[0].reason == (
            f"В дневнике наставника нет записей 30 дней: последняя {today - 30 * DAY:%d.%m.%Y}"
        )
        assert "Сделайте запись в дневнике наставника" in concerns[0].mentor_action


def test_overdue_plan_tasks(pair, mentee, today):
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=mentee, goal="Математика")
    statuses = PlanItem.Status

    def task(days_left, status):
        PlanItem.objects.create(
            plan=plan, task="Задача", deadline=today + days_left * DAY, status=status
        )

    task(-10, statuses.PLANNED)
    task(-1, statuses.IN_PROGRESS)
    task(-20, statuses.DONE)
    task(-20, statuses.DROPPED)
    task(0, statuses.PLANNED)  # due today: not overdue yet
    [concern] = found(pair, today, "plan")
    assert concern.level == health.WARNING
    assert concern.reason == (
        f"Просрочено 2 задачи ИПР, самый ранний срок — {today - 10 * DAY:%d.%m.%Y} (10 дней назад)"
    )
    assert concern.mentor_action == "Отметьте выполнение задач ИПР: 2 задачи просрочены"
    assert concern.url == reverse("registry:plan_detail", args=[pair.pk, mentee.pk])


@pytest.mark.parametrize(
    ("days_left", "code", "level"),
    [
        (31, None, None),
        (30, "certificate_expiring", health.WARNING),
        (0, "certificate_expiring", health.WARNING),
        (-1, "certificate_expired", health.DANGER),
    ],
)
def test_mentor_certificate_expiry(pair, mentor, today, days_left, code, level):
    CertificateFactory(
        participant=mentor.participant,
        kind=Certificate.Kind.CRIMINAL_RECORD,
        issued_on=today - 300 * DAY,
        valid_until=today + days_left * DAY,
    )
    concerns = found(pair, today, "certificate")
    assert [(c.code, c.level) for c in concerns] == ([(code, level)] if code else [])
    if code == "certificate_expiring" and days_left == 30:
        assert concerns[0].reason == (
            f"У наставника ({mentor.participant.full_name}) справка об отсутствии судимости "
            f"действует до {today + 30 * DAY:%d.%m.%Y}: осталось 30 дней"
        )
        assert concerns[0].url == mentor.participant.get_absolute_url()


def test_a_newer_certificate_clears_the_concern(pair, mentor, today):
    for issued, until in ((400, -1), (10, 355)):
        CertificateFactory(
            participant=mentor.participant,
            issued_on=today - issued * DAY,
            valid_until=today + until * DAY,
        )
    assert found(pair, today, "certificate") == []


def test_a_withdrawn_consent_is_dangerous(pair, mentee, today):
    for withdrawn in (None, today - 2 * DAY):
        ConsentFactory(
            participant=mentee.participant,
            kind=Consent.Kind.PARTICIPATION,
            given_by=Consent.GivenBy.REPRESENTATIVE,
            representative_name="Смирнова Елена",
            signed_on=today - 100 * DAY,
            withdrawn_on=withdrawn,
        )
    assert found(pair, today, "consent") == []  # another consent of the kind is in force
    Consent.objects.filter(withdrawn_on__isnull=True).update(withdrawn_on=today - DAY)
    [concern] = found(pair, today, "consent")
    assert concern.level == health.DANGER
    assert concern.reason == (
        f"Отозвано согласие на участие в программе: {mentee.participant.full_name}, "
        f"{today - DAY:%d.%m.%Y}"
    )
    assert concern.mentor_action == ""


def world_of(programme, count, today):
    pairs = []
    for number in range(count):
        pair = another_pair(programme, status="active", starts_on=today - 60 * DAY)
        meeting(pair, today - (number % 40) * DAY)
        diary(pair, today - number * DAY)
        plan = DevelopmentPlan.objects.create(pair=pair, mentee=pair.mentees.get(), goal="Цель")
        PlanItem.objects.create(plan=plan, task="Задача", deadline=today - DAY)
        CertificateFactory(
            participant=pair.mentor.participant,
            issued_on=today - 350 * DAY,
            valid_until=today + (number % 3 - 1) * 20 * DAY,
        )
        pairs.append(pair)
    return pairs


def test_the_checks_use_a_fixed_number_of_queries(programme, other_programme, today):
    def queries(pairs):
        pairs = list(Pair.objects.filter(pk__in=[p.pk for p in pairs]))
        with CaptureQueriesContext(connection) as captured:
            result = health.concerns(pairs, today)
        return len(captured), result

    few, few_found = queries(world_of(programme, 3, today))
    many, many_found = queries(world_of(other_programme, 30, today))
    assert few == many
    assert sum(len(c) for c in many_found.values()) > sum(len(c) for c in few_found.values())


def test_thresholds_are_named():
    assert (
        health_checks.MEETING_WARNING_DAYS,
        health_checks.MEETING_DANGER_DAYS,
        health_checks.DIARY_SILENCE_DAYS,
        health_checks.DOCUMENT_NOTICE_DAYS,
    ) == (14, 30, 30, 30)


# The queue page


@pytest.fixture
def idle_pair(pair, today):
    meeting(pair, today - 40 * DAY)
    diary(pair, today)
    return pair


@pytest.fixture
def fine_pair(programme, today):
    pair = another_pair(programme, status="active", starts_on=today - 60 * DAY)
    meeting(pair, today - 3 * DAY)
    diary(pair, today - 3 * DAY)
    return pair


def queue_url(programme):
    return reverse("registry:attention_queue", args=[programme.pk])


def test_queue_lists_pairs_worst_first(client, curator, programme, idle_pair, fine_pair, today):
    slow = another_pair(programme, status="active", starts_on=today - 60 * DAY)
    meeting(slow, today - 20 * DAY)
    diary(slow, today)
    client.force_login(curator)
    response = client.get(queue_url(programme))
    page = response.content.decode()
    assert [item.pair.pk for item in response.context["page"]] == [idle_pair.pk, slow.pk]
    assert "<title>Требует внимания: 2" in page
    assert f"Нет встреч 40 дней: последняя была {today - 40 * DAY:%d.%m.%Y}" in page
    assert "Связаться с наставником и записать встречу" in page
    assert reverse("registry:meeting_create", args=[idle_pair.pk]) in page
    assert idle_pair.mentor.participant.full_name in page
    assert idle_pair.mentees.get().participant.full_name in page
    assert fine_pair.mentor.participant.full_name not in page

    danger = client.get(queue_url(programme), {"level": "danger"})
    assert [item.pair.pk for item in danger.context["page"]] == [idle_pair.pk]
    warning = client.get(queue_url(programme), {"level": "warning"})
    assert [item.pair.pk for item in warning.context["page"]] == [slow.pk]


def test_queue_empty_state(client, curator, programme, fine_pair):
    client.force_login(curator)
    page = client.get(queue_url(programme)).content.decode()
    assert "Все пары в порядке" in page
    assert "<title>Требует внимания: 0" in page


def test_queue_paginates(client, curator, programme, today):
    for _ in range(52):
        another_pair(programme, status="active", starts_on=today - 20 * DAY)
    client.force_login(curator)
    response = client.get(queue_url(programme), {"page": 2})
    assert len(response.context["page"].object_list) == 2
    assert response.context["total"] == 52


def test_queue_is_for_the_school_staff_only(
    client, programme, idle_pair, mentor, other_curator, director
):
    client.force_login(director)
    assert client.get(queue_url(programme)).status_code == 200
    client.force_login(other_curator)
    assert client.get(queue_url(programme)).status_code == 404
    own_mentor = member(Role.MENTOR, programme.school, username="own_mentor")
    mentor.participant.user = own_mentor
    mentor.participant.save()
    client.force_login(own_mentor)
    assert client.get(queue_url(programme)).status_code == 404
    client.logout()
    assert client.get(queue_url(programme)).status_code == 302


def test_pair_list_badges_without_a_query_per_pair(
    client, curator, programme, idle_pair, fine_pair, today
):
    client.force_login(curator)
    url = reverse("registry:pair_list", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "Требует внимания: 1 · опасно" in page
    assert 'id="attention-link"' in page and queue_url(programme) in page
    world_of(programme, 3, today)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    world_of(programme, 12, today)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["pairs"].object_list) == 17
    assert len(many) == len(few)


def test_dashboard_links_the_queue(client, curator, programme, idle_pair):
    client.force_login(curator)
    page = client.get(reverse("reports:school_dashboard", args=[programme.school.pk]))
    assert "Требует внимания: 1" in page.content.decode()
    assert queue_url(programme) in page.content.decode()


def test_my_pairs_shows_what_the_mentor_should_do(client, mentor, mentee, idle_pair, today):
    own_mentor = member(Role.MENTOR, idle_pair.programme.school, username="own_mentor")
    mentor.participant.user = own_mentor
    mentor.participant.save()
    CertificateFactory(
        participant=mentor.participant, issued_on=today - 360 * DAY, valid_until=today + 5 * DAY
    )
    client.force_login(own_mentor)
    page = client.get(reverse("registry:my_pairs")).content.decode()
    assert "Что сделать" in page
    assert "Проведите встречу: последняя была 40 дней назад" in page
    assert "Получите новую справку" in page
    assert "Связаться с наставником" not in page  # the curator's actions stay with the curator

    pupil = UserFactory(username="pupil")
    mentee.participant.user = pupil
    mentee.participant.save()
    client.force_login(pupil)
    page = client.get(reverse("registry:my_pairs")).content.decode()
    assert f'id="pair-{idle_pair.pk}"' in page
    assert "Что сделать" not in page
    assert "Проведите встречу" not in page
