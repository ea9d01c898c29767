"""What a reminder is, and the lookups the kinds share."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from mentoring.models import AcademicYear, Membership, Programme, Role, School, User


@dataclass(frozen=True)
class Line:
    """One thing reminded of: a sentence, where it is done, and its once-only key."""

    text: str
    url: str  # a path of the site; mails make it absolute
    object_key: str
    period_key: str


@dataclass
class Reminder:
    kind: str  # ReminderKind
    email: str  # empty: the person has no address, shown on the dashboard only
    user: User | None
    subject: str
    intro: str
    lines: list[Line] = field(default_factory=list)
    school_id: int | None = None
    greeting: str = ""
    # Sent once as a whole (the weekly digest) instead of once per line: (object, period).
    once: tuple[str, str] | None = None

    @property
    def recipient_key(self) -> tuple[str, object]:
        return ("user", self.user.pk) if self.user else ("email", self.email.lower())


def address_of(user: User | None) -> str:
    return (user.email or "").strip() if user is not None and user.is_active else ""


def greeting_for(user: User | None, fallback: str = "") -> str:
    if user is None:
        return fallback
    name = " ".join(part for part in (user.first_name, user.middle_name) if part)
    return name or user.full_name


def school_ids(schools) -> list[int] | None:
    """``None``: every school."""
    if schools is None:
        return None
    return [school.pk if isinstance(school, School) else school for school in schools]


def current_programmes(day: datetime.date, schools=None) -> list[Programme]:
    """The schools' programmes of the academic year of ``day`` that are not archived."""
    year = AcademicYear.objects.current(day)
    if year is None:
        return []
    programmes = Programme.objects.filter(year=year, archived_at__isnull=True).select_related(
        "school", "year"
    )
    ids = school_ids(schools)
    if ids is not None:
        programmes = programmes.filter(school_id__in=ids)
    return list(programmes)


def staff_by_school(ids: list[int], roles) -> dict[int, dict[str, list[User]]]:
    """{school id: {role: [active users]}}, one query."""
    found: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
    memberships = (
        Membership.objects.filter(school_id__in=ids, role__in=list(roles), user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user_id")
    )
    for membership in memberships:
        found[membership.school_id][membership.role].append(membership.user)
    return found


HEADS = (Role.CURATOR, Role.DIRECTOR)
STAFF = (Role.CURATOR, Role.DIRECTOR, Role.WORKING_GROUP)
