"""Outcomes on the programme's monitoring page and in its PDF: Hedges' g beside the benchmark,
pair-duration curves by form and the early-closure rate."""

import datetime
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from registry.models import Pair

from ..registry.factories import ready_student_mentor
from .test_analytics import growth_survey

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def closed_and_running(programme, forms):
    first, second = sorted(forms.values(), key=lambda form: form.position)[:2]
    september = datetime.date(2026, 9, 1)
    made = [
        (first, Pair.Status.TERMINATED, september, datetime.date(2026, 10, 1)),
        (first, Pair.Status.COMPLETED, september, datetime.date(2026, 11, 1)),
        (first, Pair.Status.COMPLETED, september, datetime.date(2026, 11, 2)),
        (first, Pair.Status.ACTIVE, september, None),
        (second, Pair.Status.ACTIVE, datetime.date(2026, 10, 1), None),
    ]
    for form, status, starts_on, ends_on in made:
        Pair.objects.create(
            programme=programme,
            mentor=ready_student_mentor(programme.school),
            form=form,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    return first, second


@pytest.mark.today("2026-11-26")
def test_monitoring_page_shows_effect_sizes_and_durations(client, programme, curator, forms):
    growth_survey(programme)
    first, second = closed_and_running(programme, forms)
    client.force_login(curator)
    response = client.get(reverse("surveys:monitoring", args=[programme.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # engagement of the three pairs: g = 4/7 · (8/3)·√(6/7) (tests/surveys/test_effect_size.py)
    assert "Величина эффекта g [95 % ДИ]" in html
    assert "<strong>1,41 [−1,10; 3,92]</strong> — в пределах ориентира" in html
    assert "Ориентир метаанализа: 0,21 (70 исследований, ≈25 000 молодых людей)" in html
    # by form: two pairs of the first form are too few for an effect size
    assert "меньше 3 пар с замерами в обеих точках" in html

    assert "Продолжительность работы пар" in html
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="survival-chart"')
    root = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    labels = [path.find(f"{SVG}title").text for path in root.findall(f"{SVG}path")]
    assert labels == [first.name, second.name]
    # the first form: 1 early closure of 3 closed pairs, the benchmark beside it
    assert "<td>Все формы</td><td>3</td><td>1</td><td>33 %</td>" in html
    assert "30–38 %" in html


def test_monitoring_page_without_pairs_or_answers(client, programme, curator):
    client.force_login(curator)
    html = client.get(reverse("surveys:monitoring", args=[programme.pk])).content.decode()
    assert "Пока нет пар с датой начала работы." in html
    assert "Закрытых пар пока нет." in html
    assert "survival-chart" not in html


@pytest.mark.today("2026-11-26")
def test_school_monitoring_pdf_has_effect_sizes_and_the_curve(client, programme, curator, forms):
    growth_survey(programme)
    closed_and_running(programme, forms)
    client.force_login(curator)
    url = reverse(
        "reports:school_monitoring_report", kwargs={"programme_id": programme.pk, "fmt": "pdf"}
    )
    response = client.get(url)
    assert response.status_code == 200
    reader = PdfReader(BytesIO(b"".join(response)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "1,41 [−1,10; 3,92]" in text
    assert "в пределах ориентира" in text
    assert "Ориентир метаанализа: 0,21" in text
    assert "Доля пар, продолжающих работу" in text
    assert "Досрочное прекращение среди закрытых пар" in text
    assert "Месяцы от начала работы пары" in text  # the chart's axis, drawn into the PDF
