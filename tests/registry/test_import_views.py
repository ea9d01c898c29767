"""The import pages: upload, preview, confirm (all-or-nothing or valid rows), cancel, templates."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from registry.importing import ImportFileError, parse_file
from registry.models import Competency, ImportBatch, Mentee, Mentor, Participant

from ..events import events_log  # noqa: F401
from .factories import ParticipantFactory

pytestmark = pytest.mark.django_db

MENTEE_HEADER = ["ФИО", "Дата рождения", "Категория", "Класс", "Категория запроса", "Запрос"]
GOOD_MENTEES = [
    ["Иванова Ольга Сергеевна", "14.03.2012", "обучающийся", "7Б", "одарённый", "Олимпиада"],
    ["Карпов Никита", datetime.date(1999, 2, 1), "педагог", "", "молодой специалист", ""],
]
BAD_ROW = ["Сидоров Иван", "31.02.2012", "обучающийся", "6А", "ОВЗ", ""]


def xlsx_bytes(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, programme, content: bytes, kind="mentees", name="база.xlsx"):
    return client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def confirm(client, batch, mode):
    return client.post(reverse("registry:import_confirm", args=[batch.pk]), {"mode": mode})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def logged_in(client, curator):
    client.force_login(curator)
    return client


def test_good_mentee_file_is_previewed_then_imported(
    logged_in,
    programme,
    curator,
    request_categories,
    events_log,  # noqa: F811
):
    response = upload(logged_in, programme, xlsx_bytes(MENTEE_HEADER, *GOOD_MENTEES))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("registry:import_preview", args=[batch.pk])
    assert (batch.status, batch.total_rows, batch.valid_rows, batch.errors) == (
        "preview",
        2,
        2,
        [],
    )
    assert batch.kind == "mentees"
    assert batch.original_name == "база.xlsx"
    assert batch.uploaded_by == curator
    assert Mentee.objects.count() == 0

    page = logged_in.get(response["Location"]).content.decode()
    assert "Иванова Ольга Сергеевна" in page
    assert "Проявивший выдающиеся способности" in page
    assert "Ошибок не найдено" in page

    response = confirm(logged_in, batch, "all")
    assert response["Location"] == reverse("registry:mentee_list", args=[programme.pk])
    assert messages_of(logged_in.get(response["Location"])) == ["Загружено 2 наставляемых"]
    mentees = Mentee.objects.filter(programme=programme).select_related("participant")
    assert {m.participant.full_name for m in mentees} == {
        "Иванова Ольга Сергеевна",
        "Карпов Никита",
    }
    olga = mentees.get(participant__last_name="Иванова")
    assert list(olga.categories.values_list("code", flat=True)) == ["gifted"]
    assert olga.request_text == "Олимпиада"
    assert olga.updated_by == curator
    assert olga.participant.updated_by == curator
    assert olga.participant.school == programme.school
    assert olga.participant.grade == 7
    batch.refresh_from_db()
    assert (batch.status, batch.imported_rows) == ("imported", 2)
    assert batch.finished_at is not None
    assert not batch.file  # the uploaded personal data is not kept after the import
    [event] = events_log.named("import.done")
    assert (event["user"], event["batch"], event["programme"]) == (
        curator.pk,
        batch.pk,
        programme.pk,
    )
    assert (event["kind"], event["mode"], event["added"]) == ("mentees", "all", 2)


def test_mode_all_writes_nothing_when_a_row_has_an_error(logged_in, programme, request_categories):
    upload(logged_in, programme, xlsx_bytes(MENTEE_HEADER, *GOOD_MENTEES, BAD_ROW))
    batch = ImportBatch.objects.get()
    assert (batch.total_rows, batch.valid_rows) == (3, 2)
    problem = "не удалось распознать дату «31.02.2012»: такого дня в календаре нет"
    assert batch.errors == [
        {"row": 4, "column": "Дата рождения", "message": problem, "kind": "Дата не понята"}
    ]
    page = logged_in.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert f"<td>4</td><td>Дата рождения</td><td>{problem}</td>" in page
    assert "Загрузить только строки без ошибок (2)" in page
    assert 'class="btn btn-primary" disabled>Загрузить все строки' in page

    response = confirm(logged_in, batch, "all")
    assert response["Location"] == reverse("registry:import_preview", args=[batch.pk])
    assert messages_of(logged_in.get(response["Location"])) == [
        "В файле есть ошибки (1), поэтому ничего не загружено. Исправьте файл и загрузите его "
        "снова или загрузите только строки без ошибок."
    ]
    assert Mentee.objects.count() == 0
    assert Participant.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == "preview"

    response = confirm(logged_in, batch, "valid")
    assert response["Location"] == reverse("registry:mentee_list", args=[programme.pk])
    names = set(Mentee.objects.values_list("participant__last_name", flat=True))
    assert names == {"Иванова", "Карпов"}
    batch.refresh_from_db()
    assert (batch.status, batch.imported_rows) == ("imported", 2)


def test_mentor_import_reuses_the_schools_participant(logged_in, programme, curator):
    existing = ParticipantFactory(
        school=programme.school,
        last_name="Белова",
        first_name="Анна",
        middle_name="Петровна",
        birth_date=datetime.date(1990, 9, 1),
        kind=Participant.Kind.GRADUATE,
    )
    content = xlsx_bytes(
        ["ФИО", "Дата рождения", "Категория", "Компетенции", "Количество наставляемых"],
        ["белова анна петровна", "01.09.1990", "выпускник", "Робототехника, проекты", 2],
        ["Петров Илья", "", "учитель", "Математика", ""],
    )
    upload(logged_in, programme, content, kind="mentors")
    batch = ImportBatch.objects.get()
    response = confirm(logged_in, batch, "all")
    assert response["Location"] == reverse("registry:mentor_list", args=[programme.pk])
    assert messages_of(logged_in.get(response["Location"])) == ["Загружено 2 наставника"]
    assert Participant.objects.filter(last_name="Белова").count() == 1
    anna = Mentor.objects.get(participant=existing)
    assert (anna.school, anna.status, anna.capacity) == (programme.school, "candidate", 2)
    assert anna.contour == Mentor.Contour.EXTERNAL  # a graduate: outer contour by default
    assert anna.updated_by == curator
    assert sorted(anna.competencies.values_list("name", flat=True)) == ["проекты", "робототехника"]
    ilya = Mentor.objects.get(participant__last_name="Петров")
    assert (ilya.contour, ilya.capacity) == (Mentor.Contour.INTERNAL, 1)
    assert ilya.participant.kind == Participant.Kind.TEACHER
    assert Competency.objects.filter(name="математика").exists()


def test_an_imported_batch_cannot_be_confirmed_again(logged_in, programme, request_categories):
    upload(logged_in, programme, xlsx_bytes(MENTEE_HEADER, GOOD_MENTEES[0]))
    batch = ImportBatch.objects.get()
    response = confirm(logged_in, batch, "all")
    assert messages_of(logged_in.get(response["Location"])) == ["Загружен 1 наставляемый"]
    Mentee.objects.all().delete()
    response = confirm(logged_in, batch, "all")
    assert response["Location"] == reverse("registry:import_preview", args=[batch.pk])
    assert messages_of(logged_in.get(response["Location"])) == [
        "Этот файл уже загружен в базу: повторная загрузка не выполняется."
    ]
    assert Mentee.objects.count() == 0


def test_cancel(logged_in, programme, request_categories):
    upload(logged_in, programme, xlsx_bytes(MENTEE_HEADER, GOOD_MENTEES[0]))
    batch = ImportBatch.objects.get()
    response = logged_in.post(reverse("registry:import_cancel", args=[batch.pk]))
    assert response["Location"] == reverse("registry:import_start", args=[programme.pk])
    assert messages_of(logged_in.get(response["Location"])) == [
        "Загрузка файла «база.xlsx» отменена."
    ]
    batch.refresh_from_db()
    assert batch.status == "cancelled"
    assert not batch.file
    response = confirm(logged_in, batch, "all")
    assert messages_of(logged_in.get(response["Location"])) == [
        "Загрузка этого файла отменена. Чтобы загрузить его, выберите файл заново."
    ]
    assert Mentee.objects.count() == 0
    page = logged_in.get(reverse("registry:import_start", args=[programme.pk])).content.decode()
    assert "база.xlsx" in page and "Отменён" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("список.txt", "Иванова Ольга".encode(), "Загрузите таблицу: книгу Excel"),
        ("список.xlsx", "Иванова Ольга;7Б".encode(), "Не найдена строка заголовков"),
        ("список.xlsx", b"\x00\x01binary", "Это не таблица"),
        ("пусто.xlsx", xlsx_bytes(), "В файле нет данных: все листы пустые."),
        ("рост.xlsx", xlsx_bytes(["Ученик", "Рост"], ["Иванова", 150]), "Не найдена строка"),
        ("класс.xlsx", xlsx_bytes(["Класс", "Телефон"], ["7Б", "1"]), "столбца «ФИО»"),
    ],
)
def test_a_broken_file_is_refused_as_a_whole(logged_in, programme, name, content, message):
    response = upload(logged_in, programme, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Файл не принят" in response.content.decode()
    assert ImportBatch.objects.count() == 0
    assert Participant.objects.count() == 0


def test_a_file_over_5_mb_is_refused(logged_in, programme):
    response = upload(logged_in, programme, b"PK" + b"0" * (5 * 1024 * 1024))
    assert "Файл слишком большой: допускается не более 5 МБ." in response.content.decode()
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "sheet"), [("mentees", "Наставляемые"), ("mentors", "Наставники")]
)
def test_template_reads_back_and_parses(logged_in, programme, request_categories, kind, sheet):
    response = logged_in.get(reverse("registry:import_template", args=[programme.pk, kind]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [sheet, "Справочник"]
    header = [cell.value for cell in workbook[sheet][1]]
    assert header[:3] == ["ФИО", "Дата рождения", "Категория участника"]
    reference = [row[1] for row in workbook["Справочник"].iter_rows(values_only=True)]
    assert "Обучающийся" in reference
    if kind == "mentees":
        assert "С ограниченными возможностями здоровья (ОВЗ)" in reference
        assert "Контур" not in header
    else:
        assert "Внешний контур" in reference
        assert "Количество наставляемых" in header
    with pytest.raises(ImportFileError, match="строка-образец из шаблона"):
        parse_file(BytesIO(response.content), kind, programme)  # the example is never imported
    filled = load_workbook(BytesIO(response.content))
    filled[sheet].append(["Новикова Анна Петровна", "14.03.1990", "педагог", "", "учитель"])
    buffer = BytesIO()
    filled.save(buffer)
    result = parse_file(buffer.getvalue(), kind, programme)
    assert [row.full_name for row in result.rows] == ["Новикова Анна Петровна"]
    assert result.problems == []
    assert [item["reason"] for item in result.skipped] == ["строка-образец из шаблона"]


def test_unknown_template_is_404(logged_in, programme):
    url = reverse("registry:import_template", args=[programme.pk, "pairs"])
    assert logged_in.get(url).status_code == 404


def test_start_page_lists_batches_and_templates(logged_in, programme, curator):
    ImportBatch.objects.create(
        programme=programme, kind="mentors", original_name="наставники-2025.xlsx",
        uploaded_by=curator, total_rows=12, valid_rows=10,
    )  # fmt: skip
    page = logged_in.get(reverse("registry:import_start", args=[programme.pk])).content.decode()
    assert "наставники-2025.xlsx" in page
    assert reverse("registry:import_template", args=[programme.pk, "mentees"]) in page
    assert reverse("registry:import_template", args=[programme.pk, "mentors"]) in page


def test_working_group_imports(client, working_group, programme, request_categories):
    client.force_login(working_group)
    upload(client, programme, xlsx_bytes(MENTEE_HEADER, GOOD_MENTEES[0]))
    batch = ImportBatch.objects.get()
    assert client.get(reverse("registry:import_preview", args=[batch.pk])).status_code == 200
    confirm(client, batch, "all")
    assert Mentee.objects.filter(programme=programme).count() == 1


def test_confirm_and_cancel_accept_only_post(logged_in, programme, curator):
    batch = ImportBatch.objects.create(
        programme=programme, kind="mentees", original_name="a.xlsx", uploaded_by=curator
    )
    for name in ("registry:import_confirm", "registry:import_cancel"):
        assert logged_in.get(reverse(name, args=[batch.pk])).status_code == 405


def test_template_names_sensitive_categories_only_to_the_curator_and_director(
    client, working_group, programme, request_categories
):
    client.force_login(working_group)
    url = reverse("registry:import_template", args=[programme.pk, "mentees"])
    workbook = load_workbook(BytesIO(client.get(url).content))
    reference = [row[1] for row in workbook["Справочник"].iter_rows(values_only=True)]
    assert "Проявивший выдающиеся способности" in reference
    assert not {
        "С ограниченными возможностями здоровья (ОВЗ)",
        "Имеющий проблемы с поведением",
    } & set(reference)
    assert any("знают куратор и директор" in str(value) for value in reference)


def test_the_template_has_drop_downs_a_frozen_header_and_an_example_marked_as_such(
    logged_in, programme
):
    response = logged_in.get(reverse("registry:import_template", args=[programme.pk, "mentors"]))
    sheet = load_workbook(BytesIO(response.content))["Наставники"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N2"
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"C2": "'Справочник'!$B$2:$B$7", "I2": "'Справочник'!$B$8:$B$9"}
    assert sheet["A2"].font.italic and "не загружается" in sheet["A2"].comment.text
    assert sheet.column_dimensions["A"].width >= len("Примеров Илья Андреевич")
