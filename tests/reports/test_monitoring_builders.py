"""Monitoring documents without HTTP: the consolidated month's rows, the personified accounting,
the quality verdict rule, the school's and the final report."""

import datetime

import pytest

from registry.models import Award, Case, DevelopmentPlan, Meeting, Pair, PlanItem, RequestCategory
from reports.documents import Chart, render_html
from reports.indicators import INDICATORS, combine, school_indicators
from reports.models import MonthlyReport
from reports.monitoring import accounting, quality
from reports.monitoring.consolidated import (
    NOT_SUBMITTED,
    consolidated_document,
    period_rows,
)
from reports.monitoring.final import final_report_document
from reports.monitoring.school import school_monitoring_document
from surveys.analytics.growth import pair_growth

from ..factories import ProgrammeFactory, SchoolFactory
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory
from ..surveys.test_analytics import growth_survey, quality_survey, satisfaction_survey

pytestmark = pytest.mark.django_db


def cells_of(doc) -> list:
    return [
        cell
        for section in doc.sections
        for block in section.blocks
        for row in getattr(block, "rows", [])
        for cell in row.cells
    ]


# --- consolidated month -------------------------------------------------------------------


@pytest.fixture
def second_programme(programme, municipality):
    school = SchoolFactory(municipality=municipality, short_name="МБОУ «Лицей № 2»")
    return ProgrammeFactory(school=school, year=programme.year, students_total=200)


def test_period_rows_use_stored_figures_or_live_ones(programme, second_programme, today):
    period = today.replace(day=1)
    stored = school_indicators(programme, today) | {"meetings_period": 17}
    report = MonthlyReport.objects.create(
        school=programme.school,
        programme=programme,
        period=period,
        figures=stored,
        status=MonthlyReport.Status.RETURNED,
    )
    rows = period_rows(programme.school.municipality, period, today)

    assert [row.school.short_name for row in rows] == ["МБОУ «Лицей № 2»", "МБОУ «СОШ № 1»"]
    live, reported = rows
    assert reported.report == report and reported.figures["meetings_period"] == 17
    assert reported.status == "Возвращён на доработку"
    assert live.report is None and live.status == NOT_SUBMITTED
    assert live.figures["students_total"] == 200


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (MonthlyReport.Status.ACCEPTED, "Принят"),
        (MonthlyReport.Status.SUBMITTED, "Сдан"),
        (MonthlyReport.Status.DRAFT, "Готовится"),
    ],
)
def test_period_row_status_labels(programme, today, status, label):
    period = today.replace(day=1)
    MonthlyReport.objects.create(
        school=programme.school, programme=programme, period=period, figures={}, status=status
    )
    (row,) = period_rows(programme.school.municipality, period, today)
    assert row.status == label


def test_schools_without_a_programme_in_that_year_are_left_out(programme, municipality, today):
    SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 7»")
    long_ago = datetime.date(programme.year.start_date.year - 3, 10, 1)
    assert period_rows(municipality, long_ago, today) == []
    assert len(period_rows(municipality, today.replace(day=1), today)) == 1


def test_pdf_layout_has_group_tables_and_charts(programme, second_programme, today):
    doc = consolidated_document(programme.school.municipality, today, today, wide=False)
    summary = doc.sections[0]
    charts = [block for block in summary.blocks if isinstance(block, Chart)]
    assert len(charts) >= 2
    html = render_html(doc)
    assert html.count("<svg") >= 2 and "МБОУ «Лицей № 2»" in html.replace("&laquo;", "«")
    total = combine([row.figures for row in period_rows(programme.school.municipality, today)])
    assert total["students_total"] == 200


# --- personified accounting ---------------------------------------------------------------

Q_START, Q_END = datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)


