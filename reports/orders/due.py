"""Which order a programme needs next, and which kinds of order a school issues once a year.

The next order due is the one its roadmap waits for first: the open roadmap item with an order
kind and the earliest deadline, whose order is neither in work nor (for a once-a-year kind)
approved already. Without such an item it is the first kind, in the roadmap's order, still
missing. A second order of a once-a-year kind needs a reason, kept in the order's history.
"""

from __future__ import annotations

from django.db.models import F

from mentoring.models import Programme
from stages.models import OrderKind, RoadmapItem

from ..models import Order

# New pairs, new awards and each young specialist get an order of their own during the year.
REPEATED = frozenset({OrderKind.PAIRS, OrderKind.AWARDS, OrderKind.TEACHER_MENTOR})
REASON_LABEL = "Причина повторного приказа"


def once_a_year(kind: str) -> bool:
    return kind not in REPEATED


def approved_once(programme: Programme) -> dict[str, Order]:
    """The first approved order of each once-a-year kind."""
    found: dict[str, Order] = {}
    approved = programme.orders.filter(status=Order.Status.APPROVED).order_by(
        "order_date", "number"
    )
    for order in approved:
        if once_a_year(order.kind):
            found.setdefault(order.kind, order)
    return found


def next_due(programme: Programme) -> str | None:
    in_work = set(
        programme.orders.exclude(status=Order.Status.APPROVED).values_list("kind", flat=True)
    )
    settled = in_work | set(approved_once(programme))
    waiting = (
        RoadmapItem.objects.filter(programme=programme)
        .exclude(order_kind="")
        .exclude(status__in=[RoadmapItem.Status.DONE, RoadmapItem.Status.CANCELLED])
        .order_by(F("deadline").asc(nulls_last=True), "stage__number", "position")
        .values_list("order_kind", flat=True)
    )
    for kind in waiting:
        if kind not in settled:
            return kind
    return next((kind for kind in OrderKind.values if kind not in settled), None)
