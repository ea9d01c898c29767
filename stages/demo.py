"""Demo progress of the roadmap: past items mostly done, a few overdue, current ones started."""

import datetime

from django.utils import timezone

from mentoring.models import Programme

from .models import MeetingProtocol, RoadmapItem
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
    for item in items:
        if item.takes_meeting_protocols and item.status == RoadmapItem.Status.DONE:
            record_informing_protocols(item)


def record_informing_protocols(item: RoadmapItem) -> None:
    """The teachers' council and a parents' meeting that informed about the programme (1.3)."""
    chair = item.programme.school.director_name.strip() or "Директор школы"
    common = {"programme": item.programme, "roadmap_item": item, "chair": chair}
    MeetingProtocol.objects.create(
        **common,
        kind=MeetingProtocol.Kind.TEACHERS_COUNCIL,
        number="1",
        held_on=item.deadline - datetime.timedelta(days=4),
        secretary="Соколова Марина Викторовна",
        present_count=34,
        agenda="О внедрении целевой модели наставничества\nО формах наставничества в школе",
        heard="Куратора программы о целевой модели наставничества, формах «Ученик – ученик» "
        "и «Учитель – учитель» и о сборе запросов обучающихся и педагогов.",
        decided="Одобрить подготовку программы наставничества\n"
        "Классным руководителям провести родительские собрания",
    )
    MeetingProtocol.objects.create(
        **common,
        kind=MeetingProtocol.Kind.PARENTS_MEETING,
        number="1",
        held_on=item.deadline - datetime.timedelta(days=1),
        secretary="Орлова Наталья Сергеевна",
        present_count=58,
        agenda="О программе наставничества обучающихся",
        heard="Куратора программы о целях программы, о согласиях родителей (законных "
        "представителей) на участие детей и обработку персональных данных.",
        decided="Принять информацию к сведению\nСобрать согласия родителей до конца месяца",
    )


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
