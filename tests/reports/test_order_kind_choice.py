"""Which order the documents page offers to draft, and a second order of a once-a-year kind."""

import datetime
import re

import pytest
from django.urls import reverse

from reports.models import Order, OrderEvent
from reports.orders import due, services
from stages.models import OrderKind, RoadmapItem

pytestmark = pytest.mark.django_db


def _approved(programme, kind, curator, director):
    order = services.create_order(programme, kind, by=curator)
    services.submit(order, by=curator)
    return services.approve(order, by=director, today=datetime.date(2026, 9, 15))


def _selected(html: str) -> str:
    select = re.search(r'<select[^>]*id="new-order-kind"[^>]*>(.*?)</select>', html, re.S)
    chosen = re.findall(r'<option value="(\w*)"[^>]*\sselected[^>]*>([^<]*)', select.group(1))
    assert len(chosen) == 1, chosen
    return chosen[0]


def _documents(client, programme) -> str:
    return client.get(reverse("reports:documents", args=[programme.pk])).content.decode()


@pytest.mark.today("2026-09-20")
def test_the_kind_preselected_is_the_next_due_never_an_approved_one(
    client, programme, curator, director
):
    first_due = (
        RoadmapItem.objects.filter(programme=programme)
        .exclude(order_kind="")
        .order_by("deadline", "stage__number", "position")
        .first()
        .order_kind
    )
    client.force_login(curator)
    value, label = _selected(_documents(client, programme))
    assert value == first_due and "уже утверждён" not in label
    assert "следующий по дорожной карте" in label

    _approved(programme, first_due, curator, director)
    value, label = _selected(_documents(client, programme))
    assert value != first_due and value == due.next_due(programme)
    assert "уже утверждён" not in label


@pytest.mark.today("2026-09-20")
def test_a_second_once_a_year_order_needs_a_reason_kept_in_its_history(
    client, programme, curator, director
):
    earlier = _approved(programme, OrderKind.IMPLEMENTATION, curator, director)
    client.force_login(curator)
    page = _documents(client, programme)
    assert re.search(r'<option value="implementation" data-needs-reason', page)
    assert "Причина повторного приказа" in page and "js/repeat-order.js" in page
    create = reverse("reports:order_create", args=[programme.pk])

    refused = client.post(create, {"kind": "implementation", "reason": "  "}, follow=True)
    assert Order.objects.filter(kind=OrderKind.IMPLEMENTATION).count() == 1
    assert (
        f"уже утверждён (приказ от 15.09.2026 № {earlier.number}). Такой приказ издаётся раз в "
        "год: чтобы подготовить второй, укажите причину повторного приказа."
    ) in refused.content.decode()

    client.post(create, {"kind": "implementation", "reason": "Смена директора школы"})
    again = Order.objects.filter(kind=OrderKind.IMPLEMENTATION).exclude(pk=earlier.pk).get()
    created = again.events.get(action=OrderEvent.Action.CREATED)
    assert created.comment == "Причина повторного приказа: Смена директора школы"
    detail = client.get(reverse("reports:order_detail", args=[again.pk])).content.decode()
    assert "Причина повторного приказа: Смена директора школы" in detail


@pytest.mark.today("2026-09-20")
def test_orders_issued_during_the_year_need_no_reason(client, programme, curator, director):
    assert not due.once_a_year(OrderKind.PAIRS)
    client.force_login(curator)
    create = reverse("reports:order_create", args=[programme.pk])
    client.post(create, {"kind": "awards"})
    client.post(create, {"kind": "awards"})
    assert Order.objects.filter(kind=OrderKind.AWARDS).count() == 2
    assert due.once_a_year(OrderKind.COMMISSION) and due.once_a_year(OrderKind.MENTOR_REGISTRY)
