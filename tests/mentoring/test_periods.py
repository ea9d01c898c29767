import datetime

import pytest

from mentoring.periods import (
    PeriodError,
    first_of_month,
    month_bounds,
    month_name,
    parse_period,
    period_key,
)


@pytest.mark.parametrize(
    "text, month",
    [
        ("2026-11", datetime.date(2026, 11, 1)),
        ("2000-01", datetime.date(2000, 1, 1)),
        ("2100-12", datetime.date(2100, 12, 1)),
    ],
)
def test_a_month_is_read_as_its_first_day(text, month):
    assert parse_period(text) == month
    assert period_key(month) == text


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-1", "ГГГГ-ММ"),
        ("2026-11\n", "ГГГГ-ММ"),
        (" 2026-11", "ГГГГ-ММ"),
        ("٢٠٢٦-١١", "ГГГГ-ММ"),  # digits of another script
        ("октябрь", "ГГГГ-ММ"),
        ("", "ГГГГ-ММ"),
        (None, "ГГГГ-ММ"),
        ("2026-13", "Нет такого месяца"),
        ("2026-00", "Нет такого месяца"),
        ("1999-10", "Нет такого месяца"),
        ("2101-01", "Нет такого месяца"),
    ],
)
def test_anything_else_is_refused_with_a_russian_message(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_a_refused_period_is_a_value_error():
    with pytest.raises(ValueError):
        parse_period("2026-13")


@pytest.mark.parametrize(
    "day, first, last",
    [
        (datetime.date(2028, 2, 29), datetime.date(2028, 2, 1), datetime.date(2028, 2, 29)),
        (datetime.date(2027, 2, 10), datetime.date(2027, 2, 1), datetime.date(2027, 2, 28)),
        (datetime.date(2026, 12, 31), datetime.date(2026, 12, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)),
    ],
)
def test_month_bounds(day, first, last):
    assert month_bounds(day) == (first, last)
    assert first_of_month(day) == first


def test_month_name_reads_as_on_the_pages():
    assert month_name(datetime.date(2026, 11, 1)) == "ноябрь 2026"
    assert month_name(datetime.date(2027, 1, 31)) == "январь 2027"
