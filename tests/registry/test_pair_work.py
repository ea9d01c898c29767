import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Role
from registry.models import DevelopmentPlan, DiaryEntry, Meeting, MentoringForm, Pair, PlanItem
from registry.services import work as services

from ..factories import UserFactory, member
from .factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = pytest.mark.django_db
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


@pytest.fixture
def mentor_account(school, mentor):
    user = member(Role.MENTOR, school, username="own_mentor")
    mentor.participant.user = user
    mentor.participant.save()
    return user


@pytest.fixture
def pair(programme, mentor, mentee, today):
    return make_pair(programme, mentor, mentee, starts_on=today - 60 * DAY, status="active")


@pytest.fixture
def mentee_account(mentee):
    user = UserFactory(username="pupil")
    mentee.participant.user = user
    mentee.participant.save()
    return user


def meeting(pair, day, kind=Meeting.Kind.WORKING, topic="Разбор задач"):
    return Meeting.objects.create(pair=pair, held_on=day, kind=kind, topic=topic)


def test_own_mentor_sees_and_logs_a_meeting(client, mentor_account, pair, today):
    client.force_login(mentor_account)
    assert client.get(reverse("registry:pair_timeline", args=[pair.pk])).status_code == 200
    url = reverse("registry:meeting_create", args=[pair.pk])
    response = client.post(
        url,
        {"kind": "acquaintance", "held_on": today.isoformat(), "format": "online", "topic": "Цели"},
    )
    assert response.status_code == 302
    logged = pair.meetings.get()
    assert (logged.topic, logged.format, logged.recorded_by) == ("Цели", "online", mentor_account)


def test_another_mentor_of_the_school_gets_404(client, school, programme, pair, mentee):
    other = MentorFactory(participant=ParticipantFactory(school=school, last_name="Орлов"))
    other.participant.user = member(Role.MENTOR, school, username="other_mentor")
    other.participant.save()
    client.force_login(other.participant.user)
    for name in ("pair_timeline", "meeting_create"):
        assert client.get(reverse(f"registry:{name}", args=[pair.pk])).status_code == 404
    own = meeting(pair, pair.starts_on)
    assert client.post(reverse("registry:meeting_delete", args=[own.pk])).status_code == 404
    assert client.get(reverse("registry:plan_detail", args=[pair.pk, mentee.pk])).status_code == 404


def test_mentee_with_account_writes_only_the_mentee_diary(client, mentee_account, pair, today):
    client.force_login(mentee_account)
    assert client.get(reverse("registry:pair_timeline", args=[pair.pk])).status_code == 200
    assert client.get(reverse("registry:meeting_create", args=[pair.pk])).status_code == 403
    mentor_diary = reverse("registry:diary_create", args=[pair.pk, "mentor"])
    assert client.post(mentor_diary, {"written_on": today, "text": "x"}).status_code == 403
    mentee_diary = reverse("registry:diary_create", args=[pair.pk, "mentee"])
    response = client.post(mentee_diary, {"written_on": today.isoformat(), "text": "Понял дроби"})
    assert response.status_code == 302
    entry = pair.diary.get()
    assert (entry.diary, entry.mentee, entry.author) == (
        "mentee",
        pair.mentees.get(),
        mentee_account,
    )


def test_group_mentee_diary_needs_the_mentee(client, curator, programme, pair, today):
    pair.mentees.add(MenteeFactory(programme=programme))
    client.force_login(curator)
    url = reverse("registry:diary_create", args=[pair.pk, "mentee"])
    response = client.post(url, {"written_on": today.isoformat(), "text": "Запись"})
    assert response.status_code == 200
    assert "mentee" in response.context["form"].errors
    assert client.get(reverse("registry:diary_create", args=[pair.pk, "other"])).status_code == 404


def test_officer_neither_reads_nor_writes(client, officer, pair, today):
    """Diaries and individual plans of children are the school's: the officer gets 404."""
    client.force_login(officer)
    assert client.get(reverse("registry:pair_timeline", args=[pair.pk])).status_code == 404
    assert client.get(reverse("registry:meeting_create", args=[pair.pk])).status_code == 404
    data = {"kind": "working", "held_on": today.isoformat(), "format": "in_person", "topic": "x"}
    assert client.post(reverse("registry:meeting_create", args=[pair.pk]), data).status_code == 404
    assert not pair.meetings.exists()


def test_outsider_gets_404(client, other_curator, pair):
    client.force_login(other_curator)
    assert client.get(reverse("registry:pair_timeline", args=[pair.pk])).status_code == 404


def test_meeting_date_is_not_too_far_ahead_nor_before_the_start(client, curator, pair, today):
    """A future date plans a meeting, at most PLAN_AHEAD_DAYS ahead."""
    client.force_login(curator)
    url = reverse("registry:meeting_create", args=[pair.pk])
    base = {"kind": "working", "format": "in_person", "topic": "Тема"}
    far = client.post(url, {**base, "held_on": (today + 91 * DAY).isoformat()})
    assert "не дальше чем на 90 дней" in str(far.context["form"].errors["held_on"])
    early = client.post(url, {**base, "held_on": (pair.starts_on - DAY).isoformat()})
    assert "раньше начала работы пары" in str(early.context["form"].errors["held_on"])
    assert not pair.meetings.exists()


