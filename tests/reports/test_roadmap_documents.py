import datetime
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.builders.roadmap import roadmap_document
from stages.models import RoadmapItem


def _mark(programme, today):
    items = list(programme.roadmap_items.order_by("position"))
    items[0].status = RoadmapItem.Status.DONE
    items[0].evidence_link = "https://school.example/prikaz-1"
    items[0].save()
    items[1].deadline = today - datetime.timedelta(days=5)
    items[1].save()
    return items


def test_roadmap_pdf_reads_back(client, programme, curator, today):
    items = _mark(programme, today)
    client.force_login(curator)
    response = client.get(reverse("reports:roadmap_export", args=[programme.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Дорожная карта реализации целевой модели наставничества" in flat
    assert programme.school.full_name.split()[0] in flat
    assert "Этап 1. Подготовка условий" in flat
    assert "Этап 7." in flat
    assert items[0].number in flat
    assert "просрочено" in flat
    assert flat.index("Этап 1.") < flat.index("Этап 2.") < flat.index("Этап 7.")
    first_page = reader.pages[0].mediabox
    assert first_page.width > first_page.height


def test_roadmap_xlsx_reads_back(client, programme, curator, today):
    items = _mark(programme, today)
    client.force_login(curator)
    response = client.get(reverse("reports:roadmap_export", args=[programme.pk, "xlsx"]))
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Дорожная карта реализации целевой модели наставничества" in values
    assert items[0].activity in values
    assert "Выполнено" in values
    assert "https://school.example/prikaz-1" in values
    deadlines = [
        row for row in sheet.iter_rows(values_only=True) if row and row[0] == items[1].number
    ]
    assert len(deadlines) == 1
    assert isinstance(deadlines[0][2], datetime.datetime)
    assert deadlines[0][2].date() == items[1].deadline
    assert deadlines[0][6] == "Запланировано, просрочено"
    activity_rows = [
        row
        for row in sheet.iter_rows(values_only=True)
        if row and row[1] in {i.activity for i in programme.roadmap_items.all()}
    ]
    assert len(activity_rows) == programme.roadmap_items.count()


def test_roadmap_document_marks_overdue_rows(programme, today):
    items = _mark(programme, today)
    document = roadmap_document(programme, today)
    rows = [
        row
        for section in document.sections
        for block in section.blocks
        for row in getattr(block, "rows", [])
    ]
    tones = {row.cells[0]: row.tone for row in rows}
    assert tones[items[1].number] == "danger"
    assert tones[items[0].number] == "success"


def test_unknown_format_is_404(client, programme, curator):
    client.force_login(curator)
    assert client.get(f"/programmes/{programme.pk}/roadmap.docx").status_code == 404


def test_other_school_cannot_download(client, programme, other_curator):
    client.force_login(other_curator)
    url = reverse("reports:roadmap_export", args=[programme.pk, "pdf"])
    assert client.get(url).status_code == 404
