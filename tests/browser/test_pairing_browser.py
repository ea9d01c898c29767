import pytest
from playwright.sync_api import expect

from registry import reference
from registry.models import Mentee, Pair

from ..registry.factories import ready_mentee, ready_student_mentor
from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pairing_data(programme, request_categories):
    reference.load_forms()
    mentor = ready_student_mentor(programme.school, class_name="10А")
    mentor.competencies.set([])
    mentee = ready_mentee(programme, class_name="6Б", last_name="Смирнова", first_name="Ольга")
    return mentor, mentee


def test_curator_forms_a_pair_from_a_suggestion(
    page, live_server, programme, curator, pairing_data
):
    mentor, mentee = pairing_data
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}{mentee.get_absolute_url()}")
    page.get_by_role("link", name="Подобрать наставника").click()
    row = page.locator(f"#suggestion-table tr[data-mentor='{mentor.pk}']")
    expect(row).to_contain_text(mentor.participant.full_name)
    screenshot(page, "suggestions")
    row.get_by_role("button", name="Сформировать пару").click()
    expect(page.get_by_role("heading", name="Наставническая пара")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Смирнова Ольга")
    pair = Pair.objects.get()
    assert pair.mentor == mentor and list(pair.mentees.all()) == [mentee]
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.PAIRED
