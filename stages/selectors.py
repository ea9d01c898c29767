import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from mentoring.models import Programme
from mentoring.percent import whole_percent

from .models import RoadmapItem, Stage

DONE = RoadmapItem.Status.DONE
CANCELLED = RoadmapItem.Status.CANCELLED
OPEN = Q(status__in=[RoadmapItem.Status.PLANNED, RoadmapItem.Status.IN_PROGRESS])


@dataclass
class Progress:
    """Counts over the items that count (cancelled ones are left out)."""

    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        return whole_percent(self.done / self.total) if self.total else 0

    @property
    def label(self) -> str:
        return f"{self.done} из {self.total}"


@dataclass
class StageProgress(Progress):
    stage: Stage | None = None
    items: list[RoadmapItem] = field(default_factory=list)


def _counts(today: datetime.date) -> dict:
    return {
        "total": Count("id", filter=~Q(status=CANCELLED)),
        "done": Count("id", filter=Q(status=DONE)),
        "overdue": Count("id", filter=OPEN & Q(deadline__lt=today)),
    }


def stage_progress(programme: Programme, today: datetime.date | None = None) -> list[StageProgress]:
    """Progress of every stage (all seven, even without items), without the items."""
    today = today or timezone.localdate()
    rows = {
        row["stage_id"]: row
        for row in programme.roadmap_items.values("stage_id").annotate(**_counts(today))
    }
    result = []
    for stage in Stage.objects.all():
        row = rows.get(stage.pk, {})
        result.append(
            StageProgress(
                stage=stage,
                total=row.get("total", 0),
                done=row.get("done", 0),
                overdue=row.get("overdue", 0),
            )
        )
    return result


ROADMAP_FILTERS = {
    "all": "Все",
    "open": "Невыполненные",
    "overdue": "Просроченные",
    "mine": "Мои",
}


def roadmap_by_stage(
    programme: Programme,
    today: datetime.date | None = None,
    *,
    show: str = "all",
    user=None,
) -> list[StageProgress]:
    """Stages with their progress (over all items) and their items that pass the filter."""
    today = today or timezone.localdate()
    stages = stage_progress(programme, today)
    by_id = {entry.stage.pk: entry for entry in stages}
    items = programme.roadmap_items.select_related("responsible_user").order_by(
        "stage__number", "position", "id"
    )
    if show == "open":
        items = items.filter(OPEN)
    elif show == "overdue":
        items = items.filter(OPEN, deadline__lt=today)
    elif show == "mine":
        items = items.filter(responsible_user=user)
    for item in items:
        by_id[item.stage_id].items.append(item)
    return stages


def overall_progress(stages: list[StageProgress]) -> Progress:
    return Progress(
        total=sum(s.total for s in stages),
        done=sum(s.done for s in stages),
        overdue=sum(s.overdue for s in stages),
    )


def progress_by_programme(programme_ids, today: datetime.date | None = None) -> dict[int, Progress]:
    """Overall progress of many programmes in one query (the municipal overview)."""
    today = today or timezone.localdate()
    rows = (
        RoadmapItem.objects.filter(programme_id__in=list(programme_ids))
        .values("programme_id")
        .annotate(**_counts(today))
    )
    return {
        row["programme_id"]: Progress(total=row["total"], done=row["done"], overdue=row["overdue"])
        for row in rows
    }


def upcoming_items(programme: Programme, days: int = 14, today: datetime.date | None = None):
    return (
        RoadmapItem.objects.filter(programme=programme)
        .due_within(days, today)
        .select_related("stage", "responsible_user")
        .order_by("deadline", "position")
    )


def overdue_items(programme: Programme, today: datetime.date | None = None):
    return (
        RoadmapItem.objects.filter(programme=programme)
        .overdue(today)
        .select_related("stage", "responsible_user")
        .order_by("deadline", "position")
    )
