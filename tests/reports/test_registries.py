"""«Реестр наставников», «Список наставнических пар и групп» and the request map of the mentee
base, read back from XLSX and PDF; who may download them."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.models import Mentor, MentoringForm, Pair, RoleModel
from reports.builders.registries import mentor_registry_document, pairs_list_document

from ..registry.factories import (
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    ready_student_mentor,
    ready_teacher_mentor,
)

pytestmark = pytest.mark.django_db

OVZ = "С ограниченными возможностями здоровья (ОВЗ)"
LOW_RESULTS = "Демонстрирующий неудовлетворительные образовательные результаты"


def url(name, programme, fmt):
    return reverse(f"reports:{name}", args=[programme.pk, fmt])


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    return [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]


def numbered(rows) -> list[tuple]:
    return [row for row in rows if isinstance(row[0], int)]


def facts(rows) -> dict:
    return {row[0]: row[1] for row in rows if isinstance(row[0], str) and row[1] is not None}


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def registry(school, other_school):
    teacher = ready_teacher_mentor(school, registry_note="Приказ от 01.10.2026 № 15")
    teacher.participant.last_name = "Андреева"
    teacher.participant.save()
    teacher.competencies.create(name="математика")
    student = ready_student_mentor(school, class_name="11А")
    student.status = Mentor.Status.ACTIVE
    student.contour = Mentor.Contour.INTERNAL
    student.save()
    external = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Яковлев", kind="professional"),
        contour=Mentor.Contour.EXTERNAL,
        status=Mentor.Status.TRAINED,
    )
    candidate = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Кандидатов"),
        status=Mentor.Status.CANDIDATE,
    )
    foreign = ready_teacher_mentor(other_school)
    return {
        "teacher": teacher,
        "student": student,
        "external": external,
        "candidate": candidate,
        "foreign": foreign,
    }


def test_mentor_registry_lists_only_mentors_in_the_registry(client, curator, programme, registry):
    client.force_login(curator)
    rows = sheet_rows(client.get(url("mentor_registry_export", programme, "xlsx")))
    entries = numbered(rows)
    names = [row[1] for row in entries]
    assert names == sorted(names)
    assert set(names) == {
        registry["teacher"].participant.full_name,
        registry["student"].participant.full_name,
        registry["external"].participant.full_name,
    }
    teacher = next(row for row in entries if row[1] == registry["teacher"].participant.full_name)
    assert teacher[0] == 1
    assert teacher[2] == "Педагог: учитель, математика"
    assert teacher[3:7] == (
        "Внутренний контур",
        "математика",
        "Приказ от 01.10.2026 № 15",
        "В реестре наставников",
    )
    student = next(row for row in entries if row[1] == registry["student"].participant.full_name)
    assert student[2] == "Обучающийся: 11А класс"
    assert student[6] == "Работает с наставляемыми"
    totals = facts(rows)
    assert totals["Наставников в реестре"] == 3
    assert totals["Внешний контур"] == 1
    assert totals["Внутренний контур"] == 2
    assert totals["Прошёл обучение"] == 1


def test_mentor_registry_pdf(client, director, programme, registry):
    client.force_login(director)
    text = pdf_text(client.get(url("mentor_registry_export", programme, "pdf")))
    assert "Реестр наставников" in text
    assert registry["teacher"].participant.full_name in text
    assert "Приказ от 01.10.2026 № 15" in text
    assert "Кандидатов" not in text
    assert registry["foreign"].participant.full_name not in text


@pytest.fixture
def pairs(programme, registry, request_categories):
    student_form = MentoringForm.objects.get(code="student_student")
    teacher_form = MentoringForm.objects.get(code="teacher_teacher")
    peer = RoleModel.objects.filter(form=student_form).first()

    def pair(mentor, form, status, mentees, **fields):
        created = Pair.objects.create(
            programme=programme, mentor=mentor, form=form, status=status, **fields
        )
        created.mentees.set(
            [MenteeFactory(programme=programme, participant__last_name=name) for name in mentees]
        )
        return created

    return {
        "terminated": pair(registry["student"], student_form, Pair.Status.TERMINATED, ["Борисов"]),
        "group": pair(
            registry["student"],
            student_form,
            Pair.Status.APPROVED,
            ["Волков", "Агеева"],
            role_model=peer,
            starts_on=datetime.date(2026, 10, 5),
            approval_note="Приказ от 01.10.2026 № 16",
        ),
        "teachers": pair(registry["teacher"], teacher_form, Pair.Status.ACTIVE, ["Громова"]),
        "draft": pair(registry["external"], student_form, Pair.Status.DRAFT, ["Дмитриев"]),
    }


def test_pairs_list_orders_open_pairs_first_by_form(client, curator, programme, pairs):
    client.force_login(curator)
    rows = sheet_rows(client.get(url("pairs_list_export", programme, "xlsx")))
    entries = numbered(rows)
    assert [row[0] for row in entries] == [1, 2, 3, 4]
    assert [row[5] for row in entries][-1] == "Прекращена досрочно"
    forms = [row[1] for row in entries[:3]]
    assert forms == sorted(forms, key=["Ученик – ученик", "Учитель – учитель"].index)
    group = next(row for row in entries if "Агеева" in row[4])
    assert group[4].index("Агеева") < group[4].index("Волков")
    assert group[2] == pairs["group"].role_model.name
    assert group[5] == "Утверждена приказом"
    assert group[6] == datetime.datetime(2026, 10, 5)
    assert group[7] == "Приказ от 01.10.2026 № 16"
    totals = facts(rows)
    assert totals["Пар и групп"] == 4
    assert totals["Из них групп (несколько наставляемых)"] == 1
    assert totals["Наставляемых в парах и группах"] == 5
    by_label = {row[0]: row[1] for row in rows if isinstance(row[1], int)}
    assert by_label["Ученик – ученик"] == 3
    assert by_label["Учитель – учитель"] == 1
    assert by_label["Прекращена досрочно"] == 1
    assert by_label["Работает"] == 1


def test_pairs_list_pdf(client, working_group, programme, pairs):
    client.force_login(working_group)
    text = pdf_text(client.get(url("pairs_list_export", programme, "pdf")))
    assert "Список наставнических пар и групп" in text
    assert "Приказ от 01.10.2026 № 16" in text
    assert "По формам наставничества" in text


def test_builders_query_count_does_not_grow(
    programme, registry, pairs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        mentor_registry_document(programme)
    with django_assert_max_num_queries(4):  # one of them: the forms for the drop-down list
        document = pairs_list_document(programme)
    assert len(document.sections[1].blocks[0].rows) == 4


def request_map_rows(rows) -> dict:
    """Rows of the «Карта запросов» table: category → (audience, total, waiting, paired)."""
    start = next(i for i, row in enumerate(rows) if row[0] == "Категория запроса")
    return {row[0]: row[1:5] for row in rows[start + 1 :] if isinstance(row[0], str)}


def test_mentee_base_carries_the_request_map(client, curator, programme, mentee):
    client.force_login(curator)
    rows = sheet_rows(client.get(url("mentee_base_export", programme, "xlsx")))
    request_map = request_map_rows(rows)
    assert request_map[OVZ] == ("Обучающиеся", 1, 1, 0)
    assert request_map[LOW_RESULTS][1] == 1
    text = pdf_text(client.get(url("mentee_base_export", programme, "pdf")))
    assert "Карта запросов" in text
    assert "(ОВЗ)" in text


def test_request_map_hides_sensitive_categories_from_the_working_group(
    client, working_group, programme, mentee
):
    client.force_login(working_group)
    rows = sheet_rows(client.get(url("mentee_base_export", programme, "xlsx")))
    request_map = request_map_rows(rows)
    assert OVZ not in request_map
    assert request_map[LOW_RESULTS][1] == 1
    hidden = next(key for key in request_map if key.startswith("Конфиденциальные категории"))
    assert request_map[hidden][1] == 1
    cells = " ".join(str(value) for row in rows for value in row if value)
    assert "ОВЗ" not in cells
    assert "трудн" not in cells.lower()
    text = pdf_text(client.get(url("mentee_base_export", programme, "pdf")))
    assert "Карта запросов" in text
    assert "ОВЗ" not in text


@pytest.mark.parametrize("name", ["mentor_registry_export", "pairs_list_export"])
@pytest.mark.parametrize("outsider", ["other_curator", "mentor_user", "officer", "other_officer"])
def test_registries_are_hidden_from_outsiders(client, request, programme, name, outsider):
    client.force_login(request.getfixturevalue(outsider))
    for fmt in ("pdf", "xlsx"):
        assert client.get(url(name, programme, fmt)).status_code == 404


@pytest.mark.parametrize("name", ["mentor_registry_export", "pairs_list_export"])
def test_registries_unknown_format_and_anonymous(client, curator, programme, name):
    assert client.get(url(name, programme, "pdf"))["Location"].startswith(reverse("login"))
    client.force_login(curator)
    for fmt in ("docx", "html"):
        assert client.get(url(name, programme, fmt)).status_code == 404
    assert client.get(url(name, programme, "pdf").replace(".pdf", ".csv")).status_code == 404
