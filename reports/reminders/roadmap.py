"""Roadmap items due within a week and overdue, to the person responsible.

``RoadmapItem.responsible_user`` names the person when the curator chose one. Otherwise the item
has only the text of the template («Куратор», «Директор», «Рабочая группа», «Наставники»,
«Педагог-психолог»…) or a name typed by hand: a text naming a role of the school's staff goes to
the holders of that role, a text equal to a staff member's name («Тимофеева М.А.») to that
person, and anything else to the curators, who run the programme day to day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from mentoring.models import Role, User
from mentoring.text import days
from stages.models import RoadmapItem

from ..models import ReminderKind
from .base import (
    STAFF,
    Line,
    Reminder,
    address_of,
    current_programmes,
    greeting_for,
    staff_by_school,
)

AHEAD_DAYS = 7
ROLE_WORDS = {
    Role.CURATOR: ("куратор",),
    Role.DIRECTOR: ("директор",),
    Role.WORKING_GROUP: ("рабочая группа", "рабочей группы"),
}


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace(".", ". ").split())


def responsible_users(item: RoadmapItem, staff: dict[str, list[User]]) -> list[User]:
    """Who is reminded of the item (see the module's note)."""
    if item.responsible_user_id:
        return [item.responsible_user] if item.responsible_user.is_active else []
    text = _normal(item.responsible)
    for users in staff.values():
        for user in users:
            if text and text in (_normal(user.short_name), _normal(user.full_name)):
                return [user]
    by_role = [
        user
        for role, words in ROLE_WORDS.items()
        # «Заместитель директора» is not the director: the curator hears of it.
        if any(word in text for word in words) and not text.startswith("заместител")
        for user in staff.get(role, [])
    ]
    return list(dict.fromkeys(by_role)) or list(staff.get(Role.CURATOR, []))


def line_for(item: RoadmapItem, day: datetime.date) -> Line:
    activity = " ".join(item.activity.split())
    if len(activity) > 160:
        activity = activity[:159] + "…"
    if item.deadline < day:
        late = (day - item.deadline).days
        deadline = f"{item.deadline:%d.%m.%Y}"
        text = f"Просрочено на {days(late)} (срок {deadline}): {item.number} {activity}"
        period = f"overdue:{item.deadline.isoformat()}"
    else:
        left = (item.deadline - day).days
        when = "сегодня" if left == 0 else f"через {days(left)}"
        text = f"Срок {when}, {item.deadline:%d.%m.%Y}: {item.number} {activity}"
        period = f"due:{item.deadline.isoformat()}"
    return Line(text, item.get_absolute_url(), f"roadmap_item:{item.pk}", period)


def collect(day: datetime.date, schools=None) -> list[Reminder]:
    programmes = current_programmes(day, schools)
    if not programmes:
        return []
    by_programme = {programme.pk: programme for programme in programmes}
    items = (
        RoadmapItem.objects.open()
        .filter(
            programme_id__in=list(by_programme),
            deadline__isnull=False,
            deadline__lte=day + datetime.timedelta(days=AHEAD_DAYS),
        )
        .select_related("responsible_user")
        .order_by("deadline", "stage__number", "position", "id")
    )
    staff = staff_by_school([p.school_id for p in programmes], STAFF)
    grouped: dict[tuple[int, int], list[Line]] = defaultdict(list)
    users: dict[int, User] = {}
    for item in items:
        school = by_programme[item.programme_id].school
        for user in responsible_users(item, staff.get(school.pk, {})):
            users[user.pk] = user
            grouped[(user.pk, school.pk)].append(line_for(item, day))
    schools_by_id = {p.school_id: p.school for p in programmes}
    reminders = []
    for (user_id, school_id), lines in grouped.items():
        user = users[user_id]
        overdue = sum(1 for line in lines if line.period_key.startswith("overdue"))
        school = schools_by_id[school_id]
        reminders.append(
            Reminder(
                kind=ReminderKind.ROADMAP,
                email=address_of(user),
                user=user,
                subject=f"Дорожная карта: сроки мероприятий — {school.short_name}",
                intro=(
                    f"Мероприятия дорожной карты программы наставничества {school.short_name}, "
                    f"за которые вы отвечаете: срок в ближайшие {AHEAD_DAYS} дней — "
                    f"{len(lines) - overdue}, просрочено — {overdue}."
                ),
                lines=lines,
                school_id=school_id,
                greeting=greeting_for(user),
            )
        )
    return reminders
