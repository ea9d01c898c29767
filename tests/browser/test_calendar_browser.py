"""A mentor subscribes to the personal calendar: the link from the account menu, the feed a
calendar app reads without a session, and a new link that replaces a leaked one."""

import datetime
import urllib.error
import urllib.request

import icalendar
import pytest
from playwright.sync_api import expect

from mentoring.models import Role
from registry import reference as registry_reference
from registry.models import Meeting, MentoringForm, Pair

from ..factories import member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory
from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fetch(url: str) -> tuple[int, bytes]:
    """As a calendar app does: no cookies, no session."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.mark.today("2026-11-26")
def test_mentor_subscribes_to_the_calendar_and_replaces_the_link(page, live_server, programme):
    registry_reference.load_forms()
    school = programme.school
    user = member(Role.MENTOR, school, username="teacher", password="secret-pass-123")
    mentor = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Шевчук", user=user)
    )
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=school, last_name="Смирнова", first_name="Ольга"),
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([mentee])
    planned = Meeting.objects.create(
        pair=pair, held_on=datetime.date(2026, 12, 3), topic="Подготовка к олимпиаде"
    )

    log_in(page, live_server, "teacher")
    page.locator("details.nav-account summary").click()
    page.get_by_role("link", name="Календарь").click()
    page.get_by_role("button", name="Создать ссылку").click()
    link = page.locator("#calendar-feed-url")
    expect(link).to_contain_text("/calendar/")
    expect(page.get_by_text("Яндекс Календарь")).to_be_visible()
    screenshot(page, "calendar-settings")
    first = link.inner_text().strip()
    assert first.startswith(live_server.url)

    status, body = fetch(first)
    assert status == 200
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Рабочая встреча: Смирнова О.")
    assert event.decoded("DTSTART") == planned.held_on

    page.get_by_role("button", name="Отозвать ссылку и создать новую").click()
    expect(page.locator(".alert-success")).to_contain_text("Старая ссылка отозвана")
    second = page.locator("#calendar-feed-url").inner_text().strip()
    assert second != first
    assert fetch(first)[0] == 404
    assert fetch(second)[0] == 200
