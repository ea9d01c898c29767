"""When a roadmap item was done: becoming done stamps the day, staying done keeps the first
stamp, leaving done clears it — the same through the service, the status button and the form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stages import services
from stages.models import RoadmapItem

DONE = RoadmapItem.Status.DONE
PLANNED = RoadmapItem.Status.PLANNED
IN_PROGRESS = RoadmapItem.Status.IN_PROGRESS


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def earlier(today):
    return _noon(today - datetime.timedelta(days=40))


@pytest.fixture
def item(programme):
    return programme.roadmap_items.order_by("position").first()


def _through_service(client, item, status, user):
    services.set_item_status(item, status, by=user)


def _through_status_button(client, item, status, user):
    client.force_login(user)
    response = client.post(reverse("stages:item_status", args=[item.pk]), {"status": status})
    assert response.status_code == 302


def _through_form(client, item, status, user):
    client.force_login(user)
    response = client.post(
        reverse("stages:item_edit", args=[item.pk]),
        {
            "activity": item.activity,
            "deadline": item.deadline.isoformat() if item.deadline else "",
            "period": item.period,
            "responsible": item.responsible,
            "output_document": item.output_document,
            "status": status,
        },
    )
    assert response.status_code == 302


ENTRY_POINTS = pytest.mark.parametrize(
    "change", [_through_service, _through_status_button, _through_form], ids=lambda f: f.__name__
)


def _stored(item, status, completed_at):
    RoadmapItem.objects.filter(pk=item.pk).update(status=status, completed_at=completed_at)
    item.refresh_from_db()


@ENTRY_POINTS
def test_becoming_done_stamps_today(client, item, curator, today, change):
    _stored(item, PLANNED, None)
    change(client, item, DONE, curator)
    item.refresh_from_db()
    assert item.status == DONE
    assert timezone.localdate(item.completed_at) == today


@ENTRY_POINTS
def test_staying_done_keeps_the_first_stamp(client, item, curator, earlier, change):
    _stored(item, DONE, earlier)
    change(client, item, DONE, curator)
    item.refresh_from_db()
    assert item.status == DONE
    assert item.completed_at == earlier


@ENTRY_POINTS
def test_leaving_done_clears_the_stamp(client, item, curator, earlier, change):
    _stored(item, DONE, earlier)
    change(client, item, IN_PROGRESS, curator)
    item.refresh_from_db()
    assert item.status == IN_PROGRESS
    assert item.completed_at is None


def test_the_service_stamps_a_given_day(item, curator, today):
    day = today - datetime.timedelta(days=3)
    services.set_item_status(item, DONE, by=curator, on=day)
    item.refresh_from_db()
    assert item.completed_at == _noon(day)


@pytest.mark.parametrize("status, stamped", [(DONE, True), (PLANNED, False)])
def test_an_item_added_by_the_form(client, programme, curator, today, status, stamped):
    client.force_login(curator)
    response = client.post(
        reverse("stages:item_create", args=[programme.pk]),
        {
            "stage": programme.roadmap_items.first().stage_id,
            "activity": "Встреча с родителями",
            "deadline": today.isoformat(),
            "status": status,
        },
    )
    assert response.status_code == 302
    added = programme.roadmap_items.get(activity="Встреча с родителями")
    assert added.status == status
    if stamped:
        assert timezone.localdate(added.completed_at) == today
    else:
        assert added.completed_at is None


@pytest.mark.parametrize("approved_on", [0, 3], ids=["today", "three_days_ago"])
def test_approving_an_order_stamps_its_items_on_the_order_date(
    programme, curator, director, earlier, today, approved_on
):
    from reports.orders import services as orders
    from stages.models import OrderKind

    becoming = programme.roadmap_items.get(order_kind=OrderKind.IMPLEMENTATION)
    staying = RoadmapItem.objects.create(
        programme=programme,
        stage=becoming.stage,
        number="1.99",
        position=99,
        activity="Приказ уже издавался",
        order_kind=OrderKind.IMPLEMENTATION,
        status=DONE,
        completed_at=earlier,
    )
    order = orders.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    orders.submit(order, by=curator)
    day = today - datetime.timedelta(days=approved_on)
    orders.approve(order, by=director, today=day)
    becoming.refresh_from_db()
    staying.refresh_from_db()
    assert becoming.status == DONE
    assert timezone.localdate(becoming.completed_at) == day
    if approved_on:
        assert becoming.completed_at == _noon(day)
    assert staying.completed_at == earlier
