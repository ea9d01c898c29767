import datetime

import pytest
from playwright.sync_api import expect

from registry import health, health_checks
from registry import reference as registry_reference
from registry.models import DiaryEntry, Meeting, MentoringForm, Pair

from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory
from .conftest import log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.today("2026-11-26"),
]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def idle_pair(programme, today, monkeypatch):
    # The registry's checks only: the support contacts and the pulse add concerns of their own.
    monkeypatch.setattr(health, "_CHECKS", list(health_checks.CHECKS))
    registry_reference.load_forms()
    school = programme.school
    pair = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=school, last_name="Шевчук")),
        form=MentoringForm.objects.get(code="teacher_teacher"),
        status=Pair.Status.ACTIVE,
        starts_on=today - 60 * DAY,
    )
    pair.mentees.set(
        [
            MenteeFactory(
                programme=programme,
                participant=StudentFactory(school=school, last_name="Смирнова", first_name="Ольга"),
            )
        ]
    )
    Meeting.objects.create(pair=pair, held_on=today - 40 * DAY, topic="Планирование")
    DiaryEntry.objects.create(
        pair=pair, diary=DiaryEntry.Diary.MENTOR, written_on=today - 2 * DAY, text="Готовимся"
    )
    return pair


def test_curator_works_through_the_queue(page, live_server, programme, curator, idle_pair, today):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/pairs/")
    page.get_by_role("link", name="Требует внимания: 1").click()
    card = page.locator(f"#attention-{idle_pair.pk}")
    expect(card).to_contain_text("Смирнова Ольга")
    expect(card).to_contain_text(f"Нет встреч 40 дней: последняя была {today - 40 * DAY:%d.%m.%Y}")
    expect(card).to_contain_text("Опасно")
    screenshot(page, "attention-queue")

    card.get_by_role("link", name="Связаться с наставником и записать встречу").click()
    page.get_by_label("Тема").fill("Разговор о трудностях после перерыва")
    page.get_by_role("button", name="Записать встречу").click()
    expect(page.locator("#timeline")).to_contain_text("Разговор о трудностях после перерыва")
    assert idle_pair.meetings.filter(held_on=today).exists()

    page.goto(f"{live_server.url}/programmes/{programme.pk}/attention/")
    expect(page.locator("body")).to_contain_text("Все пары в порядке")
    expect(page.locator(f"#attention-{idle_pair.pk}")).to_have_count(0)
    assert "Требует внимания: 0" in page.title()
