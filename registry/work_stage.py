"""Where a school's work is: the stage shown as «Текущий этап» on the municipal overview.

The stage of work is the latest stage with activity: a roadmap item marked done, or — for the
stage of the pairs' work (сид 000, этап 6 «Работа пар/групп») — a meeting a pair has recorded. A
programme without activity is at its first stage. Earlier stages with overdue items are shown
beside it as a lag («отстаёт: 2 просроченных в этапе 1»): unfinished paperwork of the first stage
does not hide pairs that are already working. When every item is done or cancelled there is no
current stage: the programme is finished.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from mentoring.models import Programme
from mentoring.text import plural
from stages.models import RoadmapItem, Stage

from .models import Meeting

PAIR_WORK_STAGE = 6

DEFINITION = (
    "последний этап, на котором идёт работа: есть выполненное мероприятие дорожной карты или, "
    "для этапа «Работа пар/групп», записанная встреча пары. «Отстаёт» — просроченные "
    "мероприятия предыдущих этапов."
)


@dataclass(frozen=True)
class Lag:
    stage_number: int
    overdue: int


@dataclass
class WorkStage:
    stage: Stage | None
    lags: list[Lag] = field(default_factory=list)

    @property
    def lag_label(self) -> str:
        """«отстаёт: 2 просроченных в этапе 1», «отстаёт: 5 просроченных в этапах 1, 2 и 5»."""
        if not self.lags:
            return ""
        total = sum(lag.overdue for lag in self.lags)
        word = plural(total, "просроченное", "просроченных", "просроченных")
        numbers = [str(lag.stage_number) for lag in self.lags]
        where = (
            f"в этапе {numbers[0]}"
            if len(numbers) == 1
            else f"в этапах {', '.join(numbers[:-1])} и {numbers[-1]}"
        )
        return f"отстаёт: {total} {word} {where}"


def work_stage_by_programme(
    programme_ids, today: datetime.date | None = None
) -> dict[int, WorkStage]:
    """The stage of work of each programme that has roadmap items (see the module's text)."""
    today = today or timezone.localdate()
    ids = list(programme_ids)
    open_items = Q(status__in=[RoadmapItem.Status.PLANNED, RoadmapItem.Status.IN_PROGRESS])
    # The programmes whose pairs met by the day, asked once per programme: an EXISTS keyed by
    # the roadmap item's programme ran for every item.
    met = (
        Programme.objects.filter(pk__in=ids)
        .filter(
            Exists(Meeting.objects.filter(pair__programme_id=OuterRef("pk"), held_on__lte=today))
        )
        .order_by()
        .values("pk")
    )
    per_stage = (
        RoadmapItem.objects.filter(programme_id__in=ids)
        .values("programme_id", "stage__number")
        .annotate(
            done=Count("id", filter=Q(status=RoadmapItem.Status.DONE)),
            open=Count("id", filter=open_items),
            overdue=Count("id", filter=open_items & Q(deadline__lt=today)),
            met=Count("id", filter=Q(programme_id__in=met)),
        )
    )
    stages = {stage.number: stage for stage in Stage.objects.all()}

    rows: dict[int, list[dict]] = {}
    for row in per_stage:
        rows.setdefault(row["programme_id"], []).append(row)
    result = {}
    for programme_id, programme_rows in rows.items():
        if not any(row["open"] for row in programme_rows):
            result[programme_id] = WorkStage(stage=None)
            continue
        active = [row["stage__number"] for row in programme_rows if row["done"]]
        if programme_rows[0]["met"]:
            active.append(PAIR_WORK_STAGE)
        number = max(active, default=min(row["stage__number"] for row in programme_rows))
        lags = [
            Lag(row["stage__number"], row["overdue"])
            for row in sorted(programme_rows, key=lambda row: row["stage__number"])
            if row["stage__number"] < number and row["overdue"]
        ]
        result[programme_id] = WorkStage(stage=stages[number], lags=lags)
    return result
