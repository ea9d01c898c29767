"""The personal calendar: the secret feed by role, its revocation, «Добавить в календарь»."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.calendar_feeds import renew_feed
from mentoring.models import CalendarFeed, Role
from registry.models import Meeting, MentoringForm, Pair
from registry.services import privacy
from stages.models import RoadmapItem

from ..factories import member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]
DAY = datetime.timedelta(days=1)
REPORT_DAYS = 12  # the 25th of each month from September to August


def make_pair(programme, mentor, *mentees):
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set(mentees)
    return pair


def account_of(mentor, school, username):
    user = member(Role.MENTOR, school, username=username, last_name=mentor.participant.last_name)
    mentor.participant.user = user
    mentor.participant.save()
    return user


@pytest.fixture
def mentor_account(school, mentor):
    return account_of(mentor, school, "own_mentor")


@pytest.fixture
def pair(programme, mentor, mentee):
    return make_pair(programme, mentor, mentee)


@pytest.fixture
def stranger_pair(programme, school):
    """Another mentor's pair at the same school."""
    other = MentorFactory(participant=ParticipantFactory(school=school, last_name="Орлов"))
    child = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=school, last_name="Гордеев", first_name="Пётр"),
    )
    return make_pair(programme, other, child)


def meeting(pair, day, kind=Meeting.Kind.WORKING, topic="Разбор задач"):
    return Meeting.objects.create(pair=pair, held_on=day, kind=kind, topic=topic)


