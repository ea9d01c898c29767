"""Deadlines inside an order: counted from the order's date, and never set twice.

A deadline relative to the order is written «в течение 30 дней со дня издания приказа
(до 31.10.2026)»: the words say how it is counted, the date in brackets is counted from the
order's date. While the order is a draft that date is the day it is looked at (the day it would
be approved); approval counts it again from the approval date before the text is frozen. A
date written without those words («в срок до 01.10.2026») is the curator's own and stays.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from stages.models import OrderKind

from ..models import Order

RELATIVE = re.compile(
    r"(?P<rule>в\s+течение\s+(?P<count>\d{1,3})\s+(?:календарн\w*\s+)?"
    r"(?P<unit>дн\w*|день|недел\w*)\s+со\s+дня\s+(?:издания|подписания)\s+"
    r"(?:настоящего\s+)?приказа)"
    r"(?:\s*\(\s*до\s+\d{1,2}\.\d{1,2}\.\d{4}\s*\))?",
    re.IGNORECASE,
)
RULE_HELP = (
    "Срок «в течение N дней со дня издания приказа (до …)» считается от даты приказа: "
    "дата в скобках пересчитывается при утверждении."
)


def _genitive(count: int, one: str, many: str) -> str:
    """«в течение 21 дня», «в течение 30 дней»."""
    return one if count % 10 == 1 and count % 100 != 11 else many


def within(days: int, on: datetime.date) -> str:
    """«в течение 30 дней со дня издания приказа (до 31.10.2026)», counted from ``on``."""
    unit = _genitive(days, "дня", "дней")
    due = on + datetime.timedelta(days=days)
    return f"в течение {days} {unit} со дня издания приказа (до {due:%d.%m.%Y})"


def _due(match: re.Match, on: datetime.date) -> datetime.date:
    count = int(match["count"])
    weeks = match["unit"].lower().startswith("недел")
    return on + datetime.timedelta(days=count * 7 if weeks else count)


def recount(text: str, on: datetime.date) -> str:
    """The text with every relative deadline counted from ``on``."""
    return RELATIVE.sub(lambda match: f"{match['rule']} (до {_due(match, on):%d.%m.%Y})", text)


def sets_relative_deadline(text: str) -> bool:
    return RELATIVE.search(text) is not None


def cited(order: Order) -> str:
    """«приказом от 20.10.2026 № 3», how a later paper refers to an approved order."""
    return f"приказом от {order.order_date:%d.%m.%Y} № {order.number}"


@dataclass(frozen=True)
class Task:
    """Work that an order of ``kind`` gives a deadline, counted from the order's date.

    ``marker`` is the words of the drafted point that name the work, ``done_by`` the kind of
    order whose approval completes it, ``once`` whether an earlier approved order of the same
    kind has already set the same deadline (the selection of mentors is set once a year; the
    plans of each new set of pairs are not).
    """

    kind: str
    days: int
    marker: str
    done_by: str = ""
    once: bool = True


TASKS = {
    OrderKind.IMPLEMENTATION: Task(
        OrderKind.IMPLEMENTATION,
        30,
        "разработать Положение о наставничестве",
        done_by=OrderKind.REGULATIONS_ROADMAP,
    ),
    OrderKind.COMMISSION: Task(
        OrderKind.COMMISSION, 45, "провести отбор наставников", done_by=OrderKind.MENTOR_REGISTRY
    ),
    OrderKind.PAIRS: Task(OrderKind.PAIRS, 14, "индивидуальные планы развития", once=False),
}


@dataclass(frozen=True)
class Standing:
    """Where a task stands on a day: already done by an approved order, or its deadline
    already set by an earlier approved order of the same kind (or neither)."""

    done_by: Order | None = None
    set_by: Order | None = None

    @property
    def settled(self) -> bool:
        return self.done_by is not None or self.set_by is not None


def standing(order: Order, task: Task, on: datetime.date) -> Standing:
    approved = (
        Order.objects.filter(
            programme=order.programme_id, status=Order.Status.APPROVED, order_date__lte=on
        )
        .exclude(pk=order.pk)
        .order_by("order_date", "number")
    )
    done_by = approved.filter(kind=task.done_by).first() if task.done_by else None
    set_by = approved.filter(kind=task.kind).first() if task.once else None
    return Standing(done_by=done_by, set_by=set_by)
