"""Checking a file costs a fixed number of queries whatever its number of rows; loading it, one
statement per table for every few dozen rows (as many as the database takes parameters), never
one per row."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.importing import ALL, confirm_batch, create_batch
from registry.models import Consent, Mentee

from ..factories import ProgrammeFactory, SchoolFactory
from .import_files import letters, xlsx_bytes

pytestmark = pytest.mark.django_db


def pupils(count: int) -> bytes:
    rows = [("ФИО", "Дата рождения", "Класс", "Категория запроса", "Согласие родителей",
             "Кто подписал согласие")]  # fmt: skip
    for n in range(count):
        rows.append(
            (f"Фамилия{letters(n)} Имя{letters(n)}", f"{n % 28 + 1}.0{n % 9 + 1}.2013",
             "7Б", "ОВЗ, одарённый", "01.09.2025", f"Родитель{letters(n)} Анна")
        )  # fmt: skip
    return xlsx_bytes(*rows)


def queries(count: int, programme, curator) -> tuple[int, int]:
    content = ContentFile(pupils(count), name="7б.xlsx")
    with CaptureQueriesContext(connection) as check:
        batch = create_batch(programme, "mentees", content, by=curator)
    assert batch.errors == []
    with CaptureQueriesContext(connection) as load:
        assert confirm_batch(batch, ALL, by=curator).added == count
    return len(check), len(load)


def test_ten_times_the_rows_take_no_query_per_row(
    programme, curator, request_categories, municipality, current_year
):
    other = ProgrammeFactory(school=SchoolFactory(municipality=municipality), year=current_year)
    small_check, small_load = queries(30, programme, curator)
    large_check, large_load = queries(300, other, curator)
    assert large_check == small_check
    assert small_load < large_load <= small_load + 300 // 10
    assert Mentee.categories.through.objects.count() == 2 * 330
    assert Consent.objects.count() == 2 * 330