def feed_of(client, user):
    """The user's feed fetched without a session, parsed."""
    client.logout()
    token = renew_feed(user).token
    response = client.get(reverse("reports:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    return icalendar.Calendar.from_ical(response.content)


def events_of(calendar, prefix=""):
    return [event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith(prefix)]


def test_the_mentor_gets_the_meetings_of_own_pairs_named(
    client, mentor_account, pair, stranger_pair, today
):
    held = meeting(pair, today - 7 * DAY, Meeting.Kind.ACQUAINTANCE)
    planned = meeting(pair, today + 5 * DAY)
    meeting(stranger_pair, today + 5 * DAY, topic="Чужая встреча")

    calendar = feed_of(client, mentor_account)

    assert str(calendar["X-WR-CALNAME"]) == f"Наставничество — {mentor_account.full_name}"
    meetings = events_of(calendar, "meeting-")
    assert [str(event["UID"]) for event in meetings] == [
        f"meeting-{held.pk}@testserver",
        f"meeting-{planned.pk}@testserver",
    ]
    assert [event.decoded("DTSTART") for event in meetings] == [today - 7 * DAY, today + 5 * DAY]
    assert [event.decoded("DTEND") for event in meetings] == [today - 6 * DAY, today + 6 * DAY]
    summaries = [str(event["SUMMARY"]) for event in meetings]
    assert summaries[0].startswith("Встреча-знакомство: Смирнова О.")
    assert summaries[1].startswith("Рабочая встреча: Смирнова О.")
    assert "Разбор задач" in str(meetings[1]["DESCRIPTION"])
    assert str(meetings[1]["URL"]).endswith(
        reverse("registry:pair_timeline", args=[pair.pk]) + f"#meeting-{planned.pk}"
    )
    # a mentor is no school staff: no roadmap, no report days
    assert len(events_of(calendar)) == 2


def test_uids_stay_the_same_between_two_requests(client, mentor_account, pair, today):
    meeting(pair, today + 3 * DAY)
    token = renew_feed(mentor_account).token
    url = reverse("reports:calendar_feed", args=[token])
    first, second = (icalendar.Calendar.from_ical(client.get(url).content) for _ in range(2))
    assert [str(e["UID"]) for e in events_of(first)] == [str(e["UID"]) for e in events_of(second)]
    assert [str(e["SUMMARY"]) for e in events_of(first)] == [
        str(e["SUMMARY"]) for e in events_of(second)
    ]


@pytest.mark.skipif(not hasattr(Meeting, "starts_at"), reason="meetings have no time")
def test_a_meeting_with_a_time_is_a_timed_event(client, mentor_account, pair, today):
    planned = meeting(pair, today + 2 * DAY)
    planned.starts_at = datetime.time(15, 30)
    planned.duration_minutes = 45
    planned.save()
    (event,) = events_of(feed_of(client, mentor_account), "meeting-")
    # 15:30 in Moscow is 12:30 UTC
    assert event.decoded("DTSTART") == datetime.datetime(2026, 11, 28, 12, 30, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == datetime.datetime(2026, 11, 28, 13, 15, tzinfo=datetime.UTC)


def test_the_staff_feed_has_roadmap_report_days_and_planned_meetings_without_names(
    client, curator, programme, pair, stranger_pair, today
):
    meeting(pair, today - 3 * DAY)  # held: not the staff's business in a calendar
    planned = meeting(stranger_pair, today + 4 * DAY, topic="Знакомство с Петей Гордеевым")

    calendar = feed_of(client, curator)

    (event,) = events_of(calendar, "meeting-")
    assert str(event["UID"]) == f"meeting-{planned.pk}@testserver"
    assert str(event["SUMMARY"]) == f"Рабочая встреча, пара № {stranger_pair.pk}"
    text = calendar.to_ical().decode()
    for name in ("Гордеев", "Петей", "Смирнова", "Орлов", "Шевчук"):
        assert name not in text

    items = RoadmapItem.objects.filter(programme=programme, deadline__isnull=False)
    roadmap = events_of(calendar, "roadmap-")
    assert len(roadmap) == items.count() > 0
    first = items.order_by("deadline", "pk").first()
    assert roadmap[0].decoded("DTSTART") == first.deadline
    assert str(roadmap[0]["SUMMARY"]).startswith(f"Срок по дорожной карте: {first.number} ")

    reports = events_of(calendar, "monthly-report-")
    assert len(reports) == REPORT_DAYS
    assert [event.decoded("DTSTART") for event in reports][:4] == [
        datetime.date(2026, 9, 25),
        datetime.date(2026, 10, 25),
        datetime.date(2026, 11, 25),
        datetime.date(2026, 12, 25),
    ]
    assert str(reports[2]["SUMMARY"]) == "Ежемесячный отчёт в МНЦ за ноябрь 2026"


def test_the_staff_of_another_school_sees_nothing_of_this_school(
    client, other_curator, other_programme, programme, pair, today
):
    meeting(pair, today + 4 * DAY)
    calendar = feed_of(client, other_curator)
    assert events_of(calendar, "meeting-") == []
    ours = set(programme.roadmap_items.values_list("pk", flat=True))
    theirs = {
        int(str(e["UID"]).split("-")[1].split("@")[0]) for e in events_of(calendar, "roadmap-")
    }
    assert theirs and not theirs & ours
    assert theirs <= set(other_programme.roadmap_items.values_list("pk", flat=True))
    text = calendar.to_ical().decode()
    assert "Смирнова" not in text and programme.school.short_name not in text


def test_the_officer_gets_the_report_days(client, officer, programme, pair, today):
    meeting(pair, today + 4 * DAY)
    calendar = feed_of(client, officer)
    assert len(events_of(calendar)) == len(events_of(calendar, "monthly-report-")) == REPORT_DAYS


def test_a_revoked_or_unknown_token_is_404(client, curator):
    old = renew_feed(curator)
    new = renew_feed(curator)
    old.refresh_from_db()
    assert old.revoked_at is not None and new.token != old.token
    assert client.get(reverse("reports:calendar_feed", args=[old.token])).status_code == 404
    assert client.get(reverse("reports:calendar_feed", args=["no-such-token"])).status_code == 404
    assert client.get(reverse("reports:calendar_feed", args=[new.token])).status_code == 200
    curator.is_active = False
    curator.save()
    assert client.get(reverse("reports:calendar_feed", args=[new.token])).status_code == 404


def test_the_settings_page_creates_and_regenerates_the_link(client, mentor_account):
    client.force_login(mentor_account)
    url = reverse("reports:calendar_settings")
    page = client.get(url).content.decode()
    assert "Создать ссылку" in page and ".ics" not in page

    assert client.post(url).status_code == 302
    first = CalendarFeed.objects.active().get(user=mentor_account)
    page = client.get(url).content.decode()
    assert f"http://testserver/calendar/{first.token}.ics" in page
    assert "Яндекс Календарь" in page and "Отозвать ссылку и создать новую" in page

    client.post(url)
    second = CalendarFeed.objects.active().get(user=mentor_account)
    assert second.token != first.token
    assert CalendarFeed.objects.filter(user=mentor_account).count() == 2
    client.logout()
    assert client.get(reverse("reports:calendar_feed", args=[first.token])).status_code == 404
    assert client.get(reverse("reports:calendar_feed", args=[second.token])).status_code == 200


def test_the_settings_page_is_linked_from_the_account_menu(client, curator):
    client.force_login(curator)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("reports:calendar_settings") in page


def test_the_feed_takes_the_same_queries_for_any_number_of_meetings(
    client, curator, mentor_account, pair, stranger_pair, today
):
    """The curator is also the mentor of a pair: both parts of the feed are built."""
    mentor = pair.mentor.participant
    mentor.user = curator
    mentor.save()
    meeting(pair, today + DAY)
    meeting(stranger_pair, today + DAY)
    token = renew_feed(curator).token
    url = reverse("reports:calendar_feed", args=[token])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    assert few <= 10
    for shift in range(2, 12):
        meeting(pair, today + shift * DAY)
        meeting(stranger_pair, today + shift * DAY)
    assert queries() == few
    assert len(events_of(icalendar.Calendar.from_ical(client.get(url).content), "meeting-")) == 22


def test_add_to_calendar_gives_one_meeting(client, mentor_account, pair, today):
    planned = meeting(pair, today + 5 * DAY)
    client.force_login(mentor_account)
    timeline = client.get(reverse("registry:pair_timeline", args=[pair.pk])).content.decode()
    url = reverse("reports:meeting_event", args=[planned.pk])
    assert url == f"/meetings/{planned.pk}/event.ics" and url in timeline

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{planned.pk}@testserver"
    assert str(event["SUMMARY"]).startswith("Рабочая встреча: Смирнова О.")
    assert event.decoded("DTSTART") == today + 5 * DAY


def test_add_to_calendar_is_404_for_outsiders(
    client, school, programme, pair, stranger_pair, other_curator, curator, today
):
    planned = meeting(pair, today + 5 * DAY)
    url = reverse("reports:meeting_event", args=[planned.pk])
    stranger = account_of(stranger_pair.mentor, school, "stranger")
    for outsider in (other_curator, stranger):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(curator)
    (event,) = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Рабочая встреча, пара № {pair.pk}"


def test_anonymising_the_participant_deletes_the_feed_of_their_account(
    client, mentor_account, mentor, curator
):
    token = renew_feed(mentor_account).token
    privacy.anonymise_participant(mentor.participant, by=curator, reason="Заявление")
    assert not CalendarFeed.objects.filter(user=mentor_account).exists()
    assert client.get(reverse("reports:calendar_feed", args=[token])).status_code == 404
