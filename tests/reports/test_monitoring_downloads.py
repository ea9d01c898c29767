"""Monitoring downloads over HTTP, read back: XLSX with openpyxl, PDF with pypdf; and who may
download what."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring.periods import month_name
from registry.models import Award, Case, Pair
from reports.indicators import INDICATORS, school_indicators
from reports.models import MonthlyReport
from reports.monitoring.consolidated import TOTAL_LABEL

from ..factories import ProgrammeFactory, SchoolFactory
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = pytest.mark.django_db

FOR_OFFICIAL_USE = "Для служебного пользования"


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(b"".join(response)))


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(b"".join(response)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def header_row(ws, first_title="Школа") -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_title:
            return row[0].row
    raise AssertionError(f"no «{first_title}» header on {ws.title}")


@pytest.fixture
def month(today):
    return today.replace(day=1)


@pytest.fixture
def schools(programme, municipality, month, forms, today):
    """Three schools: one with an accepted report, one with a draft, one without a report."""
    programme.students_total, programme.teachers_total = 300, 40
    programme.save()
    mentor = MentorFactory(participant=ParticipantFactory(school=programme.school))
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["teacher_teacher"],
        status=Pair.Status.ACTIVE,
        starts_on=month,
    )
    pair.mentees.set(
        [MenteeFactory(programme=programme, participant=StudentFactory(school=programme.school))]
    )
    MonthlyReport.objects.create(
        school=programme.school,
        programme=programme,
        period=month,
        figures=school_indicators(programme, today) | {"meetings_period": 6},
        status=MonthlyReport.Status.ACCEPTED,
        comment="Все пары работают по плану",
    )
    lyceum = ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="МБОУ «Лицей № 2»"),
        year=programme.year,
        students_total=500,
        teachers_total=60,
    )
    figures = school_indicators(lyceum, today) | {"mentors": 4, "mentees": 9, "meetings_period": 3}
    MonthlyReport.objects.create(
        school=lyceum.school, programme=lyceum, period=month, figures=figures
    )
    ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="МБОУ «ООШ № 5»"),
        year=programme.year,
    )
    return programme


def consolidated_url(municipality, month, fmt):
    return reverse(
        "reports:consolidated_monthly",
        kwargs={"municipality_id": municipality.pk, "period": f"{month:%Y-%m}", "fmt": fmt},
    )


def test_consolidated_xlsx_sums_and_types(client, officer, municipality, month, schools):
    client.force_login(officer)
    response = client.get(consolidated_url(municipality, month, "xlsx"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["Сводка", "МБОУ «Лицей № 2»", "МБОУ «ООШ № 5»", "МБОУ «СОШ № 1»"]

    ws = book["Сводка"]
    top = header_row(ws)
    titles = [cell.value for cell in ws[top]]
    assert titles[:2] == ["Школа", "Статус отчёта"]
    assert titles[2:] == [i.label_for(month) for i in INDICATORS]
    rows = {}
    for row in ws.iter_rows(min_row=top + 1):
        if row[0].value is None:
            break
        rows[row[0].value] = row
    assert list(rows) == [
        "МБОУ «Лицей № 2»",
        "МБОУ «ООШ № 5»",
        "МБОУ «СОШ № 1»",
        TOTAL_LABEL,
    ]
    assert [rows[name][1].value for name in list(rows)[:3]] == [
        "Готовится",
        "Не сдан: данные на дату выгрузки",
        "Принят",
    ]
    schools_rows = [rows[name] for name in list(rows)[:3]]
    total = rows[TOTAL_LABEL]
    for column, indicator in enumerate(INDICATORS, start=2):
        values = [r[column].value for r in schools_rows]
        if indicator.summable:
            numbers = [v for v in values if v is not None]
            assert all(isinstance(v, int | float) for v in numbers), indicator.key
            expected = sum(numbers) if numbers else None
            assert total[column].value == expected, indicator.key
            assert not isinstance(total[column].value, str)
        elif indicator.kind == "percent":
            for cell in [*(r[column] for r in schools_rows), total[column]]:
                if cell.value is not None:
                    assert isinstance(cell.value, float | int)
                    assert cell.number_format == "0%", indicator.key
    mentors = INDICATORS.index(next(i for i in INDICATORS if i.key == "mentors")) + 2
    assert total[mentors].value == 1 + 4 + 0
    coverage = [i.key for i in INDICATORS].index("students_coverage") + 2
    # 1 student of 300 in the first school, none of 500 in the lyceum; the school without a
    # figure for the year is left out of the ratio.
    assert total[coverage].value == pytest.approx(round(1 / 800, 4))

    school_ws = book["МБОУ «СОШ № 1»"]
    values = [cell.value for row in school_ws.iter_rows() for cell in row]
    assert "Все пары работают по плану" in " ".join(str(v) for v in values if v)
    assert "Учитель – учитель" in values or any("Учитель" in str(v) for v in values if v)
    indicator_top = header_row(school_ws, "Раздел")
    labels = {
        row[1].value: (row[2].value, row[3])
        for row in school_ws.iter_rows(min_row=indicator_top + 1)
        if row[1].value
    }
    assert labels[f"Встреч за {month_name(month)}"][0] == 6
    share = labels["Охват обучающихся"][1]
    assert share.value == pytest.approx(round(1 / 300, 4)) and share.number_format == "0%"


def test_consolidated_pdf(client, officer, municipality, month, schools):
    client.force_login(officer)
    text = pdf_text(client.get(consolidated_url(municipality, month, "pdf")))
    assert "Сводный отчёт о мониторинге" in text
    for name in ("МБОУ «Лицей № 2»", "МБОУ «ООШ № 5»", "МБОУ «СОШ № 1»", TOTAL_LABEL):
        assert name in text
    assert "Охват обучающихся, %" in text  # a chart caption


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "октябрь", "1999-10", "2026-00"])
def test_consolidated_bad_period_is_404(client, officer, municipality, period):
    client.force_login(officer)
    url = reverse(
        "reports:consolidated_monthly",
        kwargs={"municipality_id": municipality.pk, "period": period, "fmt": "xlsx"},
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("reports:consolidated_monthly", {"period": "2026-10"}),
        ("reports:personified_accounting", {"year": 2026, "quarter": 4}),
        ("reports:quality_assessment", {"year_start": None}),
    ],
)
def test_municipal_downloads_are_for_its_officers_only(
    client, request, programme, municipality, officer, name, extra
):
    kwargs = {"municipality_id": municipality.pk, **extra}
    if "year_start" in kwargs:
        kwargs["year_start"] = programme.year.start_date.year
    for fmt, status in (("pdf", 200), ("xlsx", 200), ("html", 404), ("docx", 404)):
        client.force_login(officer)
        assert client.get(reverse(name, kwargs={**kwargs, "fmt": fmt})).status_code == status
    url = reverse(name, kwargs={**kwargs, "fmt": "xlsx"})
    for outsider in ("other_officer", "curator", "director", "mentor_user", "other_curator"):
        client.force_login(request.getfixturevalue(outsider))
        assert client.get(url).status_code == 404, outsider
    client.logout()
    assert client.get(url).status_code == 302


def test_bad_quarter_and_unknown_year_are_404(client, officer, municipality, programme):
    client.force_login(officer)
    args = {"municipality_id": municipality.pk, "fmt": "pdf"}
    assert (
        client.get(
            reverse("reports:personified_accounting", kwargs={**args, "year": 2026, "quarter": 5})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("reports:quality_assessment", kwargs={**args, "year_start": 1990})
        ).status_code
        == 404
    )


@pytest.fixture
def quarter_pair(programme, forms):
    mentor = MentorFactory(
        participant=ParticipantFactory(
            school=programme.school, last_name="Орлова", first_name="Вера", phone="+7 900 1"
        )
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["student_pupil"],
        status=Pair.Status.ACTIVE,
        starts_on=datetime.date(2026, 11, 2),
    )
    pair.mentees.set(
        [
            MenteeFactory(
                programme=programme,
                participant=StudentFactory(
                    school=programme.school,
                    last_name="Белов",
                    first_name="Артём",
                    class_name="6А",
                    birth_date=datetime.date(2014, 5, 17),
                ),
            )
        ]
    )
    return pair


def accounting_url(municipality, fmt):
    return reverse(
        "reports:personified_accounting",
        kwargs={"municipality_id": municipality.pk, "year": 2026, "quarter": 4, "fmt": fmt},
    )


def test_personified_accounting_xlsx(client, officer, municipality, quarter_pair):
    client.force_login(officer)
    book = workbook(client.get(accounting_url(municipality, "xlsx")))
    assert book.sheetnames == ["Итого", "Участники"]
    for ws in book:
        assert ws["A1"].value == FOR_OFFICIAL_USE
    ws = book["Участники"]
    top = header_row(ws, "№")
    assert [c.value for c in ws[top]] == [
        "№",
        "Школа",
        "ФИО",
        "Роль",
        "Категория",
        "Параллель",
        "Форма наставничества",
        "Ролевая модель",
        "Пара (группа) №",
        "Начало",
        "Окончание",
        "Статус пары",
    ]
    people = {row[2].value: [c.value for c in row] for row in ws.iter_rows(min_row=top + 1)}
    mentee = next(values for name, values in people.items() if name.startswith("Белов Артём"))
    assert mentee[3:6] == ["наставляемый", "Обучающийся", 6]
    mentor = next(values for name, values in people.items() if name.startswith("Орлова Вера"))
    assert mentee[8] == mentor[8] == 1
    assert mentee[9] == datetime.datetime(2026, 11, 2)
    everything = [c.value for ws in book for row in ws.iter_rows() for c in row]
    assert datetime.datetime(2014, 5, 17) not in everything
    assert "+7 900 1" not in everything


def test_personified_accounting_pdf(client, officer, municipality, quarter_pair):
    client.force_login(officer)
    text = pdf_text(client.get(accounting_url(municipality, "pdf")))
    assert text.index(FOR_OFFICIAL_USE) < text.index("Персонифицированный учёт")
    assert "IV квартал 2026 года" in text
    assert "Белов Артём" in text and "МБОУ «СОШ № 1»" in text
    assert "17.05.2014" not in text


def test_quality_assessment_downloads(client, officer, municipality, programme):
    client.force_login(officer)
    kwargs = {"municipality_id": municipality.pk, "year_start": programme.year.start_date.year}
    book = workbook(
        client.get(reverse("reports:quality_assessment", kwargs={**kwargs, "fmt": "xlsx"}))
    )
    assert book.sheetnames == ["Оценка", "Этапы мониторинга", "Правило"]
    ws = book["Оценка"]
    top = header_row(ws)
    row = [c.value for c in ws[top + 1]]
    assert row[0] == "МБОУ «СОШ № 1»" and row[-1] == "требует внимания"
    text = pdf_text(
        client.get(reverse("reports:quality_assessment", kwargs={**kwargs, "fmt": "pdf"}))
    )
    assert "Оценка качества реализации программ наставничества" in text
    assert "Правило оценки" in text and "МБОУ «СОШ № 1»" in text


# --- the school's own reports -------------------------------------------------------------

SCHOOL_REPORTS = ["reports:school_monitoring_report", "reports:final_report"]


@pytest.mark.parametrize("name", SCHOOL_REPORTS)
def test_school_reports_doors(client, request, programme, name):
    pdf = reverse(name, kwargs={"programme_id": programme.pk, "fmt": "pdf"})
    xlsx = reverse(name, kwargs={"programme_id": programme.pk, "fmt": "xlsx"})
    for reader in ("curator", "director", "working_group", "officer"):
        client.force_login(request.getfixturevalue(reader))
        assert client.get(xlsx).status_code == 200, reader
    assert "no-cache" in client.get(pdf)["Cache-Control"]
    assert (
        client.get(reverse(name, kwargs={"programme_id": programme.pk, "fmt": "html"})).status_code
        == 404
    )
    for outsider in ("other_officer", "other_curator", "mentor_user"):
        client.force_login(request.getfixturevalue(outsider))
        assert client.get(pdf).status_code == 404, outsider


def test_school_monitoring_report_read_back(client, curator, programme):
    client.force_login(curator)
    url = "reports:school_monitoring_report"
    book = workbook(client.get(reverse(url, kwargs={"programme_id": programme.pk, "fmt": "xlsx"})))
    assert book.sheetnames == [
        "Показатели",
        "По формам",
        "Этап 1",
        "Этап 2",
        "Продолжительность пар",
        "Удовлетворённость",
    ]
    text = pdf_text(client.get(reverse(url, kwargs={"programme_id": programme.pk, "fmt": "pdf"})))
    assert "Отчёт о мониторинге программы наставничества" in text
    assert "Этап 1. Качество реализации программы" in text


FINAL_SHEETS = [
    "Итоги",
    "Пары и группы",
    "Этап 1",
    "Этап 2",
    "Продолжительность пар",
    "Практики",
    "Поощрения",
]


@pytest.fixture
def final_extras(programme, quarter_pair):
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_PAIR,
        pair=quarter_pair,
        awarded_on=datetime.date(2027, 5, 20),
        note="Белов Артём и его наставник",
    )
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.PARENTS_LETTER,
        recipient_name="Беловой Ирине Сергеевне",
        awarded_on=datetime.date(2027, 5, 20),
    )
    Case.objects.create(
        programme=programme, title="Клуб дробей", what_was_done="…", results="…", publishable=True
    )
    Case.objects.create(
        programme=programme, title="Разбор случая Белова", what_was_done="…", results="…"
    )


def _final_report(client, programme):
    url = "reports:final_report"
    book = workbook(client.get(reverse(url, kwargs={"programme_id": programme.pk, "fmt": "xlsx"})))
    text = pdf_text(client.get(reverse(url, kwargs={"programme_id": programme.pk, "fmt": "pdf"})))
    cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    return book, text, cells


def test_final_report_read_back(client, curator, programme, quarter_pair, final_extras):
    client.force_login(curator)
    book, text, cells = _final_report(client, programme)
    assert book.sheetnames == FINAL_SHEETS
    assert "Отчёт по итогам программы наставничества" in text
    assert "Орлова Вера" in text and "Белов Артём" in text
    assert "Разбор случая Белова" in cells and "Беловой Ирине Сергеевне" in cells


def test_final_report_for_the_officer_names_nobody(
    client, officer, programme, quarter_pair, final_extras
):
    client.force_login(officer)
    book, text, cells = _final_report(client, programme)
    assert book.sheetnames == FINAL_SHEETS
    assert "Отчёт по итогам программы наставничества" in text
    assert "Обезличенная версия" in text
    for name in ("Белов", "Орлова", "Вера", "Артём"):
        assert name not in text and name not in cells, name
    assert "Клуб дробей" in cells  # the school marked it publishable
    assert "пара (группа) № 1" in cells and "родители наставляемого" in cells
    ws = book["Пары и группы"]
    top = header_row(ws, "№")
    assert [c.value for c in ws[top]][:4] == ["№", "Форма", "Наставляемых", "Статус"]
    assert [c.value for c in ws[top + 1]][:4] == [1, quarter_pair.form.name, 1, "Работает"]
