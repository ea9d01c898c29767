"""«Новый учебный год» in a real browser: preview, choices, confirmation, the new year's base,
the old year read-only, and a second confirmation from a stale page that changes nothing."""

import pytest
from playwright.sync_api import expect

from mentoring.models import Programme
from registry.models import Mentee, Pair, Participant, YearTurn
from tests.registry.year_turn_world import build_old_year

from .conftest import log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.today("2027-09-02"),
]


@pytest.fixture
def world(reference_data, request_categories, forms, school):
    return build_old_year(school)


def _state():
    return (
        Mentee.objects.count(),
        Pair.objects.count(),
        Programme.objects.count(),
        list(Participant.objects.order_by("pk").values_list("kind", "class_name")),
    )


def test_curator_starts_the_new_year_once(page, second_page, live_server, world, curator, director):
    preview_url = f"{live_server.url}/programmes/{world.programme.pk}/new-year/"
    # The director opens the preview too, and will confirm it after the curator has.
    log_in(second_page, live_server, "director")
    second_page.goto(preview_url)
    expect(second_page.get_by_role("button", name="Начать 2027/2028 учебный год")).to_be_visible()

    log_in(page, live_server, "curator")
    offer = page.locator("#year-turn-offer")
    expect(offer).to_contain_text("Учебный год 2026/2027 закончился")
    offer.get_by_role("link", name="Новый учебный год").click()
    expect(page.get_by_role("heading", name="Новый учебный год 2027/2028")).to_be_visible()
    expect(page.locator("#class-moves")).to_contain_text("8А")
    expect(page.locator(f"#turn-pair-{world.graduate_pair.pk}")).to_contain_text(
        "продолжит как «Студент – ученик»"
    )
    expect(page.locator("#year-turn-flags")).to_contain_text("просрочена")
    expect(page.locator(f"#carry-{world.waiting.pk}")).to_be_checked()

    page.locator(f"#id_pair_{world.teacher_pair.pk}").select_option("complete")
    page.locator(f"#id_reason_{world.teacher_pair.pk}").fill("Молодой специалист освоился.")
    page.locator(f"#carry-{world.gone.pk}").check()
    screenshot(page, "year-turn-preview")
    page.get_by_role("button", name="Начать 2027/2028 учебный год").click()

    done = page.locator("#year-turn-done")
    expect(done).to_contain_text("Новый учебный год 2027/2028 начат")
    expect(page.locator("#year-turn-summary")).to_contain_text("3 — пар и групп продолжают")
    screenshot(page, "year-turn-done")
    state = _state()

    page.get_by_role("link", name="База наставляемых 2027/2028").click()
    table = page.locator("#mentee-table")
    expect(table.locator("tr", has_text="Смирнова")).to_contain_text("8А класс")
    expect(table.locator("tr", has_text="Павлова")).to_contain_text("8 А класс")
    expect(table.locator("tr", has_text="Волков")).to_contain_text("7Б класс")
    expect(table).not_to_contain_text("Выпускникова")
    expect(table).not_to_contain_text("Молодцова")

    # The old year is read-only: an edit of its mentee base is refused with the archive message.
    page.goto(f"{live_server.url}/mentees/{world.waiting.pk}/edit/")
    page.get_by_role("button", name="Сохранить").click()
    expect(
        page.get_by_text("Программа 2026/2027 в архиве: данные только для чтения.")
    ).to_be_visible()
    page.goto(f"{live_server.url}/programmes/{world.programme.pk}/roadmap/")
    expect(page.get_by_role("status")).to_contain_text("в архиве")
    expect(page.get_by_role("link", name="Новый учебный год")).to_have_count(0)

    # The director's stale page confirms again: nothing changes, the page says it is done.
    second_page.get_by_role("button", name="Начать 2027/2028 учебный год").click()
    expect(second_page.get_by_text("уже начат: повторно ничего не изменено")).to_be_visible()
    expect(second_page.locator("#year-turn-done")).to_be_visible()
    assert _state() == state
    assert YearTurn.objects.get().done_by == curator
