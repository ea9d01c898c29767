import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentoring.models import AcademicYear, Programme, School, User

from .models import RoadmapItem, RoadmapTemplate, Stage


@transaction.atomic
def start_programme(school: School, year: AcademicYear, **defaults) -> tuple[Programme, bool]:
    """The school's programme for the year; a new one gets its roadmap from the template.
    Returns the programme and whether it was created."""
    programme, created = Programme.objects.get_or_create(
        school=school, year=year, defaults=defaults
    )
    if created:
        create_roadmap(programme)
    return programme, created


@transaction.atomic
def create_roadmap(programme: Programme, template: RoadmapTemplate | None = None) -> int:
    """Copy the (default) template into a programme that has no roadmap yet; returns items made."""
    if programme.roadmap_items.exists():
        return 0
    template = template or RoadmapTemplate.objects.filter(is_default=True).first()
    if template is None:
        return 0
    start = programme.year.start_date
    items = [
        RoadmapItem(
            programme=programme,
            stage_id=source.stage_id,
            number=source.number,
            position=source.position,
            activity=source.activity,
            deadline=(
                start + datetime.timedelta(days=source.deadline_offset_days)
                if source.deadline_offset_days is not None
                else None
            ),
            period=source.period,
            responsible=source.responsible_title,
            output_document=source.output_document,
            order_kind=source.order_kind,
        )
        for source in template.items.order_by("position")
    ]
    RoadmapItem.objects.bulk_create(items)
    return len(items)


def record_completion(
    item: RoadmapItem, *, was_done: bool, on: datetime.date | None = None
) -> None:
    """The one rule for ``completed_at``, applied once ``item.status`` is set (nothing saved):
    becoming done stamps it with the day ``on`` (default today), staying done keeps the first
    stamp, any other status clears it."""
    if item.status != RoadmapItem.Status.DONE:
        item.completed_at = None
    elif not was_done:
        item.completed_at = _moment(on)


def _moment(day: datetime.date | None) -> datetime.datetime:
    """Now for today; noon for another day."""
    now = timezone.now()
    if day is None or day == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def set_item_status(
    item: RoadmapItem, status: str, *, by: User | None, on: datetime.date | None = None
) -> RoadmapItem:
    if status not in RoadmapItem.Status.values:
        raise ValueError(f"Неизвестный статус: {status}")
    was_done = item.status == RoadmapItem.Status.DONE
    item.status = status
    record_completion(item, was_done=was_done, on=on)
    item.updated_by = by
    item.save(update_fields=["status", "completed_at", "updated_by", "updated_at"])
    return item


def next_item_number(programme: Programme, stage: Stage) -> tuple[str, int]:
    """The next free «N.M» number and position for a new item of a stage."""
    items = programme.roadmap_items.filter(stage=stage)
    numbers = set(programme.roadmap_items.values_list("number", flat=True))
    position = (items.aggregate(top=Max("position"))["top"] or 0) + 1
    suffix = items.count() + 1
    while f"{stage.number}.{suffix}" in numbers:
        suffix += 1
    return f"{stage.number}.{suffix}", position
