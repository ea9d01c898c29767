import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.models import Answer

from ..surveys.test_answering import make_invitation, make_questionnaire
from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def narrow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 391


def test_answer_by_link_from_a_phone(phone_page, live_server, programme):
    invitation = make_invitation(programme, make_questionnaire())
    page = phone_page
    page.goto(live_server.url + reverse("surveys:answer_by_link", args=[invitation.token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Обратная связь")
    assert narrow(page)

    page.get_by_label("Раз в неделю").check()
    page.get_by_label("Проекты").check()
    page.get_by_label("Да", exact=True).check()
    page.get_by_label("Что запомнилось?").fill("Поездка на олимпиаду")
    screenshot(page, "survey-link-phone")
    page.get_by_role("button", name="Отправить ответы").click()

    expect(page.locator("#answer-errors")).to_contain_text("Насколько полезно?")
    expect(page.locator("#answer-errors")).to_contain_text("Ответьте на этот вопрос")
    expect(page.get_by_label("Что запомнилось?")).to_have_value("Поездка на олимпиаду")
    expect(page.get_by_label("Проекты")).to_be_checked()
    assert narrow(page)

    page.locator(
        "#block-q{} label".format(
            invitation.distribution.questionnaire.questions.get(kind="scale").pk
        )
    ).filter(has_text="7").click()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы получены")
    assert narrow(page)
    assert Answer.objects.get(question__kind="scale").number == 7
