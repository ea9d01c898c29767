"""Errors at scale: grouped by kind on the page, and the whole list as the file with a column."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from registry.models import ImportBatch

from .import_files import letters
from .spreadsheet_writers import csv_bytes

pytestmark = pytest.mark.django_db


def messy_workbook(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "7 классы"
    sheet.append(["Список обучающихся"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["ФИО", "Дата рождения", "Класс", "Эл. почта"])
    for n in range(rows):
        birth = "весной" if n % 3 == 0 else f"{n % 28 + 1}.03.2012"
        email = "x@gmial.com" if n % 5 == 0 else ""
        sheet.append([f"Фамилия{letters(n)} Имя", birth, "7Б", email])
    sheet.append(["Итого", rows])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, programme, content, name="список.xlsx"):
    client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": "mentees", "file": SimpleUploadedFile(name, content)},
    )
    return ImportBatch.objects.latest("pk")


def test_errors_are_grouped_by_kind_with_counts_and_first_rows(client, curator, programme):
    client.force_login(curator)
    batch = upload(client, programme, messy_workbook(300))
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert '<td>Дата не понята</td><td class="text-end">100</td><td>Дата рождения</td>' in page
    assert "<td>3, 6, 9, 12, 15, 18, 21, 24, 27, 30…</td>" in page
    assert '<td>Неверный адрес почты</td><td class="text-end">60</td><td>Эл. почта</td>' in page
    assert "понятны форматы ДД.ММ.ГГГГ (14.03.2012)" in page
    assert "первые 200 из 160" not in page
    assert "Пропущенные строки (1)" in page and "итоговая строка" in page


def test_the_full_list_downloads_as_the_original_workbook_with_an_error_column(
    client, curator, programme
):
    client.force_login(curator)
    batch = upload(client, programme, messy_workbook(30))
    response = client.get(reverse("registry:import_errors", args=[batch.pk]))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content))["7 классы"]
    assert sheet["A1"].font.bold and sheet["A1"].value == "Список обучающихся"  # kept as it was
    assert sheet["E2"].value == "Ошибки загрузки"
    assert sheet["E3"].value.startswith("Дата рождения: не удалось распознать дату «весной»")
    assert sheet["E3"].value.endswith("может быть, «x@gmail.com»?")
    assert sheet["E4"].value is None
    assert sheet["E33"].value == "Не загружается: итоговая строка"
    errors = [row for row in sheet.iter_rows(min_row=3, min_col=5, values_only=True) if row[0]]
    assert len(errors) == len({error["row"] for error in batch.errors}) + 1


def test_a_csv_comes_back_as_a_workbook_with_the_error_column(client, curator, programme):
    client.force_login(curator)
    content = csv_bytes(["ФИО", "Дата рождения", "Класс"], ["Иванова Ольга", "вчера", "7Б"])
    batch = upload(client, programme, content, name="список.csv")
    assert batch.details["format"] == "csv"
    sheet = load_workbook(BytesIO(client.get(
        reverse("registry:import_errors", args=[batch.pk])
    ).content)).active  # fmt: skip
    assert [cell.value for cell in sheet[2]][:3] == ["Иванова Ольга", "вчера", "7Б"]
    assert sheet["D1"].value == "Ошибки загрузки"
    assert sheet["D2"].value.startswith("Дата рождения: не удалось распознать дату «вчера»")


def test_only_the_uploader_the_curator_and_the_director_download_the_file(
    client, curator, working_group, programme
):
    client.force_login(curator)
    batch = upload(client, programme, messy_workbook(3))
    client.force_login(working_group)
    url = reverse("registry:import_errors", args=[batch.pk])
    assert client.get(url).status_code == 403
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert url not in page
    own = upload(client, programme, messy_workbook(3))
    assert client.get(reverse("registry:import_errors", args=[own.pk])).status_code == 200


def test_after_the_import_the_file_is_gone(client, curator, programme):
    client.force_login(curator)
    batch = upload(client, programme, messy_workbook(3))
    client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": "valid"})
    batch.refresh_from_db()
    assert (batch.status, batch.rows, bool(batch.file)) == ("imported", [], False)
    assert client.get(reverse("registry:import_errors", args=[batch.pk])).status_code == 404
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "Было добавлено 2, обновлено 0, без изменений 0, пропущено 1" in page
