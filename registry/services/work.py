"""The work of a pair: who may see and write it, the next meeting, the timeline, stale pairs.

Seeing a pair: the staff of its school (not municipal officers), its own mentor
(``Pair.objects.for_user``) and a mentee of the pair who has an account. What of it they read:
``PairScope`` (the rule is ``access.reads_whole_pair``) — a mentee reads the shared part, their
own plan and their own diary only. Writing: school editors and the pair's own mentor; a mentee
with an account writes only the mentee's diary of that pair.
"""

import datetime
from dataclasses import dataclass

from django.db.models import DateField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mentoring import access
from mentoring.models import Programme
from stages.selectors import Progress

from ..models import DevelopmentPlan, DiaryEntry, Meeting, Pair, PlanItem

OPEN_STATUSES = (Pair.Status.APPROVED, Pair.Status.ACTIVE)
MEETING_SEQUENCE = {
    None: Meeting.Kind.ACQUAINTANCE,
    Meeting.Kind.ACQUAINTANCE: Meeting.Kind.TRIAL,
    Meeting.Kind.TRIAL: Meeting.Kind.PLANNING,
}


def visible_pairs(user):
    """Pairs the user may open: ``Pair.objects.for_user`` plus pairs where the user is a mentee."""
    if not user.is_authenticated:
        return Pair.objects.none()
    return Pair.objects.filter(
        Q(pk__in=Pair.objects.for_user(user).values("pk"))
        | Q(pk__in=Pair.objects.filter(mentees__participant__user=user).values("pk"))
    )


def get_visible_pair(request, pair_id) -> Pair:
    return get_object_or_404(
        visible_pairs(request.user).select_related(
            "programme__school", "programme__year", "mentor__participant", "form"
        ),
        pk=pair_id,
    )


def can_write_pair(user, pair: Pair) -> bool:
    if not user.is_authenticated:
        return False
    if access.can(user, "records.edit", pair.programme.school_id):
        return True
    return pair.mentor.participant.user_id == user.id


def own_mentee_ids(user, pair: Pair) -> set[int]:
    """Ids of the pair's mentees whose participant is this user."""
    if not user.is_authenticated:
        return set()
    return set(pair.mentees.filter(participant__user=user).values_list("pk", flat=True))


@dataclass(frozen=True)
class PairScope:
    """What one user reads of a pair they may open: all of it, or only their own mentee's part."""

    whole: bool
    own: frozenset[int] = frozenset()

    def sees_mentee(self, mentee_id: int) -> bool:
        return self.whole or mentee_id in self.own

    def mentees(self, mentees) -> list:
        """The mentees whose plan and diary the user reads, of the given ones."""
        return [mentee for mentee in mentees if self.sees_mentee(mentee.pk)]


def pair_scope(user, pair: Pair, mentees=None) -> PairScope:
    """``mentees``: the pair's mentees with participants, when already loaded (no query then)."""
    school_id = pair.programme.school_id
    if access.reads_whole_pair(user, school_id, pair.mentor.participant.user_id):
        return PairScope(whole=True)
    if mentees is None:
        return PairScope(whole=False, own=frozenset(own_mentee_ids(user, pair)))
    own = {m.pk for m in mentees if user.is_authenticated and m.participant.user_id == user.id}
    return PairScope(whole=False, own=frozenset(own))


def next_meeting_kind(pair: Pair) -> str:
    """Знакомство first, then пробная, then планирование, then рабочие встречи."""
    last = pair.meetings.order_by("-held_on", "-id").values_list("kind", flat=True).first()
    return MEETING_SEQUENCE.get(last, Meeting.Kind.WORKING)


@dataclass
class TimelineEntry:
    day: datetime.date
    kind: str  # meeting | diary | plan_item
    obj: object


def timeline(pair: Pair, scope: PairScope) -> list[TimelineEntry]:
    """Meetings, diary entries and plan tasks with deadlines the scope reads, newest first."""
    diary = pair.diary.select_related("mentee__participant", "author")
    items = PlanItem.objects.filter(plan__pair=pair, deadline__isnull=False)
    if not scope.whole:
        diary = diary.filter(diary=DiaryEntry.Diary.MENTEE, mentee__in=scope.own)
        items = items.filter(plan__mentee__in=scope.own)
    today = timezone.localdate()
    entries = []
    for meeting in pair.meetings.all():
        meeting.planned = meeting.is_planned(today)
        entries.append(TimelineEntry(meeting.held_on, "meeting", meeting))
    entries += [TimelineEntry(e.written_on, "diary", e) for e in diary]
    entries += [
        TimelineEntry(item.deadline, "plan_item", item)
        for item in items.select_related("plan__mentee__participant")
    ]
    order = {"meeting": 0, "diary": 1, "plan_item": 2}
    entries.sort(key=lambda e: (e.day, -order[e.kind], e.obj.pk), reverse=True)
    return entries


def plan_progress(items) -> Progress:
    """Share of done tasks; dropped (снятые) tasks do not count."""
    counted = [item for item in items if item.status != PlanItem.Status.DROPPED]
    done = sum(1 for item in counted if item.status == PlanItem.Status.DONE)
    return Progress(total=len(counted), done=done)


def plan_of(pair: Pair, mentee) -> DevelopmentPlan | None:
    return DevelopmentPlan.objects.filter(pair=pair, mentee=mentee).first()


def with_last_meeting(pairs, today: datetime.date | None = None):
    """Each pair's latest held meeting date (planned ones, dated after today, are not held),
    read per pair through the (pair, date) index."""
    today = today or timezone.localdate()
    latest = (
        Meeting.objects.filter(pair=OuterRef("pk"), held_on__lte=today)
        .order_by("-held_on")
        .values("held_on")
    )
    return pairs.annotate(last_meeting=Subquery(latest[:1]))


def my_pairs(user):
    """The user's own pairs: as the mentor, or as a mentee with an account."""
    own = Pair.objects.filter(
        Q(pk__in=Pair.objects.filter(mentor__participant__user=user).values("pk"))
        | Q(pk__in=Pair.objects.filter(mentees__participant__user=user).values("pk"))
    )
    return with_last_meeting(
        own.select_related("programme__school", "programme__year", "mentor__participant", "form")
        .prefetch_related("mentees__participant")
        .order_by("-programme__year__start_date", "id")
    )


def stale_pairs(programme: Programme, days: int = 30, today: datetime.date | None = None):
    """Open pairs (approved or working) with no meeting in the last ``days`` days, one query.

    A pair without meetings counts from its start: it is stale once ``days`` days have passed
    since ``starts_on`` (at once when the start is not recorded).
    """
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    held = Q(meetings__held_on__lte=today)
    return (
        Pair.objects.filter(programme=programme, status__in=OPEN_STATUSES)
        .annotate(
            last_meeting=Max("meetings__held_on", filter=held),
            last_activity=Coalesce(
                Max("meetings__held_on", filter=held), "starts_on", output_field=DateField()
            ),
        )
        .filter(Q(last_activity__isnull=True) | Q(last_activity__lt=since))
        .select_related("mentor__participant", "form")
        .order_by("last_activity", "id")
    )


def diary_label(diary: str) -> str:
    return DiaryEntry.Diary(diary).label
