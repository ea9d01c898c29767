"""«Требует внимания»: the pairs of a programme with concerns (registry/health.py), worst first."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from mentoring.models import Programme

from .. import health
from ..models import Mentee, Pair

ALL = ""
LEVEL_FILTERS = (
    (ALL, "Все"),
    (health.DANGER, "Опасно"),
    (health.WARNING, "Внимание"),
)
LEVEL_NAMES = {health.DANGER: "опасно", health.WARNING: "внимание"}


@dataclass
class Attention:
    pair: Pair
    concerns: list[health.Concern]

    @property
    def level(self) -> str:
        return self.concerns[0].level

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, "")


def open_pairs(programme: Programme):
    return (
        Pair.objects.filter(programme=programme)
        .open()
        .select_related("mentor__participant", "form")
        .prefetch_related(
            Prefetch("mentees", queryset=Mentee.objects.select_related("participant"))
        )
        .order_by("mentor__participant__last_name", "id")
    )


def attention_list(pairs, day: datetime.date) -> list[Attention]:
    """The pairs with concerns: danger first, then by the number of concerns, then by mentor."""
    pairs = list(pairs)
    found = health.concerns(pairs, day)
    listed = [Attention(pair, found[pair.pk]) for pair in pairs if found.get(pair.pk)]
    listed.sort(key=lambda item: (health.LEVELS.get(item.level, 9), -len(item.concerns)))
    return listed


def queue(programme: Programme, day: datetime.date) -> list[Attention]:
    return attention_list(open_pairs(programme), day)


def by_level(listed: list[Attention], level: str) -> list[Attention]:
    if level == health.DANGER:
        return [item for item in listed if item.level == health.DANGER]
    if level == health.WARNING:
        return [item for item in listed if item.level == health.WARNING]
    return listed


def programme_concerns(programme: Programme, day: datetime.date) -> dict[int, list]:
    """The concerns of every open pair of the programme, only pairs that have some."""
    found = health.concerns(list(Pair.objects.filter(programme=programme).open()), day)
    return {pair_id: concerns for pair_id, concerns in found.items() if concerns}


def mark(pairs, found: dict[int, list]) -> None:
    """Sets ``pair.attention`` (an Attention or None) on each of the pairs, for badges."""
    for pair in pairs:
        concerns = found.get(pair.pk)
        pair.attention = Attention(pair, concerns) if concerns else None
