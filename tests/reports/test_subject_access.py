"""Subject-access export (152-ФЗ, ст. 14): everything about one person, and nobody else."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.models import DiaryEntry, Meeting, MentoringForm, Pair
from reports.orders.services import create_order

from ..registry.factories import MenteeFactory, StudentFactory, consents_for

OTHER = "Кузнецов"


@pytest.fixture
def history(programme, mentor, mentee, forms, curator):
    consents_for(mentee.participant)
    mentee.request_text = "Хочу разобраться в дробях"
    mentee.save()
    other = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=programme.school, last_name=OTHER, first_name="Пётр"),
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status="active",
        starts_on=timezone.localdate(),
    )
    pair.mentees.set([mentee, other])
    Meeting.objects.create(pair=pair, held_on=timezone.localdate(), topic="Дроби и проценты")
    DiaryEntry.objects.create(
        pair=pair, diary="mentee", mentee=mentee, written_on=timezone.localdate(), text="Понятно"
    )
    DiaryEntry.objects.create(
        pair=pair, diary="mentee", mentee=other, written_on=timezone.localdate(), text="Скучно"
    )
    order = create_order(programme, "pairs", by=curator)
    order.pairs.add(pair)
    return mentee


def _url(participant_id, fmt):
    return reverse("reports:subject_access_export", args=[participant_id, fmt])


def test_json_has_the_person_and_nobody_else(client, curator, history):
    client.force_login(curator)
    response = client.get(_url(history.participant_id, "json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    data = json.loads(text)
    sections = {section["heading"]: section for section in data["sections"]}
    assert sections["Участник"]["facts"]["Фамилия"] == "Смирнова"
    consents = sections["Согласия"]["rows"]
    assert {row["Вид согласия"] for row in consents} == {
        "Согласие на обработку персональных данных",
        "Согласие на участие в программе наставничества",
    }
    assert all(row["Дата согласия"] for row in consents)
    categories = sections["Наставляемый: запросы по годам"]["rows"][0]["Категории запроса"]
    assert "(конфиденциально)" in categories  # ОВЗ, a sensitive category, is in
    assert "Хочу разобраться в дробях" in text
    assert "Дроби и проценты" in text and "Понятно" in text
    assert sections["Пары и группы"]["rows"][0]["Роль"] == "наставляемый"
    assert len(sections["Приказы, в которых назван участник"]["rows"]) == 1
    assert OTHER not in text and "Скучно" not in text and "Шевчук" not in text


def test_xlsx_reads_back(client, director, history):
    client.force_login(director)
    response = client.get(_url(history.participant_id, "xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "Смирнова" in cells and "Хочу разобраться в дробях" in cells
    assert "ОВЗ" in cells or "ограниченными" in cells
    assert OTHER not in cells and "Скучно" not in cells


def test_pdf_reads_back(client, curator, history):
    client.force_login(curator)
    response = client.get(_url(history.participant_id, "pdf"))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Смирнова" in text and "Согласия" in text
    assert OTHER not in text


def test_access(client, history, working_group, other_curator, officer):
    url = _url(history.participant_id, "json")
    client.force_login(working_group)
    assert client.get(url).status_code == 403
    for outsider in (other_curator, officer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_unknown_format_is_404(client, curator, history):
    client.force_login(curator)
    assert client.get(_url(history.participant_id, "docx")).status_code == 404


def test_the_participant_page_links_to_the_export(client, curator, working_group, history):
    client.force_login(curator)
    page = client.get(history.participant.get_absolute_url()).content.decode()
    assert _url(history.participant_id, "pdf") in page
    client.force_login(working_group)
    page = client.get(history.participant.get_absolute_url()).content.decode()
    assert _url(history.participant_id, "pdf") not in page
