"""Months as the app names them: «ГГГГ-ММ» in addresses and forms, «ноябрь 2026» on pages, and
a month kept as the date of its first day."""

import datetime
import re

PERIOD = re.compile(r"([0-9]{4})-([0-9]{2})")
YEARS = range(2000, 2101)
MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


class PeriodError(ValueError):
    """Not a month written as «ГГГГ-ММ» within ``YEARS``; the message is in Russian."""


def parse_period(text: str | None) -> datetime.date:
    """«2026-11» → 1 November 2026."""
    match = PERIOD.fullmatch(text or "")
    if not match:
        raise PeriodError("Месяц указывается как ГГГГ-ММ")
    year, month = int(match[1]), int(match[2])
    if year not in YEARS or not 1 <= month <= 12:
        raise PeriodError("Нет такого месяца")
    return datetime.date(year, month, 1)


def period_key(period: datetime.date) -> str:
    return f"{period:%Y-%m}"


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_bounds(period: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of the month of ``period``."""
    start = first_of_month(period)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)


def month_name(period: datetime.date) -> str:
    return f"{MONTHS[period.month - 1]} {period.year}"
