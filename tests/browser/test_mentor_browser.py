import pytest
from playwright.sync_api import expect

from mentoring.models import Role
from registry import reference as registry_reference
from registry.models import MentoringForm, Pair

from ..factories import member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory
from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forms(db):
    registry_reference.load_forms()


@pytest.fixture
def mentor_pair(forms, programme, school):
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
    return pair


def test_mentor_logs_a_meeting_from_a_phone(phone_page, live_server, mentor_pair):
    page = phone_page
    log_in(page, live_server, "teacher")
    page.goto(f"{live_server.url}/my/pairs/")
    card = page.locator(f"#pair-{mentor_pair.pk}")
    expect(card).to_contain_text("Смирнова Ольга")
    expect(card).to_contain_text("ещё не было")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391

    card.get_by_role("link", name="Записать встречу").click()
    expect(page.get_by_label("Вид встречи")).to_have_value("acquaintance")
    page.get_by_label("Тема").fill("Знакомство и ожидания")
    page.get_by_label("Дистанционно").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    screenshot(page, "meeting-form-phone")
    page.get_by_role("button", name="Записать встречу").click()

    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Знакомство и ожидания")
    expect(timeline).to_contain_text("Встреча-знакомство · дистанционно")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    screenshot(page, "pair-timeline-phone")
    assert mentor_pair.meetings.get().recorded_by.username == "teacher"
