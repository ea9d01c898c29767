"""The school's monthly report as PDF and XLSX, and blank questionnaires for printing: read back,
and who may get them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear
from reports.monthly import services
from surveys.models import Question, Questionnaire, Section
from tests.documents import convert, pdf_text, xlsx_rows
from tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-10-15")]


@pytest.fixture
def report(reference_data, school, curator):
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»"
    school.save()
    year = AcademicYear.for_date(timezone.localdate() - datetime.timedelta(days=366))
    programme = ProgrammeFactory(school=school, year=year)
    period = year.start_date.replace(month=11, day=1)
    report = services.open_report(programme, period, by=curator)
    report.figures["meetings_period"] = 7
    report.figures["students_coverage"] = 0.25
    report.figures["by_form"] = [
        {"form": "Ученик – ученик", "pairs": 3, "mentors": 3, "mentees": 4}
    ]
    report.save()
    return services.submit(report, by=curator, comment="Все пары работают по плану")


def report_url(report, fmt):
    return reverse("reports:monthly_report_export", args=[report.pk, fmt])


def test_monthly_report_pdf(client, curator, report):
    client.force_login(curator)
    text = pdf_text(client.get(report_url(report, "pdf")))
    assert "Отчёт о мониторинге реализации целевой модели наставничества" in text
    assert f"за {report.period_name}" in text
    assert "Сдан в МНЦ" in text
    assert "Комментарий школы: Все пары работают по плану" in text
    assert f"Встреч за {report.period_name} 7" in text
    assert "Охват обучающихся 25 %" in text
    assert "Ученик – ученик 3 3 4" in text


def test_monthly_report_xlsx(client, officer, report):
    client.force_login(officer)
    response = client.get(report_url(report, "xlsx"))
    figures = xlsx_rows(response, "Показатели")
    assert any(row[1] == f"Встреч за {report.period_name}" and row[2] == 7 for row in figures)
    by_form = xlsx_rows(response, "По формам")
    assert any(row[:4] == ("Ученик – ученик", 3, 3, 4) for row in by_form)


@pytest.mark.parametrize("outsider", ["other_curator", "other_officer", "mentor_user"])
def test_monthly_report_is_404_outside_the_scope(client, request, report, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(report_url(report, "pdf")).status_code == 404


def test_monthly_page_links_the_files(client, curator, report):
    client.force_login(curator)
    page = client.get(reverse("reports:monthly_report", args=[report.pk])).content.decode()
    assert report_url(report, "pdf") in page and report_url(report, "xlsx") in page


@pytest.mark.libreoffice
def test_monthly_report_xlsx_converts(client, curator, report):
    client.force_login(curator)
    converted = pdf_text(convert(client.get(report_url(report, "xlsx")), "xlsx"))
    assert "Все пары работают по плану" in converted


# Blank questionnaires ------------------------------------------------------------------------


@pytest.fixture
def questionnaire(school):
    questionnaire = Questionnaire.objects.create(
        school=school,
        title="Анкета обратной связи для промежуточной оценки",
        purpose=Questionnaire.Purpose.INTERMEDIATE,
        audience=Questionnaire.Audience.MENTEES,
        description="Ответьте, пожалуйста, на вопросы о работе с наставником.",
    )
    section = Section.objects.create(questionnaire=questionnaire, title="Встречи", position=1)
    for position, (text, kind, options) in enumerate(
        [
            ("Как часто вы встречаетесь?", Question.Kind.SINGLE, ["Раз в неделю", "Реже"]),
            ("Что было полезно?", Question.Kind.MULTIPLE, ["Разбор задач", "Беседы"]),
            ("Насколько вы довольны встречами?", Question.Kind.SCALE, []),
            ("Хотите продолжать?", Question.Kind.YES_NO, []),
            ("Что изменить?", Question.Kind.TEXT, []),
        ]
    ):
        Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            text=text,
            kind=kind,
            options=options,
            position=position,
        )
    return questionnaire


def blank_url(questionnaire):
    return reverse("reports:questionnaire_blank", args=[questionnaire.pk])


def test_blank_has_questions_boxes_and_lines(client, curator, questionnaire):
    client.force_login(curator)
    response = client.get(blank_url(questionnaire))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Анкета обратной связи для промежуточной оценки" in text
    assert "Ответьте, пожалуйста, на вопросы о работе с наставником." in text
    assert "Встречи" in text
    assert "1. Как часто вы встречаетесь? Отметьте один вариант. Раз в неделю Реже" in text
    assert "2. Что было полезно? Отметьте все подходящие варианты." in text
    assert "3. Насколько вы довольны встречами?" in text and "1 2 3 4 5 6 7 8 9 10" in text
    assert "4. Хотите продолжать? Отметьте один вариант. Да Нет" in text
    assert "5. Что изменить? Напишите ответ своими словами." in text
    assert "Тимофеева" not in text  # no personal data, not even the author's


def test_standard_questionnaire_blank_for_any_school_staff(client, other_curator):
    standard = Questionnaire.objects.filter(school__isnull=True).first()
    client.force_login(other_curator)
    text = pdf_text(client.get(blank_url(standard)))
    assert standard.title in text
    first = standard.questions.order_by("section__position", "position", "id").first()
    assert first.text in text


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_a_schools_own_blank_is_404_outside(client, request, questionnaire, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(blank_url(questionnaire)).status_code == 404


def test_questionnaire_page_links_the_blank(client, curator, questionnaire):
    client.force_login(curator)
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert blank_url(questionnaire) in page
