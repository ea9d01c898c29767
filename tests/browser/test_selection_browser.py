import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registry.models import Mentor, SelectionCommission

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_selects_a_mentor_into_the_registry(
    page, live_server, programme, curator, mentor, request_categories
):
    name = mentor.participant.full_name
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/selection/")
    expect(page.get_by_text("Конкурсная комиссия ещё не сформирована")).to_be_visible()

    page.get_by_role("link", name="Сформировать комиссию").click()
    expect(page.get_by_label("ФИО, строка 1")).to_have_value(programme.school.director_name)
    expect(page.get_by_label("ФИО, строка 2")).to_have_value(curator.full_name)
    page.get_by_label("ФИО, строка 3").fill("Карпов Никита Олегович")
    page.get_by_label("Должность, строка 3").fill("Педагог-психолог")
    page.get_by_label("Роль в комиссии, строка 3").select_option("member")
    page.get_by_role("button", name="Сохранить состав комиссии").click()
    expect(page.get_by_text("Состав конкурсной комиссии сохранён.")).to_be_visible()
    expect(page.locator("#commission")).to_contain_text("Карпов Никита Олегович")

    page.locator("#candidates").get_by_role("link", name="провести собеседование").click()
    expect(page.get_by_label("Наставник")).to_have_value(str(mentor.pk))
    page.get_by_label("Дата собеседования").fill(timezone.localdate().isoformat())
    page.get_by_label("Психологическая готовность").select_option("high")
    page.get_by_label("Решение").select_option(
        label="Рекомендовать к включению в реестр наставников"
    )
    page.get_by_label("Заключение комиссии").fill("Готов к работе с наставляемыми")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#interviews")).to_contain_text(name)

    page.locator("#recommended").get_by_label(name).check()
    page.get_by_role("button", name="Включить в реестр наставников").click()
    expect(page.get_by_text(f"Включены в реестр наставников: {name}.")).to_be_visible()
    expect(page.locator("#registry")).to_contain_text(name)
    expect(page.locator("#registry")).to_contain_text("Решение конкурсной комиссии")
    screenshot(page, "selection-after-registry")

    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.SELECTED
    assert SelectionCommission.objects.get(programme=programme).members.count() == 3
