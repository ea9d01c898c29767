"""The mentor and mentee bases as XLSX and PDF, read back; who may download them."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.models import Consent
from reports.builders.bases import mentee_base_document, mentor_base_document

from ..registry.factories import MenteeFactory, StudentFactory, consents_for

pytestmark = pytest.mark.django_db

OVZ = "С ограниченными возможностями здоровья (ОВЗ)"
LOW_RESULTS = "Демонстрирующий неудовлетворительные образовательные результаты"


def export_url(name, programme, fmt):
    return reverse(f"reports:{name}", args=[programme.pk, fmt])


@pytest.fixture
def imported_mentee(programme, curator, request_categories):
    """A mentee whose surname would be a formula if the export wrote it carelessly (the import
    refuses such a name; the base may still hold one typed elsewhere)."""
    return MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school, last_name="=cmd", first_name="Иван", middle_name="",
            birth_date=None, class_name="8А",
        ),
        request_text="@SUM(A1)",
        categories=["ovz", "gifted"],
    )  # fmt: skip


def xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    return [row for row in sheet.iter_rows(values_only=True) if row and row[0] is not None]


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_curator_gets_the_mentee_base_with_sensitive_categories(
    client, curator, programme, mentee, imported_mentee
):
    consents_for(mentee.participant)
    client.force_login(curator)
    rows = xlsx_rows(client.get(export_url("mentee_base_export", programme, "xlsx")))
    by_name = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert set(by_name) == {mentee.participant.full_name, "=cmd Иван"}
    olga = by_name[mentee.participant.full_name]
    assert olga[2:5] == ("Обучающийся", "7Б класс", "Ожидает наставника")
    assert olga[5] == f"{LOW_RESULTS}; {OVZ}"
    assert olga[8] == "в порядке"
    ivan = by_name["=cmd Иван"]
    assert ivan[5] == f"Проявивший выдающиеся способности; {OVZ}"
    assert ivan[6] == "@SUM(A1)"
    assert ivan[8] == (
        "нет согласия родителя на обработку персональных данных; "
        "нет согласия родителя на участие в программе"
    )


def test_formula_like_text_stays_text(client, curator, programme, imported_mentee):
    client.force_login(curator)
    response = client.get(export_url("mentee_base_export", programme, "xlsx"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=cmd Иван"]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    assert cells[0].quotePrefix


def test_working_group_does_not_see_sensitive_categories(
    client, working_group, programme, mentee, imported_mentee
):
    client.force_login(working_group)
    rows = xlsx_rows(client.get(export_url("mentee_base_export", programme, "xlsx")))
    cells = " ".join(str(value) for row in rows for value in row if value)
    assert mentee.participant.full_name in cells
    assert LOW_RESULTS in cells
    assert "Проявивший выдающиеся способности" in cells
    assert "ОВЗ" not in cells
    text = pdf_text(client.get(export_url("mentee_base_export", programme, "pdf")))
    assert mentee.participant.full_name in text
    assert "ОВЗ" not in text
    assert "База наставляемых" in text


def test_curator_pdf_shows_sensitive_categories(client, curator, programme, mentee):
    client.force_login(curator)
    text = pdf_text(client.get(export_url("mentee_base_export", programme, "pdf")))
    assert mentee.participant.full_name in text
    assert "(ОВЗ)" in text


def test_mentor_base_reads_back(client, director, programme, mentor):
    mentor.competencies.set([])
    mentor.competencies.create(name="робототехника")
    consents_for(mentor.participant)
    client.force_login(director)
    rows = xlsx_rows(client.get(export_url("mentor_base_export", programme, "xlsx")))
    row = next(row for row in rows if row[1] == mentor.participant.full_name)
    assert row[0] == 1
    assert row[4:9] == (
        "Внутренний контур",
        "Кандидат",
        "робототехника",
        "Помогу с подготовкой к олимпиадам по математике",
        2,
    )
    assert row[9] == (
        "нет справки об отсутствии судимости; нет письменного согласия педагога на наставничество"
    )
    Consent.objects.create(
        participant=mentor.participant, kind=Consent.Kind.TEACHER_MENTORING,
        given_by=Consent.GivenBy.SELF, signed_on=mentor.participant.created_at.date(),
    )  # fmt: skip
    text = pdf_text(client.get(export_url("mentor_base_export", programme, "pdf")))
    assert "База наставников" in text
    assert mentor.participant.full_name in text
    assert "нет справки об отсутствии судимости" in text
    assert "нет письменного согласия педагога" not in text


@pytest.mark.parametrize("name", ["mentor_base_export", "mentee_base_export"])
@pytest.mark.parametrize("outsider", ["other_curator", "mentor_user", "officer", "other_officer"])
def test_base_exports_are_hidden_from_outsiders(client, request, programme, name, outsider):
    client.force_login(request.getfixturevalue(outsider))
    for fmt in ("pdf", "xlsx"):
        assert client.get(export_url(name, programme, fmt)).status_code == 404


@pytest.mark.parametrize("name", ["mentor_base_export", "mentee_base_export"])
def test_unknown_format_and_anonymous(client, curator, programme, name):
    response = client.get(export_url(name, programme, "pdf"))
    assert response["Location"].startswith(reverse("login"))
    client.force_login(curator)
    assert client.get(export_url(name, programme, "docx")).status_code == 404
    assert client.get(export_url(name, programme, "html")).status_code == 404


@pytest.mark.parametrize("count", [2, 25])
def test_builders_query_count_does_not_grow_with_rows(
    programme, request_categories, django_assert_max_num_queries, count
):
    for _ in range(count):
        mentee = MenteeFactory(programme=programme, categories=["ovz", "gifted"])
        consents_for(mentee.participant)
    with django_assert_max_num_queries(3):
        document = mentee_base_document(programme, sensitive=False)
    assert len(document.sections[1].blocks[0].rows) == count
    with django_assert_max_num_queries(3):
        mentor_base_document(programme, sensitive=True)
