"""WCAG 2.1 AA (ГОСТ Р 52872-2019): axe-core over the main pages of every role, and the two
everyday tasks done with the keyboard alone."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from registry import reference as registry_reference
from registry.models import Meeting, MentoringForm, Pair

from ..main_pages import ROLES, build_world
from ..registry.factories import (
    MentorFactory,
    ParticipantFactory,
    ready_mentee,
    ready_student_mentor,
)
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / ".node/node_modules/axe-core/axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
BLOCKING = ("critical", "serious")
# Rules of lesser impact that the site keeps anyway: every table column has a header.
ALSO_BLOCKING = ("empty-table-header",)


@pytest.fixture
def axe_browser(browser):
    """Contexts that let the page take axe-core's script despite the site's CSP."""
    if not AXE.exists():
        pytest.skip("axe-core is not in .node/ (scripts/test installs it)")
    contexts = []

    def open_page(**options):
        context = browser.new_context(locale="ru-RU", bypass_csp=True, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{page.url} [{v['impact']}] {v['id']}: {node['target'][0]} — {node['failureSummary']}"
        for v in found
        if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.today("2026-10-15")
@pytest.mark.parametrize("role", ROLES)
def test_main_pages_have_no_serious_accessibility_violations(axe_browser, live_server, role):
    pages = build_world()[role]
    page = axe_browser(**(PHONE if role == "mentor" else DESKTOP))
    if pages.username:
        log_in(page, live_server, pages.username)
    found = []
    for url in pages.urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        found += violations(page)
    assert not found, f"{len(found)} violations on {len(pages.urls)} pages:\n" + "\n".join(found)


FOCUSED = """() => {
    const e = document.activeElement;
    const label = e.labels && e.labels.length
        ? e.labels[0].innerText : e.getAttribute("aria-label");
    return [(e.innerText || "").trim(), (label || "").trim()];
}"""


def tab_to(page, name: str, limit: int = 120) -> None:
    """Presses Tab until the focused control's text or label starts with ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if any(text.startswith(name) for text in page.evaluate(FOCUSED)):
            return
    pytest.fail(f"«{name}» cannot be reached with Tab on {page.url}")


def follow(page) -> None:
    """Presses Enter on the focused link or button and waits for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in_by_keyboard(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "Имя пользователя")
    page.keyboard.type(username)
    tab_to(page, "Пароль")
    page.keyboard.type("secret-pass-123")
    follow(page)


@pytest.fixture
def keyboard_world(programme, curator, mentor_user):
    registry_reference.load_forms()
    mentor = ready_student_mentor(programme.school, class_name="10А")
    mentor.competencies.set([])
    mentee = ready_mentee(programme, class_name="6Б", last_name="Смирнова", first_name="Ольга")
    teacher = MentorFactory(
        participant=ParticipantFactory(school=programme.school, user=mentor_user)
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=teacher,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([ready_mentee(programme, last_name="Орлова", first_name="Анна")])
    return mentor, mentee, pair


@pytest.mark.today("2026-10-15")
def test_curator_forms_a_pair_with_the_keyboard_alone(page, live_server, keyboard_world):
    mentor, mentee, _ = keyboard_world
    log_in_by_keyboard(page, live_server, "curator")
    page.goto(f"{live_server.url}{mentee.get_absolute_url()}")
    tab_to(page, "Подобрать наставника")
    follow(page)
    tab_to(page, "Сформировать пару")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Наставническая пара")).to_be_visible()
    pair = Pair.objects.get(mentor=mentor)
    assert list(pair.mentees.all()) == [mentee]


@pytest.mark.today("2026-10-15")
def test_mentor_records_a_meeting_with_the_keyboard_alone(page, live_server, keyboard_world):
    _, _, pair = keyboard_world
    log_in_by_keyboard(page, live_server, "mentor")
    page.goto(f"{live_server.url}/my/pairs/")
    tab_to(page, "Записать встречу")
    follow(page)
    tab_to(page, "Тема")
    page.keyboard.type("Знакомство и ожидания")
    tab_to(page, "Очно")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Записать встречу")
    page.keyboard.press("Enter")

    expect(page.locator("#timeline")).to_contain_text("Знакомство и ожидания")
    meeting = pair.meetings.get()
    assert meeting.topic == "Знакомство и ожидания"
    assert meeting.format == Meeting.Format.ONLINE