@pytest.fixture
def quarter_pairs(programme, forms, request_categories):
    school = programme.school
    teacher = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Орлова", first_name="Вера")
    )
    student = MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=school, last_name="Белов", first_name="Артём", class_name="6А"
        ),
        categories=["ovz"],
    )
    form = forms["student_pupil"]
    active = Pair.objects.create(
        programme=programme,
        mentor=teacher,
        form=form,
        role_model=form.role_models.first(),
        status=Pair.Status.ACTIVE,
        starts_on=datetime.date(2026, 9, 15),
    )
    active.mentees.set([student])

    def other(last_name, status, starts_on, ends_on):
        mentor = MentorFactory(participant=ParticipantFactory(school=school, last_name=last_name))
        mentee = MenteeFactory(
            programme=programme,
            participant=StudentFactory(school=school, last_name=f"{last_name}а-ученица"),
        )
        pair = Pair.objects.create(
            programme=programme,
            mentor=mentor,
            form=form,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        pair.mentees.set([mentee])
        return pair

    finished = other(
        "Ранний",
        Pair.Status.COMPLETED,
        datetime.date(2026, 3, 1),
        datetime.date(2026, 9, 30),
    )
    draft = other("Черновой", Pair.Status.DRAFT, datetime.date(2026, 10, 5), None)
    ending = other(
        "Последний",
        Pair.Status.COMPLETED,
        datetime.date(2026, 2, 1),
        datetime.date(2026, 10, 1),
    )
    later = other("Будущий", Pair.Status.APPROVED, datetime.date(2027, 1, 10), None)
    return {
        "active": active,
        "finished": finished,
        "draft": draft,
        "ending": ending,
        "later": later,
    }


def test_quarter_bounds():
    assert accounting.quarter_bounds(2026, 4) == (Q_START, Q_END)
    assert accounting.quarter_bounds(2027, 1) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 31),
    )
    with pytest.raises(ValueError):
        accounting.quarter_bounds(2026, 5)


def test_personified_rows_are_the_pairs_active_in_the_quarter(municipality, quarter_pairs):
    rows = accounting.accounting_rows(municipality, 2026, 4)
    names = {row.full_name for row in rows}
    assert "Орлова Вера Сергеевна" in names or any(n.startswith("Орлова Вера") for n in names)
    assert any(n.startswith("Белов Артём") for n in names)
    assert any(n.startswith("Последний") for n in names)  # ended on the quarter's first day
    assert not any(n.startswith(("Ранний", "Черновой", "Будущий")) for n in names)
    assert len(rows) == 4

    student = next(row for row in rows if row.full_name.startswith("Белов"))
    assert student.role == accounting.MENTEE
    assert student.category == "Обучающийся"
    assert student.grade == 6
    teacher = next(row for row in rows if row.full_name.startswith("Орлова"))
    assert student.pair_number == teacher.pair_number
    assert student.form == quarter_pairs["active"].form.name
    assert student.role_model == quarter_pairs["active"].role_model.name
    assert student.starts_on == datetime.date(2026, 9, 15) and student.ends_on is None
    assert student.status == "Работает"
    assert teacher.role == accounting.MENTOR and teacher.grade is None
    assert len({row.pair_number for row in rows}) == 2


def test_personified_document_keeps_personal_data_minimal(municipality, quarter_pairs):
    doc = accounting.personified_accounting_document(municipality, 2026, 4)
    assert doc.marking == "Для служебного пользования"
    values = cells_of(doc)
    person = quarter_pairs["active"].mentees.get().participant
    assert person.birth_date not in values
    sensitive = set(RequestCategory.objects.filter(sensitive=True).values_list("name", flat=True))
    assert not sensitive & {str(v) for v in values}
    titles = {c.title for c in accounting.COLUMNS}
    assert not titles & {"Дата рождения", "Телефон", "Электронная почта", "Категории запроса"}
    # the mentor's name is not repeated on the mentees' rows; a student's parallel, not the class
    mentor = quarter_pairs["active"].mentor.participant.full_name
    assert [v for v in values if v == mentor] == [mentor]
    assert "6А" not in values and "Класс" not in titles


# --- quality verdict ----------------------------------------------------------------------

GOOD = {
    "roadmap_progress": 0.85,
    "students_coverage": 0.25,
    "satisfaction_index": 80.0,
    "growth_characteristics": 4,
    "growth_improved": 3,
    "pairs_approved": 0,
    "pairs_active": 8,
    "pairs_completed": 10,
    "pairs_terminated": 1,
}


def test_verdict_high_when_every_criterion_is_met():
    assert all(quality.criteria_met(GOOD).values())
    assert quality.quality_verdict(GOOD) == (quality.HIGH, 5)


