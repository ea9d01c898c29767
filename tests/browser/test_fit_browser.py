"""Every section of a page is on the screen at 1366 px and at 390 px, without sideways scrolling."""

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 768), (390, 844)]


def _open(browser, live_server, username, path, width, height, *, mobile=None):
    # A mobile context zooms out to fit a page that is too wide, hiding the sideways scroll;
    # a narrow desktop window shows it.
    context = browser.new_context(
        locale="ru-RU",
        viewport={"width": width, "height": height},
        is_mobile=width < 500 if mobile is None else mobile,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, username)
    page.goto(f"{live_server.url}{path}")
    return context, page


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,height", SIZES)
def test_every_section_tab_is_on_the_screen(
    browser, live_server, programme, curator, width, height
):
    context, page = _open(
        browser, live_server, "curator", f"/programmes/{programme.pk}/mentors/", width, height
    )
    try:
        tabs = page.locator(".registry-tabs .nav-link")
        assert tabs.count() == 12
        for index in range(tabs.count()):
            box = tabs.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, tabs.nth(index).inner_text()
            assert tabs.nth(index).is_visible()
        _no_sideways_scroll(page)
    finally:
        context.close()


@pytest.mark.parametrize("width,height", [*SIZES, (1024, 768)])
def test_the_municipal_menu_fits(browser, live_server, municipality, officer, width, height):
    officer.last_name, officer.first_name, officer.middle_name = (
        "Егорова",
        "Наталья",
        "Владимировна",
    )
    officer.save()
    context, page = _open(
        browser, live_server, "officer", f"/municipalities/{municipality.pk}/", width, height
    )
    try:
        toggler = page.get_by_role("button", name="Меню")
        collapsed = toggler.is_visible()
        if collapsed:
            toggler.click()
            page.locator("#main-nav.show").wait_for()
        items = page.locator("#main-nav .nav-link")
        tops = set()
        for index in range(items.count()):
            box = items.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, items.nth(index).inner_text()
            tops.add(round(box["y"] + box["height"] / 2))
        if not collapsed:
            assert max(tops) - min(tops) <= 4, "the menu wraps onto a second line"
        _no_sideways_scroll(page)

        page.get_by_text("Егорова Н.В.").click()
        for name in ("Двухфакторная защита", "Выйти"):
            box = page.get_by_role(
                "link" if name != "Выйти" else "button", name=name
            ).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
        _no_sideways_scroll(page)
    finally:
        context.close()


@pytest.mark.today("2026-10-15")
@pytest.mark.parametrize("role", ["curator", "director", "mentor", "officer", "regional"])
def test_no_main_page_scrolls_sideways_on_a_phone(browser, live_server, role):
    from ..main_pages import build_world

    pages = build_world()[role]
    context, page = _open(
        browser, live_server, pages.username, pages.urls[0], 390, 844, mobile=False
    )
    try:
        wide = []
        for url in pages.urls:
            page.goto(f"{live_server.url}{url}")
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                wide.append(url)
        assert not wide, f"scroll sideways at 390 px: {wide}"
    finally:
        context.close()
