import re

import pytest
from playwright.sync_api import expect

from stages.models import RoadmapItem

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_marks_an_item_done_and_stage_progress_moves(page, live_server, programme, curator):
    stage_items = programme.roadmap_items.filter(stage__number=1)
    total = stage_items.count()
    item = stage_items.order_by("position").first()

    log_in(page, live_server, "curator")
    expect(page.get_by_role("heading", name=programme.school.short_name)).to_be_visible()
    page.get_by_role("link", name="Дорожная карта").first.click()
    progress = page.locator("#stage-progress-1")
    expect(progress).to_contain_text(f"Выполнено 0 из {total}")

    page.get_by_label(f"Статус мероприятия {item.number}").select_option("done")
    expect(progress).to_contain_text(f"Выполнено 1 из {total}")
    expect(page.locator("#overall-progress")).to_contain_text("Выполнено 1 из")
    expect(page.locator(f"#item-{item.pk}")).to_have_class(re.compile("is-done"))
    screenshot(page, "roadmap-after-status-change")

    item.refresh_from_db()
    assert item.status == RoadmapItem.Status.DONE
    page.reload()
    expect(page.locator("#stage-progress-1")).to_contain_text(f"Выполнено 1 из {total}")
    expect(page.get_by_label(f"Статус мероприятия {item.number}")).to_have_value("done")


def test_roadmap_downloads_from_the_page(page, live_server, programme, curator):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/roadmap/")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Скачать PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Скачать XLSX").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")


def test_roadmap_is_usable_at_phone_width(phone_page, live_server, programme, curator):
    log_in(phone_page, live_server, "curator")
    phone_page.goto(f"{live_server.url}/programmes/{programme.pk}/roadmap/")
    expect(phone_page.locator("#stage-1")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    screenshot(phone_page, "roadmap-phone")