@pytest.mark.parametrize(
    ("changes", "verdict", "met"),
    [
        ({"roadmap_progress": 0.79}, quality.HIGH, 4),
        ({"roadmap_progress": 0.5, "students_coverage": None}, quality.SUFFICIENT, 3),
        (
            {"roadmap_progress": 0.5, "students_coverage": 0.1, "satisfaction_index": None},
            quality.SUFFICIENT,
            2,
        ),
        (
            {
                "roadmap_progress": 0.5,
                "students_coverage": 0.1,
                "satisfaction_index": 69.9,
                "growth_characteristics": 0,
            },
            quality.ATTENTION,
            1,
        ),
        ({"pairs_terminated": 3}, quality.HIGH, 4),  # 3 of 21 > 10 %
    ],
)
def test_verdict_thresholds(changes, verdict, met):
    assert quality.quality_verdict(GOOD | changes) == (verdict, met)


def test_criteria_without_data_are_not_met():
    assert quality.quality_verdict({}) == (quality.ATTENTION, 0)


def test_rule_is_printed_in_the_assessment(programme, municipality):
    doc = quality.quality_assessment_document(municipality, programme.year)
    text = render_html(doc)
    assert quality.rule_text().split(".")[0] in text
    assert "80" in quality.rule_text() and "требует внимания" in quality.rule_text()
    assert [s.sheet_title for s in doc.sections] == ["Оценка", "Этапы мониторинга", "Правило"]


def test_assessment_reads_stage_one_and_two(programme, municipality):
    quality_survey(programme)
    growth_survey(programme)
    (row,) = quality.quality_rows(municipality, programme.year)
    assert row.quality is not None and row.quality.strengths
    assert row.figures["growth_characteristics"] == 2


# --- the school's reports -----------------------------------------------------------------


def test_school_monitoring_report_has_both_stages(programme):
    quality_survey(programme)
    growth_survey(programme)
    satisfaction_survey(programme)
    doc = school_monitoring_document(programme)
    headings = [s.heading for s in doc.sections]
    assert headings[0] == "Показатели"
    assert any(h.startswith("Этап 1") for h in headings)
    assert any(h.startswith("Этап 2") for h in headings)
    groups = {block.caption for block in doc.sections[0].blocks}
    assert {i.group for i in INDICATORS} == groups
    values = cells_of(doc)
    assert "вовлечённость" in values and "тревожность" in values
    assert "Организация встреч" in values


def test_final_report_pair_results(programme, mentor, mentee):
    pairs, _forms = growth_survey(programme)
    Pair.objects.filter(pk__in=[p.pk for p in pairs.values()]).update(status=Pair.Status.ACTIVE)
    first = pairs["Абрамов"]
    Meeting.objects.create(pair=first, held_on=datetime.date(2026, 10, 1), topic="Знакомство")
    Meeting.objects.create(pair=first, held_on=datetime.date(2026, 10, 8), topic="Планирование")
    plan = DevelopmentPlan.objects.create(pair=first, mentee=first.mentees.first(), goal="Цель")
    plan.items.create(task="Задача 1", status=PlanItem.Status.DONE)
    plan.items.create(task="Задача 2")
    plan.items.create(task="Снятая", status=PlanItem.Status.DROPPED)
    Case.objects.create(
        programme=programme, pair=first, title="Клуб юных математиков", what_was_done="…",
        results="…",
    )  # fmt: skip
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_PAIR,
        pair=first,
        awarded_on=datetime.date(2027, 5, 20),
    )
    sensitive_pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=first.form, status=Pair.Status.ACTIVE
    )
    sensitive_pair.mentees.set([mentee])  # the mentee's requests include ОВЗ

    assert pair_growth(programme)[first.pk] == (2, 2)
    assert pair_growth(programme)[pairs["Борисов"].pk] == (1, 2)

    doc = final_report_document(programme, named=True)
    table = doc.sections[1].blocks[0]
    row = next(r for r in table.rows if r.cells[1].startswith("Абрамов"))
    assert row.cells[4] == "Работает"
    assert row.cells[5:9] == [2, 1, 2, "улучшились 2 из 2"]
    assert "не измерялся" in [r.cells[8] for r in table.rows]
    values = cells_of(doc)
    assert "Клуб юных математиков" in values
    assert "«Лучшая пара»" in values
    sensitive = set(RequestCategory.objects.filter(sensitive=True).values_list("name", flat=True))
    html = render_html(doc)
    assert not any(name in html for name in sensitive)
