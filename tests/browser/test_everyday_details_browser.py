"""What a curator sees in Chromium: list filters, the role models of the chosen form, the reason
for a second order of a kind issued once a year, and survey chart labels that fit."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from registry import reference
from registry.models import MentoringForm, RoleModel
from reports.models import Order
from reports.orders import services
from stages.models import OrderKind
from surveys.analytics.charts import LABEL_ROOM, bar_chart

from ..registry.factories import MenteeFactory, ParticipantFactory, StudentFactory
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentee_search_and_filters_keep_each_other_and_say_what_is_shown(
    page, live_server, programme, curator
):
    teacher = ParticipantFactory(school=programme.school, last_name="Лебедева")
    MenteeFactory(programme=programme, participant=teacher)
    for last_name, class_name in (("Лебедев", "5А"), ("Орлов", "1А")):
        student = StudentFactory(
            school=programme.school, last_name=last_name, class_name=class_name
        )
        MenteeFactory(programme=programme, participant=student)
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}{reverse('registry:mentee_list', args=[programme.pk])}")
    grade = page.get_by_label("Параллель")
    expect(grade).to_have_value("")

    page.get_by_label("Поиск по ФИО").fill("Лебедев")
    page.get_by_role("button", name="Показать").click()
    table = page.locator("#mentee-table")
    expect(table).to_contain_text("Лебедева")
    expect(page.locator("#filter-summary")).to_contain_text("Показаны: поиск «Лебедев» — 2 из 3.")

    page.get_by_label("Параллель").select_option("5")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_label("Поиск по ФИО")).to_have_value("Лебедев")
    expect(page.locator("#filter-summary")).to_contain_text(
        "поиск «Лебедев», параллель: 5 класс — 1 из 3."
    )
    expect(table).not_to_contain_text("Лебедева")

    page.locator("#filter-summary").get_by_role("link", name="Сбросить").click()
    expect(page.locator("#filter-summary")).to_have_count(0)
    expect(page.locator("#mentee-table tbody tr")).to_have_count(3)


def test_role_model_list_follows_the_chosen_form(page, live_server, programme, curator):
    reference.load_forms()
    form = MentoringForm.objects.get(code="student_student")
    own = {str(pk) for pk in RoleModel.objects.filter(form=form).values_list("pk", flat=True)}
    assert own and RoleModel.objects.exclude(form=form).exists()
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}{reverse('registry:pair_create', args=[programme.pk])}")
    page.get_by_label("Форма наставничества").select_option(str(form.pk))
    offered = page.locator("#id_role_model option:not([disabled])").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )
    assert set(offered) == own
    hidden = page.locator("#id_role_model option[hidden]")
    expect(hidden).to_have_count(RoleModel.objects.exclude(form=form).count())


def test_second_order_of_a_once_a_year_kind_asks_for_a_reason(
    page, live_server, programme, curator, director
):
    first = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    services.submit(first, by=curator)
    services.approve(first, by=director, today=datetime.date(2026, 9, 15))
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}{reverse('reports:documents', args=[programme.pk])}")
    kind = page.locator("#new-order-kind")
    expect(kind).not_to_have_value("implementation")
    reason = page.get_by_label("Причина повторного приказа")
    expect(reason).to_be_hidden()

    kind.select_option("implementation")
    expect(reason).to_be_visible()
    page.get_by_role("button", name="Подготовить проект").click()
    assert reason.evaluate("field => field.validity.valueMissing")

    reason.fill("Смена директора школы")
    page.get_by_role("button", name="Подготовить проект").click()
    expect(page.get_by_role("button", name="Сохранить")).to_be_visible()
    second = Order.objects.exclude(pk=first.pk).get(kind=OrderKind.IMPLEMENTATION)
    page.goto(f"{live_server.url}{second.get_absolute_url()}")
    expect(page.locator("body")).to_contain_text("Причина повторного приказа: Смена директора")


def test_survey_chart_labels_stay_inside_their_column(page):
    labels = [
        "Профессиональное самоопределение и выбор профессии",
        "Скорее удовлетворён(а), чем нет",
        "Затрудняюсь ответить",
        "Да",
    ]
    page.set_content(f"<!doctype html><body>{bar_chart([(label, 3) for label in labels])}</body>")
    edges = page.locator(".bar-chart g").evaluate_all(
        "groups => groups.map(g => { const box = g.querySelector('text').getBBox();"
        " return [box.x, box.x + box.width]; })"
    )
    assert len(edges) == len(labels)
    for left, right in edges:
        assert left >= 0 and right <= LABEL_ROOM + 1, edges
