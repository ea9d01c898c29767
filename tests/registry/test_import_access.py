"""Who may use the import pages, and how many queries the preview costs."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import Workbook

from registry.importing import create_batch
from registry.models import ImportBatch, Mentee

from .import_files import letters

pytestmark = pytest.mark.django_db


def mentee_file(rows: int, *, bad_every: int = 0) -> ContentFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ФИО", "Дата рождения", "Класс", "Категория запроса", "Запрос"])
    for n in range(rows):
        birth = "31.02.2012" if bad_every and n % bad_every == 0 else f"{n % 28 + 1}.03.2012"
        name = f"Фамилия{letters(n)} Имя{letters(n)}"
        sheet.append([name, birth, "7Б", "ОВЗ, одарённый", f"Запрос {n}"])
    buffer = BytesIO()
    workbook.save(buffer)
    return ContentFile(buffer.getvalue(), name="база.xlsx")


@pytest.fixture
def batch(programme, curator, request_categories):
    return create_batch(programme, "mentees", mentee_file(3), by=curator)


def urls(programme, batch) -> list[str]:
    return [
        reverse("registry:import_start", args=[programme.pk]),
        reverse("registry:import_template", args=[programme.pk, "mentees"]),
        reverse("registry:import_template", args=[programme.pk, "mentors"]),
        reverse("registry:import_preview", args=[batch.pk]),
        reverse("registry:import_confirm", args=[batch.pk]),
        reverse("registry:import_cancel", args=[batch.pk]),
        reverse("registry:import_errors", args=[batch.pk]),
        reverse("registry:import_export", args=[programme.pk, "mentees"]),
        reverse("registry:import_export", args=[programme.pk, "mentors"]),
    ]


@pytest.mark.parametrize("outsider", ["other_curator", "mentor_user", "officer", "other_officer"])
def test_outsiders_get_404_on_every_import_url(client, request, programme, batch, outsider):
    client.force_login(request.getfixturevalue(outsider))
    for url in urls(programme, batch):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"mode": "all"}).status_code == 404, url
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert Mentee.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client, programme, batch):
    for url in urls(programme, batch):
        response = client.post(url, {"mode": "all"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert Mentee.objects.count() == 0


@pytest.mark.parametrize("member", ["curator", "director", "working_group"])
def test_school_staff_see_every_import_page(client, request, programme, batch, member):
    client.force_login(request.getfixturevalue(member))
    for url in urls(programme, batch)[:4]:
        assert client.get(url).status_code == 200, url


def test_another_schools_batch_is_hidden_from_the_curator(
    client, curator, other_programme, other_curator, request_categories
):
    foreign = create_batch(other_programme, "mentees", mentee_file(2), by=other_curator)
    client.force_login(curator)
    assert client.get(reverse("registry:import_preview", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("registry:import_confirm", args=[foreign.pk]), {"mode": "all"})
    assert response.status_code == 404
    assert Mentee.objects.count() == 0


@pytest.mark.parametrize("rows", [5, 400])
def test_preview_queries_do_not_grow_with_rows(
    client, curator, programme, request_categories, django_assert_max_num_queries, rows
):
    batch = create_batch(programme, "mentees", mentee_file(rows, bad_every=3), by=curator)
    assert len(batch.errors) == (rows + 2) // 3
    client.force_login(curator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("registry:import_preview", args=[batch.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    shown = min(len(batch.errors), 200)  # the rest is in the file with the error column
    assert page.count("не удалось распознать дату") == shown + 1  # and one example of the group
    assert f'<td>Дата не понята</td><td class="text-end">{len(batch.errors)}</td>' in page


def test_preview_of_a_batch_without_its_checked_rows_says_so(client, curator, programme):
    batch = ImportBatch.objects.create(
        programme=programme,
        kind="mentees",
        file=ContentFile(b"not a real workbook", "base.xlsx"),
        original_name="base.xlsx",
        uploaded_by=curator,
    )
    client.force_login(curator)
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "Проверка этого файла не сохранилась: загрузите его заново." in page
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": "all"})
    assert response["Location"] == reverse("registry:import_preview", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == "preview"


def test_preview_hides_sensitive_categories_from_the_working_group(
    client, batch, working_group, curator
):
    url = reverse("registry:import_preview", args=[batch.pk])
    client.force_login(curator)
    assert "(ОВЗ)" in client.get(url).content.decode()
    client.force_login(working_group)
    page = client.get(url).content.decode()
    assert "Проявивший выдающиеся способности" in page
    assert "ОВЗ" not in page
