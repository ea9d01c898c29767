"""Time to compute pair health (registry/health.py) for every open pair of a whole municipality.

Reads the scale database made by ``scale_data.py`` (``SCALE_DATABASE_URL``, see ``scaleenv.py``).
The generated data has meetings but no diaries or plans; ``--add-work`` first adds, once, a mentor
diary entry every few weeks and an individual plan with three tasks per mentee of each open pair,
so that every check reads rows. Then it times, median of ``--repeat`` runs:
- the municipality: ``health.concerns`` over all open pairs at once;
- per school: the queue page's work (``attention.programme_concerns``) for each school in turn;
and prints pairs, queries, seconds and µs per pair.

    SCALE_DATABASE_URL=sqlite:////tmp/s.sqlite3 .venv/bin/python bench/scale_data.py
    SCALE_DATABASE_URL=sqlite:////tmp/s.sqlite3 .venv/bin/python bench/health_bench.py --add-work
"""

import argparse
import datetime
import random
import statistics
from collections import Counter

import scaleenv  # noqa: F401  (points Django at the scale database)
from benchenv import machine, timed
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring.models import Municipality, Programme
from registry import health
from registry.models import DevelopmentPlan, DiaryEntry, Pair, PlanItem
from registry.services import attention

BATCH = 2000


def open_pairs(municipality):
    return list(Pair.objects.filter(programme__school__municipality=municipality).open())


def add_work(pairs, today: datetime.date, seed: int = 1) -> None:
    if PlanItem.objects.exists():
        return
    rng = random.Random(seed)
    entries, plans = [], []
    links = Pair.mentees.through.objects.filter(pair__in=pairs).values_list("pair_id", "mentee_id")
    for pair in pairs:
        start = pair.starts_on or today
        day = start + datetime.timedelta(days=rng.randint(3, 20))
        while day <= today:
            entries.append(
                DiaryEntry(pair=pair, diary=DiaryEntry.Diary.MENTOR, written_on=day, text="Запись")
            )
            day += datetime.timedelta(days=rng.randint(10, 45))
    for pair_id, mentee_id in links:
        plans.append(DevelopmentPlan(pair_id=pair_id, mentee_id=mentee_id, goal="Цель"))
    DiaryEntry.objects.bulk_create(entries, batch_size=BATCH)
    plans = DevelopmentPlan.objects.bulk_create(plans, batch_size=BATCH)
    statuses = [PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS, PlanItem.Status.DONE]
    items = [
        PlanItem(
            plan=plan,
            task=f"Задача {n + 1}",
            deadline=today + datetime.timedelta(days=rng.randint(-40, 60)),
            status=rng.choice(statuses),
            position=n,
        )
        for plan in plans
        for n in range(3)
    ]
    PlanItem.objects.bulk_create(items, batch_size=BATCH)
    print(f"added {len(entries)} diary entries, {len(plans)} plans, {len(items)} plan tasks")


def measure(function, repeat: int):
    runs, queries, result = [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            seconds, result = timed(function)
        runs.append(seconds)
        queries = len(captured)
    return statistics.median(runs), queries, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--add-work", action="store_true", help="add diaries and plans first")
    parser.add_argument(
        "--only", default="", help="time only the checks of modules starting so: registry."
    )
    args = parser.parse_args()
    if args.only:
        health._CHECKS[:] = [c for c in health._CHECKS if c.__module__.startswith(args.only)]
    today = timezone.localdate()
    municipality = Municipality.objects.get(name=scaleenv.MUNICIPALITY)
    pairs = open_pairs(municipality)
    if args.add_work:
        add_work(pairs, today)
    print(machine())
    print(f"database: {connection.settings_dict['NAME']}, day {today:%d.%m.%Y}")

    seconds, queries, found = measure(
        lambda: health.concerns(open_pairs(municipality), today), args.repeat
    )
    levels = Counter(items[0].level for items in found.values() if items)
    codes = Counter(concern.code for items in found.values() for concern in items)
    print(
        f"municipality: {len(pairs)} open pairs, {queries} queries, {seconds:.3f} s, "
        f"{seconds / max(1, len(pairs)) * 1e6:.0f} µs per pair"
    )
    print(
        f"  pairs with concerns: {sum(levels.values())} "
        f"(danger {levels[health.DANGER]}, warning {levels[health.WARNING]}); "
        + ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    )

    loaded = health.in_work(open_pairs(municipality), today)
    for check in health._CHECKS:
        seconds, queries, _ = measure(lambda check=check: list(check(loaded, today)), args.repeat)
        print(
            f"  {check.__module__}.{check.__name__}: {queries} queries, {seconds:.3f} s, "
            f"{seconds / max(1, len(pairs)) * 1e6:.0f} µs per pair"
        )

    programmes = list(Programme.objects.filter(school__municipality=municipality))

    def every_school():
        return sum(len(attention.programme_concerns(p, today)) for p in programmes)

    seconds, queries, listed = measure(every_school, args.repeat)
    print(
        f"per school, {len(programmes)} programmes one after another: {queries} queries, "
        f"{seconds:.3f} s, {seconds / max(1, len(pairs)) * 1e6:.0f} µs per pair, "
        f"{listed} pairs in the queues"
    )


if __name__ == "__main__":
    main()
