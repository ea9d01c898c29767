"""A user's calendar as iCalendar: what the feed and «Добавить в календарь» hand out.

What goes in depends on the user's roles, decided by mentoring/access.py for the feed's user:
- the mentor of a pair: the meetings of their own pairs, held and planned, with the mentees'
  short names (the mentor knows them);
- the school staff (curator, director, working group): deadlines of the roadmap, the monthly
  report days and the planned meetings of the school's pairs, named by the pair's number only —
  a feed lives in a third-party calendar service, so no child's name goes there;
- the municipal officer: the monthly report days.
Every query runs inside the scope of the user's schools (the caller opens it) and their number
does not grow with the number of events.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mentoring import access
from mentoring.models import AcademicYear, User
from mentoring.periods import first_of_month, month_bounds, month_name
from registry.models import Meeting, Pair
from stages.models import RoadmapItem

from ..models.monthly import cutoff_of

# How far back held meetings and passed deadlines stay in the feed.
HISTORY = datetime.timedelta(days=120)
DEFAULT_MINUTES = 60
PRODID = "-//Наставничество//Личный календарь//RU"


@dataclass(frozen=True)
class Event:
    uid: str  # "meeting-12": with the host it makes the event's UID, stable between requests
    day: datetime.date
    summary: str
    description: str = ""
    path: str = ""  # the page of the event in the app
    starts_at: datetime.time | None = None
    minutes: int | None = None


def meeting_event(meeting: Meeting, *, named: bool) -> Event:
    """One meeting; ``named`` — with the mentees' short names (the pair's own mentor)."""
    pair = meeting.pair
    kind = meeting.get_kind_display()
    if named:
        names = ", ".join(sorted(m.participant.short_name for m in pair.mentees.all()))
        summary = f"{kind}: {names}" if names else kind
        lines = [meeting.topic, f"Формат: {meeting.get_format_display().lower()}"]
    else:
        summary = f"{kind}, пара № {pair.pk}"
        lines = [f"Форма: {pair.form}", f"Формат: {meeting.get_format_display().lower()}"]
    return Event(
        uid=f"meeting-{meeting.pk}",
        day=meeting.held_on,
        summary=summary,
        description="\n".join(line for line in lines if line),
        path=reverse("registry:pair_timeline", args=[pair.pk]) + f"#meeting-{meeting.pk}",
        starts_at=getattr(meeting, "starts_at", None),
        minutes=meeting.duration_minutes,
    )


def _own_meetings(user: User, since: datetime.date) -> list[Meeting]:
    own = Pair.objects.filter(mentor__participant__user=user).values("pk")
    return list(
        Meeting.objects.filter(pair__in=own, held_on__gte=since)
        .select_related("pair")
        .prefetch_related("pair__mentees__participant")
        .order_by("held_on", "pk")
    )


def _school_meetings(schools: set[int], today: datetime.date, leave_out: set[int]):
    """Planned meetings of the schools' pairs."""
    return (
        Meeting.objects.filter(pair__programme__school__in=schools, held_on__gt=today)
        .exclude(pk__in=leave_out)
        .select_related("pair__form")
        .order_by("held_on", "pk")
    )


def _roadmap_events(schools: set[int], since: datetime.date) -> list[Event]:
    items = (
        RoadmapItem.objects.filter(
            programme__school__in=schools,
            programme__archived_at__isnull=True,
            deadline__gte=since,
        )
        .select_related("programme__school", "responsible_user")
        .order_by("deadline", "pk")
    )
    several = len(schools) > 1
    events = []
    for item in items:
        activity = " ".join(item.activity.split())
        if len(activity) > 120:
            activity = activity[:119].rstrip() + "…"
        summary = f"Срок по дорожной карте: {item.number} {activity}"
        if several:
            summary += f" ({item.programme.school.short_name})"
        lines = [
            item.programme.school.short_name,
            f"Мероприятие {item.number}: {' '.join(item.activity.split())}",
            f"Статус: {item.get_status_display().lower()}",
        ]
        if item.responsible_display:
            lines.append(f"Ответственный: {item.responsible_display}")
        events.append(
            Event(
                uid=f"roadmap-{item.pk}",
                day=item.deadline,
                summary=summary,
                description="\n".join(lines),
                path=item.get_absolute_url(),
            )
        )
    return events


def report_day_events(today: datetime.date) -> list[Event]:
    """The 25th of each month of the academic year: the monthly report to the centre (МНЦ)."""
    year = AcademicYear.for_date(today, create=False)
    events = []
    month = first_of_month(year.start_date)
    while month <= year.end_date:
        events.append(
            Event(
                uid=f"monthly-report-{month:%Y-%m}",
                day=cutoff_of(month),
                summary=f"Ежемесячный отчёт в МНЦ за {month_name(month)}",
                description="С 25-го числа школа открывает и сдаёт отчёт за месяц в "
                "муниципальный наставнический центр (МНЦ).",
            )
        )
        month = month_bounds(month)[1] + datetime.timedelta(days=1)
    return events


def feed_events(user: User, today: datetime.date) -> list[Event]:
    """Everything of the user's calendar; call inside the scope of the user's schools."""
    since = today - HISTORY
    own = _own_meetings(user, since)
    events = [meeting_event(meeting, named=True) for meeting in own]
    staff_schools = access.schools_where(user, "records.read")
    if staff_schools:
        leave_out = {meeting.pk for meeting in own}
        events += [
            meeting_event(meeting, named=False)
            for meeting in _school_meetings(staff_schools, today, leave_out)
        ]
        events += _roadmap_events(staff_schools, since)
    if access.schools_where(user, "school.read"):
        events += report_day_events(today)
    return sorted(events, key=lambda event: (event.day, event.uid))


def _vevent(event: Event, *, host: str, base_url: str, stamp: datetime.datetime):
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.uid}@{host}")
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    if event.starts_at is not None:
        local = ZoneInfo(settings.TIME_ZONE)
        starts = datetime.datetime.combine(event.day, event.starts_at, tzinfo=local)
        ends = starts + datetime.timedelta(minutes=event.minutes or DEFAULT_MINUTES)
        vevent.add("dtstart", starts.astimezone(datetime.UTC))
        vevent.add("dtend", ends.astimezone(datetime.UTC))
    else:
        vevent.add("dtstart", event.day)
        vevent.add("dtend", event.day + datetime.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    if event.path:
        url = base_url.rstrip("/") + event.path
        vevent.add("url", url)
        description = f"{event.description}\n{url}" if event.description else url
    else:
        description = event.description
    if description:
        vevent.add("description", description)
    return vevent


def render_calendar(events: list[Event], *, name: str, base_url: str) -> bytes:
    """An iCalendar file of the events; ``base_url`` (``https://host/``) makes links and UIDs."""
    host = base_url.split("://", 1)[-1].split("/", 1)[0]
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().replace(microsecond=0).astimezone(datetime.UTC)
    for event in events:
        calendar.add_component(_vevent(event, host=host, base_url=base_url, stamp=stamp))
    return calendar.to_ical()


def calendar_name(user: User) -> str:
    return f"Наставничество — {user.full_name}"
