"""Working days of the Russian calendar: weekends and the public holidays of article 112 of the
Labour Code.

A holiday that falls on a Saturday or a Sunday moves to the next working day (article 112, part
2); the New Year holidays do not, the government moves them by a yearly decree. Those decrees
(and the working Saturdays they add) are not known here, so a term counted across such a day
may come out one day shorter than the official calendar gives.
"""

import datetime
from functools import cache

# (month, day) of the non-working public holidays (ТК РФ, ст. 112, часть 1).
PUBLIC_HOLIDAYS = (
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
)
SATURDAY = 5


def _is_weekend(day: datetime.date) -> bool:
    return day.weekday() >= SATURDAY


@cache
def days_off(year: int) -> frozenset[datetime.date]:
    """The public holidays of ``year`` and the days they move to when they fall on a weekend."""
    holidays = {datetime.date(year, month, day) for month, day in PUBLIC_HOLIDAYS}
    moved = set()
    for holiday in sorted(holidays):
        if holiday.month == 1 or not _is_weekend(holiday):
            continue
        day = holiday + datetime.timedelta(days=1)
        while _is_weekend(day) or day in holidays or day in moved:
            day += datetime.timedelta(days=1)
        moved.add(day)
    return frozenset(holidays | moved)


def is_working_day(day: datetime.date) -> bool:
    return not _is_weekend(day) and day not in days_off(day.year)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (the day itself is not counted, as a term
    begins on the day after the event, ТК РФ, ст. 14)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
