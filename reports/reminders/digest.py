"""The director's weekly digest: orders awaiting approval, overdue roadmap items, pairs needing
attention (``registry.health``).

Once per ISO week and school: on Monday, or at the first run of the week if Monday's was missed.
Pairs are named by their mentor and form only — no child's name travels in the digest.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.urls import reverse

from mentoring.models import Role
from registry import health
from registry.models import Pair
from stages.models import RoadmapItem

from ..models import Order, ReminderKind
from .base import Line, Reminder, address_of, current_programmes, greeting_for, staff_by_school
from .roadmap import line_for

LISTED = 10  # of each list; the rest as «и ещё N»


def week_key(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _more(lines: list[Line], total: int, url: str) -> list[Line]:
    if total > len(lines):
        lines.append(Line(f"…и ещё {total - len(lines)}", url, "", ""))
    return lines


def collect(day: datetime.date, schools=None) -> list[Reminder]:
    programmes = current_programmes(day, schools)
    if not programmes:
        return []
    by_school = {programme.school_id: programme for programme in programmes}
    orders = defaultdict(list)
    for order in Order.objects.filter(
        school_id__in=list(by_school), status=Order.Status.SUBMITTED
    ).order_by("updated_at", "id"):
        orders[order.school_id].append(order)
    overdue = defaultdict(list)
    for item in (
        RoadmapItem.objects.overdue(day)
        .filter(programme__in=programmes)
        .order_by("deadline", "stage__number", "position", "id")
    ):
        overdue[item.programme_id].append(item)
    pairs = list(
        Pair.objects.open()
        .filter(programme__in=programmes)
        .select_related("mentor__participant", "form")
        .order_by("mentor__participant__last_name", "id")
    )
    concerns = health.concerns(pairs, day)
    needing = defaultdict(list)
    for pair in pairs:
        if concerns.get(pair.pk):
            needing[pair.programme_id].append((pair, concerns[pair.pk]))
    directors = staff_by_school(list(by_school), [Role.DIRECTOR])

    reminders = []
    for school_id, programme in by_school.items():
        school = programme.school
        order_lines = _more(
            [
                Line(
                    f"Приказ «{o.title}» — передан {o.updated_at:%d.%m.%Y}",
                    o.get_absolute_url(),
                    "",
                    "",
                )
                for o in orders[school_id][:LISTED]
            ],
            len(orders[school_id]),
            reverse("reports:documents", args=[programme.pk]),
        )
        items = overdue[programme.pk]
        item_lines = _more(
            [line_for(item, day) for item in items[:LISTED]],
            len(items),
            reverse("stages:roadmap", args=[programme.pk]),
        )
        attention = needing[programme.pk]
        pair_lines = _more(
            [
                Line(
                    f"Наставник {pair.mentor.participant.short_name} ({pair.form.name}): "
                    + "; ".join(c.reason for c in found)
                    + f" — {found[0].action}",
                    pair.get_absolute_url(),
                    "",
                    "",
                )
                for pair, found in attention[:LISTED]
            ],
            len(attention),
            reverse("registry:pair_list", args=[programme.pk]),
        )
        if not (order_lines or item_lines or pair_lines):
            continue
        sections = [
            ("Ожидают вашего утверждения", len(orders[school_id]), order_lines),
            ("Просроченные мероприятия дорожной карты", len(items), item_lines),
            ("Пары, которым нужно внимание", len(attention), pair_lines),
        ]
        lines = []
        for title, total, section in sections:
            if section:
                lines.append(Line(f"{title}: {total}", "", "", ""))
                lines.extend(section)
        for user in directors.get(school_id, {}).get(Role.DIRECTOR, []):
            reminders.append(
                Reminder(
                    kind=ReminderKind.DIGEST,
                    email=address_of(user),
                    user=user,
                    subject=f"Наставничество: сводка недели — {school.short_name}",
                    intro=(
                        f"Сводка программы наставничества {school.short_name} на "
                        f"{day:%d.%m.%Y}: приказы на утверждение — {len(orders[school_id])}, "
                        f"просроченные мероприятия — {len(items)}, пары, которым нужно "
                        f"внимание, — {len(attention)}."
                    ),
                    lines=lines,
                    school_id=school_id,
                    greeting=greeting_for(user),
                    once=(f"school:{school_id}", week_key(day)),
                )
            )
    return reminders
