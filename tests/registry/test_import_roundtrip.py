"""The base in the import's own shape, loaded back: into the same school nothing changes, into an
empty school the base is recreated, and edits show as a diff before they are written."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from registry.models import Consent, ImportBatch, Mentee, Mentor, Participant

from .factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(programme, request_categories, today):
    """Mentees and mentors as people keep them by hand: odd phones, consents, sensitive ones."""
    olga = StudentFactory(
        school=programme.school, last_name="Иванова", first_name="Ольга", middle_name="Сергеевна",
        class_name="7Б", phone="8-900-111-22-33", email="Olga@Mail.RU",
    )  # fmt: skip
    MenteeFactory(
        programme=programme, participant=olga, categories=["ovz", "gifted"],
        request_text="Олимпиада, 2 тура", priority="high", source="анкета",
    )  # fmt: skip
    Consent.objects.create(
        participant=olga, kind="personal_data", given_by="representative",
        representative_name="Иванова Елена Петровна", signed_on=today - datetime.timedelta(days=30),
    )  # fmt: skip
    MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school, last_name="Петров", first_name="Иван", middle_name="",
            class_name="8А", birth_date=None,
        ),
        categories=["behaviour"],
        request_text="",
    )  # fmt: skip
    teacher = ParticipantFactory(
        school=programme.school, last_name="Белова", first_name="Анна", middle_name="Ивановна",
        experience_years=12, phone="+7 912 000-00-01",
    )  # fmt: skip
    mentor = MentorFactory(participant=teacher, capacity=3, offer="Помогу с проектами")
    mentor.competencies.create(name="проектная работа")
    MentorFactory(
        participant=ParticipantFactory(
            school=programme.school, last_name="Гусев", first_name="Олег", middle_name="",
            kind="graduate", organisation="Завод «Прогресс»", position="", subject="",
        ),
        contour="external",
    )  # fmt: skip
    return programme


def snapshot(school) -> dict:
    people = Participant.objects.filter(school=school).order_by("last_name")
    return {
        "people": list(people.values_list(
            "last_name", "first_name", "middle_name", "birth_date", "kind", "class_name",
            "position", "subject", "experience_years", "organisation", "phone", "email",
        )),
        "mentees": sorted(
            (m.participant.last_name, m.request_text, m.priority, m.source,
             tuple(sorted(m.categories.values_list("code", flat=True))))
            for m in Mentee.objects.filter(participant__school=school)
        ),
        "mentors": sorted(
            (m.participant.last_name, m.contour, m.offer, m.capacity,
             tuple(sorted(m.competencies.values_list("name", flat=True))))
            for m in Mentor.objects.filter(school=school)
        ),
        "consents": sorted(Consent.objects.filter(participant__school=school).values_list(
            "participant__last_name", "kind", "given_by", "representative_name", "signed_on",
        )),
    }  # fmt: skip


def export(client, programme, kind) -> bytes:
    response = client.get(reverse("registry:import_export", args=[programme.pk, kind]))
    assert response.status_code == 200
    return response.content


def upload(client, programme, kind, content):
    response = client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": kind, "file": SimpleUploadedFile("база.xlsx", content)},
    )
    assert response.status_code == 302, response.context["form"].errors
    return ImportBatch.objects.latest("pk")


def confirm(client, batch) -> str:
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": "all"})
    return " ".join(str(m) for m in client.get(response["Location"]).context["messages"])


@pytest.mark.parametrize("kind", ["mentees", "mentors"])
def test_loading_the_export_back_into_the_same_school_changes_nothing(client, curator, base, kind):
    client.force_login(curator)
    before = snapshot(base.school)
    batch = upload(client, base, kind, export(client, base, kind))
    assert batch.errors == []
    assert batch.skipped == []
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "Будет добавлено 0, обновлено 0, без изменений 2, пропущено 0." in page
    assert confirm(client, batch) == "Ничего не изменилось: все строки файла совпадают с базой."
    assert snapshot(base.school) == before


def test_loading_the_export_into_an_empty_school_recreates_the_base(
    client, curator, base, other_programme, other_curator
):
    client.force_login(curator)
    files = {kind: export(client, base, kind) for kind in ("mentors", "mentees")}
    client.force_login(other_curator)
    for kind in ("mentors", "mentees"):
        batch = upload(client, other_programme, kind, files[kind])
        assert (batch.errors, batch.details["added"]) == ([], 2)
        assert confirm(client, batch).startswith("Загружено 2 ")
    # the recreated base holds the phone and the e-mail in the import's format
    formatted = {"8-900-111-22-33": "+7 900 111-22-33", "Olga@Mail.RU": "Olga@mail.ru"}
    assert snapshot(other_programme.school) == {
        key: [tuple(formatted.get(v, v) for v in row) for row in rows]
        for key, rows in snapshot(base.school).items()
    }


def test_edits_in_the_export_show_as_a_diff_and_update_the_same_people(client, curator, base):
    client.force_login(curator)
    workbook = load_workbook(BytesIO(export(client, base, "mentees")))
    sheet = workbook["Наставляемые"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    olga = rows["Иванова Ольга Сергеевна"]
    olga[header.index("ФИО")].value = "Иванова-Смирнова Ольга Сергеевна"  # found by the hidden code
    olga[header.index("Класс")].value = "8 «б»"
    rows["Петров Иван"][header.index("Запрос")].value = "Хочу в робототехнику"
    buffer = BytesIO()
    workbook.save(buffer)

    batch = upload(client, base, "mentees", buffer.getvalue())
    assert batch.errors == []
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "Будет добавлено 0, обновлено 2, без изменений 0, пропущено 0." in page
    assert (
        '<td>Фамилия</td><td class="text-body-secondary">Иванова</td><td>Иванова-Смирнова</td>'
        in page
    )
    assert '<td>Класс</td><td class="text-body-secondary">7Б</td><td>8Б</td>' in page
    assert (
        '<td>Запрос</td><td class="text-body-secondary">—</td><td>Хочу в робототехнику</td>' in page
    )
    assert confirm(client, batch) == "Обновлено 2"
    olga = Participant.objects.get(last_name="Иванова-Смирнова")
    assert (olga.class_name, olga.grade) == ("8Б", 8)
    assert Participant.objects.filter(school=base.school).count() == 4
    assert (
        Mentee.objects.get(participant__last_name="Петров").request_text == "Хочу в робототехнику"
    )


def test_the_working_group_round_trip_keeps_the_sensitive_categories(client, working_group, base):
    client.force_login(working_group)
    content = export(client, base, "mentees")
    cells = " ".join(
        str(value) for sheet in load_workbook(BytesIO(content)).worksheets
        for row in sheet.iter_rows(values_only=True) for value in row if value
    )  # fmt: skip
    assert "ОВЗ" not in cells and "поведением" not in cells
    assert "Проявивший выдающиеся способности" in cells
    before = snapshot(base.school)
    batch = upload(client, base, "mentees", content)
    assert batch.details["unchanged"] == 2
    confirm(client, batch)
    assert snapshot(base.school) == before
    olga = Mentee.objects.get(participant__last_name="Иванова")
    assert set(olga.categories.values_list("code", flat=True)) == {"ovz", "gifted"}


def test_the_export_is_laid_out_for_editing(client, curator, base):
    client.force_login(curator)
    workbook = load_workbook(BytesIO(export(client, base, "mentees")))
    assert workbook.sheetnames == ["Наставляемые", "Справочник"]
    sheet = workbook["Наставляемые"]
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "Код участника"
    assert sheet.column_dimensions[sheet.cell(row=1, column=len(header)).column_letter].hidden
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    validations = {
        str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation
    }
    letter = {
        title: sheet.cell(row=1, column=i + 1).column_letter for i, title in enumerate(header)
    }
    assert validations[letter["Категория участника"]].formula1.startswith("'Справочник'!$B$")
    assert validations[letter["Приоритет"]].errorStyle == "stop"
    assert validations[letter["Категория запроса"]].errorStyle == "warning"
    birth = sheet.cell(row=2, column=header.index("Дата рождения") + 1)
    assert birth.is_date and birth.number_format == "DD.MM.YYYY"
    code = sheet.cell(row=2, column=len(header))
    assert isinstance(code.value, int)