def test_next_meeting_kind_follows_the_methodology(client, curator, pair):
    expected = [
        Meeting.Kind.ACQUAINTANCE,
        Meeting.Kind.TRIAL,
        Meeting.Kind.PLANNING,
        Meeting.Kind.WORKING,
        Meeting.Kind.WORKING,
    ]
    for number, kind in enumerate(expected):
        assert services.next_meeting_kind(pair) == kind
        meeting(pair, pair.starts_on + number * DAY, kind=kind)
    client.force_login(curator)
    response = client.get(reverse("registry:meeting_create", args=[pair.pk]))
    assert response.context["form"].initial["kind"] == Meeting.Kind.WORKING


def test_timeline_merges_newest_first(client, curator, pair, mentee, today):
    meeting(pair, today - 10 * DAY, topic="Старая встреча")
    DiaryEntry.objects.create(pair=pair, diary="mentor", written_on=today - 5 * DAY, text="Итоги")
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=mentee, goal="Цель")
    plan.items.create(task="Олимпиада", deadline=today + 7 * DAY)
    plan.items.create(task="Без срока")
    meeting(pair, today, topic="Новая встреча")
    client.force_login(curator)
    response = client.get(reverse("registry:pair_timeline", args=[pair.pk]))
    labels = [
        str(e.obj) if e.kind != "meeting" else e.obj.topic for e in response.context["entries"]
    ]
    assert labels == ["Олимпиада", "Новая встреча", str(pair.diary.get()), "Старая встреча"]


def test_plan_progress_and_inline_status(client, mentor_account, pair, mentee):
    client.force_login(mentor_account)
    url = reverse("registry:plan_detail", args=[pair.pk, mentee.pk])
    assert client.post(url, {"plan-goal": "Подготовка к ОГЭ"}).status_code == 302
    add = reverse("registry:plan_item_create", args=[pair.pk, mentee.pk])
    for task in ("Пробник", "Разбор ошибок", "Лишняя"):
        assert client.post(add, {"new-task": task}).status_code == 302
    assert client.get(add).status_code == 405
    items = list(PlanItem.objects.order_by("position"))
    status = reverse("registry:plan_item_status", args=[items[0].pk])
    prefix = f"item-{items[0].pk}"
    client.post(status, {f"{prefix}-status": "done", f"{prefix}-progress_note": "Сдал на 4"})
    prefix = f"item-{items[2].pk}"
    client.post(
        reverse("registry:plan_item_status", args=[items[2].pk]), {f"{prefix}-status": "dropped"}
    )
    progress = client.get(url).context["progress"]
    assert (progress.done, progress.total, progress.percent) == (1, 2, 50)
    assert PlanItem.objects.get(pk=items[0].pk).progress_note == "Сдал на 4"


def test_plan_of_a_mentee_outside_the_pair_is_404(client, curator, programme, pair):
    stranger = MenteeFactory(programme=programme)
    client.force_login(curator)
    url = reverse("registry:plan_detail", args=[pair.pk, stranger.pk])
    assert client.get(url).status_code == 404


def test_my_pairs_lists_own_pairs_with_last_meeting(client, mentor_account, pair, today):
    meeting(pair, today - 3 * DAY)
    client.force_login(mentor_account)
    response = client.get(reverse("registry:my_pairs"))
    (listed,) = response.context["pairs"]
    assert listed.last_meeting == today - 3 * DAY
    assert reverse("registry:meeting_create", args=[pair.pk]) in response.content.decode()


def test_my_pairs_empty_state(client, mentor_user):
    client.force_login(mentor_user)
    assert "Пар и групп пока нет" in client.get(reverse("registry:my_pairs")).content.decode()


def test_timeline_queries_do_not_grow(
    client, curator, pair, mentee, today, django_assert_max_num_queries
):
    client.force_login(curator)
    url = reverse("registry:pair_timeline", args=[pair.pk])
    for number in range(15):
        meeting(pair, today - number * DAY)
        DiaryEntry.objects.create(
            pair=pair, diary="mentee", mentee=mentee, written_on=today, text="x"
        )
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_my_pairs_queries_do_not_grow(
    client, programme, mentor, mentor_account, today, django_assert_max_num_queries
):
    def add_pairs(count):
        for number in range(count):
            pair = make_pair(programme, mentor, MenteeFactory(programme=programme), status="active")
            meeting(pair, today - number * DAY)

    client.force_login(mentor_account)
    add_pairs(1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("registry:my_pairs"))
    add_pairs(7)
    # The pair health checks (registry/health.py) add a fixed number of queries.
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("registry:my_pairs"))
    assert len(response.context["pairs"]) == 8


def test_stale_pairs(programme, school, today, django_assert_num_queries):
    def another(**fields):
        person = ParticipantFactory(school=school)
        mentee = MenteeFactory(programme=programme, participant=StudentFactory(school=school))
        return make_pair(programme, MentorFactory(participant=person), mentee, **fields)

    started = today - 100 * DAY
    recent = another(status="active", starts_on=started)
    meeting(recent, today - 10 * DAY)
    old = another(status="active", starts_on=started)
    meeting(old, today - 40 * DAY)
    silent = another(status="approved", starts_on=started)
    done = another(status="completed", starts_on=started)
    meeting(done, today - 90 * DAY)
    with django_assert_num_queries(1):
        stale = [
            (p.pk, p.last_meeting, str(p.mentor))
            for p in services.stale_pairs(programme, today=today)
        ]
    assert stale == [
        (silent.pk, None, str(silent.mentor)),
        (old.pk, today - 40 * DAY, str(old.mentor)),
    ]
