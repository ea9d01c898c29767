"""Analytics pages and the raw-answers export: who sees them, what they show, query counts."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from .test_analytics import growth_survey, invite, quality_survey, respond, satisfaction_survey

pytestmark = pytest.mark.django_db


def analytics_url(distribution):
    return reverse("surveys:distribution_analytics", args=[distribution.pk])


def monitoring_url(programme):
    return reverse("surveys:monitoring", args=[programme.pk])


def export_url(distribution, fmt):
    return reverse("reports:survey_answers_export", args=[distribution.pk, fmt])


def test_distribution_analytics_page(client, programme, curator):
    distribution, _ = quality_survey(programme)
    client.force_login(curator)
    response = client.get(analytics_url(distribution))
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 из 4" in html
    assert "<svg" in html and "Раз в неделю" in html
    assert "Больше &lt;встреч&gt;" in html
    assert "8,5" in html or "8.5" in html


@pytest.mark.parametrize("outsider", ["other_curator", "mentor_user", "officer"])
def test_outsiders_get_404(client, request, programme, outsider):
    distribution, _ = quality_survey(programme)
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(analytics_url(distribution)).status_code == 404
    assert client.get(monitoring_url(programme)).status_code == 404
    assert client.get(export_url(distribution, "xlsx")).status_code == 404


def test_monitoring_page_with_data(client, programme, curator):
    quality_survey(programme)
    growth_survey(programme)
    satisfaction_survey(programme)
    client.force_login(curator)
    response = client.get(monitoring_url(programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Организация встреч" in html
    assert "Реальная польза" in html
    assert "Вовлечённость" in html and "Тревожность" in html
    assert "пар, измеренных на входе и на выходе: 3" in html
    assert "83,3 %" in html or "83.3 %" in html
    assert "Нет данных" not in html


def test_monitoring_page_empty_states(client, programme, curator):
    client.force_login(curator)
    html = client.get(monitoring_url(programme)).content.decode()
    assert html.count("Нет данных") == 3
    assert "На выходе из программы" in html


def test_analytics_query_count_does_not_grow(client, programme, curator):
    distribution, q = quality_survey(programme)
    client.force_login(curator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(analytics_url(distribution)).status_code == 200
        return len(queries)

    before = count()
    for number in range(5):
        respond(
            distribution,
            {q["Организация встреч"]: 5, q["Чем занимались?"]: ["Учёба"]},
            invitation=invite(distribution, f"Ещё {number}"),
        )
    assert count() == before


def test_xlsx_export_reads_back(client, programme, curator):
    distribution, _ = quality_survey(programme)
    client.force_login(curator)
    response = client.get(export_url(distribution, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_index = next(i for i, row in enumerate(rows) if "Респондент" in row)
    header = rows[header_index]
    assert header[:5] == ["№", "Респондент", "Пара (группа)", "Этап", "Дата"]
    assert "1. Как часто встречались?" in header
    first = dict(zip(header, rows[header_index + 1], strict=False))
    assert first["Респондент"] == "Участник 1"
    assert first["2. Чем занимались?"] == "Учёба; Спорт"
    assert first["3. Продолжите работу?"] == "да"
    assert first["5. Организация встреч"] == 9


def test_pdf_export_and_unknown_format(client, programme, curator):
    distribution, _ = quality_survey(programme)
    client.force_login(curator)
    response = client.get(export_url(distribution, "pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get(export_url(distribution, "docx")).status_code == 404
    assert client.get(export_url(distribution, "pdf").replace(".pdf", ".csv")).status_code == 404
