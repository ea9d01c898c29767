"""Demo progress of the roadmap: past items mostly done, a few overdue, current ones started."""

import datetime

from django.utils import timezone

from mentoring.models import Programme

from .models import RoadmapItem
from .services import record_completion


def progress_roadmap(programme: Programme, *, skip_every: int, today=None) -> None:
    """Marks past items done except every ``skip_every``-th one, which stays overdue."""
    today = today or timezone.localdate()
    items = list(programme.roadmap_items.order_by("stage__number", "position"))
    soon = today + datetime.timedelta(days=14)
    past = 0
    for item in items:
        if item.deadline is None or item.period:
            if item.deadline and item.deadline <= soon:
                item.status = RoadmapItem.Status.IN_PROGRESS
            continue
        if item.deadline < today:
            past += 1
            if past % skip_every == 0:
                continue
            item.status = RoadmapItem.Status.DONE
            record_completion(item, was_done=False, on=item.deadline)
            item.evidence_note = item.output_document
        elif item.deadline <= soon:
            item.status = RoadmapItem.Status.IN_PROGRESS
    for item in items:
        if item.period and item.status == RoadmapItem.Status.PLANNED:
            item.status = RoadmapItem.Status.IN_PROGRESS
    RoadmapItem.objects.bulk_update(items, ["status", "completed_at", "evidence_note"])


def finish_roadmap(programme: Programme, *, skip_every: int) -> None:
    """A finished year: every item done on its deadline, except every ``skip_every``-th one."""
    end = programme.year.end_date
    items = list(programme.roadmap_items.order_by("stage__number", "position"))
    for index, item in enumerate(items, start=1):
        if index % skip_every == 0:
            continue
        day = min(item.deadline or end, end)
        item.status = RoadmapItem.Status.DONE
        record_completion(item, was_done=False, on=day)
        item.evidence_note = item.output_document
    RoadmapItem.objects.bulk_update(items, ["status", "completed_at", "evidence_note"])
