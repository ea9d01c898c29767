import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys.models import Answer, Distribution, Invitation, Question, Questionnaire, Response

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def answered_distribution(programme):
    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Удовлетворённость", purpose="satisfaction", audience="all"
    )
    scale = Question.objects.create(
        questionnaire=questionnaire,
        text="Насколько полезными были встречи?",
        kind="scale",
        position=1,
    )
    choice = Question.objects.create(
        questionnaire=questionnaire,
        text="Что было самым ценным?",
        kind="single",
        options=["встречи", "проекты"],
        position=2,
    )
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Удовлетворённость наставляемых",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    expires = timezone.now() + datetime.timedelta(days=5)
    for number, (value, option) in enumerate([(8, "встречи"), (6, "проекты"), (10, "встречи")]):
        invitation = Invitation.objects.create(
            distribution=distribution, respondent_name=f"Участник {number}", expires_at=expires
        )
        response = Response.objects.create(distribution=distribution, invitation=invitation)
        invitation.answered_at = timezone.now()
        invitation.save()
        Answer.objects.create(response=response, question=scale, number=value)
        Answer.objects.create(response=response, question=choice, choices=[option])
    Invitation.objects.create(
        distribution=distribution, respondent_name="Молчун", expires_at=expires
    )
    return distribution


def test_curator_reads_the_analytics(page, live_server, curator, answered_distribution):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}{answered_distribution.get_absolute_url()}")
    page.get_by_role("link", name="Результаты").click()
    expect(page.locator("#response-rate")).to_contain_text("3 из 4")
    expect(page.locator("body")).to_contain_text("среднее: 8,0")
    assert page.locator("svg").count() >= 2
    expect(page.locator("svg").first).to_contain_text("10")
    screenshot(page, "survey-analytics")
