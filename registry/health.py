"""Pair health: what says that a pair needs the curator's attention.

Only pairs at work count (``in_work``: working ones, and approved ones once their start date has
come); ``concerns`` selects them once and hands each check the batch as ``{pk: pair}``. Each check
looks at the batch at once (a fixed number of queries, whatever the number of pairs) and yields a
``Concern`` per problem. Apps above the registry (surveys: the relationship
pulse) add their checks with ``register`` in ``AppConfig.ready()``; ``concerns`` runs them all.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .models import Pair

WARNING = "warning"
DANGER = "danger"
LEVELS = {DANGER: 0, WARNING: 1}


@dataclass(frozen=True)
class Concern:
    pair_id: int
    code: str  # stable identifier, e.g. "no_meeting_30"
    level: str  # WARNING or DANGER
    reason: str  # «Нет встреч 34 дня»
    action: str  # the curator's next step: «Связаться с наставником»
    url: str = ""  # where the next step is done
    mentor_action: str = ""  # what the mentor sees on their phone page; empty: not shown to them


Check = Callable[[dict, datetime.date], Iterable[Concern]]
_CHECKS: list[Check] = []


def register(check: Check) -> Check:
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def in_work(pairs: Sequence, day: datetime.date) -> dict:
    """The pairs of the batch that are at work on ``day``, by pk."""
    return {
        pair.pk: pair
        for pair in pairs
        if pair.status == Pair.Status.ACTIVE
        or (pair.status == Pair.Status.APPROVED and pair.starts_on and pair.starts_on <= day)
    }


def concerns(pairs: Sequence, day: datetime.date) -> dict[int, list[Concern]]:
    """Every concern of each pair on ``day``, the most serious first."""
    found: dict[int, list[Concern]] = {pair.pk: [] for pair in pairs}
    working = in_work(pairs, day)
    if not working:
        return found
    for check in _CHECKS:
        for concern in check(working, day):
            found.setdefault(concern.pair_id, []).append(concern)
    for items in found.values():
        items.sort(key=lambda concern: (LEVELS.get(concern.level, 9), concern.code))
    return found
