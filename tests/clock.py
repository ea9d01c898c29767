"""The test suite's clock: every test runs at a pinned moment, never at whatever time it is.

The day is the system date when the run starts (so CI can move it with libfaketime) or
``MENTORING_TEST_TODAY``; the time of day is 10:00 in the project's time zone, so no test
crosses midnight. ``@pytest.mark.today("2026-11-26")`` (or ``"2026-11-26 15:30"``) pins one test
to a given moment. The clock ticks from the pinned moment, so durations still pass.
"""

import datetime
import os
import zoneinfo

import time_machine

TIME_ZONE = zoneinfo.ZoneInfo("Europe/Moscow")
TIME_OF_DAY = datetime.time(10, 0)


def run_day() -> datetime.date:
    configured = os.environ.get("MENTORING_TEST_TODAY")
    return datetime.date.fromisoformat(configured) if configured else datetime.date.today()


def moment(value: str | datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(value, str):
        value = (
            datetime.datetime.fromisoformat(value)
            if " " in value
            else (datetime.date.fromisoformat(value))
        )
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, TIME_OF_DAY)
    if value.tzinfo is None:
        value = value.replace(tzinfo=TIME_ZONE)
    return value


def travel(value) -> time_machine.travel:
    return time_machine.travel(moment(value), tick=True)
