"""Meetings dated after today are planned: recorded ahead, shown as such, never counted as held."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Meeting, MentoringForm, Pair
from registry.services import work

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def pair(programme, mentor, mentee, today):
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        starts_on=today - 60 * DAY,
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([mentee])
    return pair


def test_curator_plans_a_meeting_with_its_time(client, curator, pair, today):
    client.force_login(curator)
    url = reverse("registry:meeting_create", args=[pair.pk])
    data = {"kind": "working", "format": "in_person", "topic": "Контрольная"}
    response = client.post(
        url, {**data, "held_on": (today + 7 * DAY).isoformat(), "starts_at": "15:30"}
    )
    assert response.status_code == 302
    planned = Meeting.objects.get()
    assert planned.starts_at == datetime.time(15, 30) and planned.is_planned(today)
    page = client.get(reverse("registry:pair_timeline", args=[pair.pk])).content.decode()
    assert "03.12.2026, 15:30" in page and "Запланирована" in page


def test_planned_meetings_do_not_count_as_held(pair, programme, today):
    Meeting.objects.create(pair=pair, held_on=today - 40 * DAY, topic="Была")
    Meeting.objects.create(pair=pair, held_on=today + 3 * DAY, topic="Будет")
    listed = work.with_last_meeting(Pair.objects.filter(pk=pair.pk)).get()
    assert listed.last_meeting == today - 40 * DAY
    stale = list(work.stale_pairs(programme, today=today))
    assert [p.pk for p in stale] == [pair.pk]
    assert stale[0].last_meeting == today - 40 * DAY


def test_pair_page_counts_held_meetings_only(client, curator, pair, today):
    Meeting.objects.create(pair=pair, held_on=today - DAY, topic="Была")
    Meeting.objects.create(pair=pair, held_on=today + DAY, topic="Будет")
    client.force_login(curator)
    page = client.get(reverse("registry:pair_detail", args=[pair.pk])).content.decode()
    assert "Встречи: 1" in page and "Запланирована" in page
