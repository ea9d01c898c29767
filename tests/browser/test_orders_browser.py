import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from registry.models import Mentor
from reports.models import Order
from tests.registry.factories import InterviewFactory, MentorFactory, ParticipantFactory

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registry_order_goes_from_curator_to_director_and_back(
    page, second_page, live_server, programme, curator, director
):
    director_page = second_page
    mentor = MentorFactory(
        participant=ParticipantFactory(
            school=programme.school,
            last_name="Ковалёва",
            first_name="Анна",
            middle_name="Ильинична",
        ),
        status=Mentor.Status.INTERVIEWED,
    )
    InterviewFactory(mentor=mentor, programme=programme)

    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/documents/")
    expect(page.get_by_text("Приказов пока нет")).to_be_visible()
    page.get_by_label("Вид приказа").select_option("mentor_registry")
    page.get_by_role("button", name="Подготовить проект").click()
    expect(page.get_by_text("Проект приказа подготовлен по данным программы")).to_be_visible()
    expect(page.get_by_label("Ковалёва Анна Ильинична — Прошёл собеседование")).to_be_checked()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".paper")).to_contain_text("Ковалёва Анна Ильинична")
    page.get_by_role("button", name="Передать директору на утверждение").click()
    expect(page.get_by_text("Приказ передан директору на утверждение.")).to_be_visible()

    log_in(director_page, live_server, "director")
    director_page.goto(f"{live_server.url}/schools/{programme.school_id}/")
    director_page.get_by_role("link", name="Об утверждении реестра наставников").click()
    director_page.get_by_label("Вернуть на доработку с комментарием").fill(
        "Укажите срок в пункте 2"
    )
    director_page.get_by_role("button", name="Вернуть куратору").click()
    expect(director_page.get_by_text("Приказ возвращён куратору на доработку.")).to_be_visible()
    # Drafting is the curator's (order.draft): the returned draft offers the director no edit.
    expect(director_page.get_by_role("link", name="Редактировать текст и списки")).to_have_count(0)

    page.goto(f"{live_server.url}/schools/{programme.school_id}/")
    page.get_by_role("link", name="Об утверждении реестра наставников").click()
    expect(page.get_by_text("«Укажите срок в пункте 2»").first).to_be_visible()
    page.get_by_role("link", name="Редактировать текст и списки").click()
    points = page.get_by_label("Пункты приказа (ПРИКАЗЫВАЮ:)")
    lines = points.input_value().splitlines()
    lines[1] = lines[1].rstrip(".") + " в срок до 01.10."
    points.fill("\n".join(lines))
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_role("button", name="Передать директору на утверждение").click()

    director_page.reload()
    director_page.get_by_role("button", name="Утвердить и присвоить номер").click()
    expect(director_page.get_by_text("Приказ утверждён: Приказ от")).to_be_visible()
    screenshot(director_page, "order-approved")

    order = Order.objects.get()
    assert order.number == 1
    with director_page.expect_download() as download:
        director_page.get_by_role("link", name="Скачать PDF").click()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(_read(download.value))).pages)
    assert "№ 1" in text and "в срок до 01.10." in text and "Ковалёва Анна Ильинична" in text
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.SELECTED


def _read(download) -> bytes:
    with open(download.path(), "rb") as handle:
        return handle.read()
