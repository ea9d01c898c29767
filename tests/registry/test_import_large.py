"""A 5,000-row file goes through the pages. The time is printed, never asserted (see bench/)."""

import time
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from registry.models import ImportBatch, Mentee, Participant

from .import_files import letters

pytestmark = pytest.mark.django_db

ROWS = 5_000


def big_mentee_file() -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Наставляемые")
    sheet.append(["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "Категория запроса"])
    for n in range(ROWS):
        sheet.append(
            [
                f"Фамилия{letters(n)}",
                f"Имя{letters(n)}",
                "Петровна",
                f"{n % 28 + 1}.{n % 12 + 1}.2012",
                "7Б",
                "ОВЗ",
            ]  # fmt: skip
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_5000_row_file_is_imported(client, curator, programme, request_categories):
    client.force_login(curator)
    content = big_mentee_file()
    started = time.perf_counter()
    response = client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": "mentees", "file": SimpleUploadedFile("большая база.xlsx", content)},
    )
    checked = time.perf_counter()
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("registry:import_preview", args=[batch.pk])
    assert (batch.total_rows, batch.valid_rows, batch.errors) == (ROWS, ROWS, [])
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": "all"})
    finished = time.perf_counter()
    assert response["Location"] == reverse("registry:mentee_list", args=[programme.pk])
    assert Mentee.objects.filter(programme=programme).count() == ROWS
    assert Participant.objects.filter(school=programme.school).count() == ROWS
    assert Mentee.categories.through.objects.count() == ROWS
    last = Mentee.objects.get(participant__last_name=f"Фамилия{letters(ROWS - 1)}")
    assert last.participant.first_name == f"Имя{letters(ROWS - 1)}"
    print(
        f"\n{ROWS} rows: upload and check {checked - started:.1f} s, "
        f"import {finished - checked:.1f} s"
    )
