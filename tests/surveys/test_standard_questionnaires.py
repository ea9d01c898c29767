import datetime

import pytest

from surveys import reference
from surveys.models import Distribution, Question, Questionnaire, Section
from tests.factories import ProgrammeFactory

CODES = [
    "student_requests",
    "teacher_requests",
    "mentor_teacher",
    "mentor_offer",
    "intermediate_feedback",
    "satisfaction_mentors",
    "satisfaction_mentees",
    "monitoring_quality",
    "monitoring_growth",
    "monitoring_growth_teachers",
]

GROWTH_CODES = ["monitoring_growth", "monitoring_growth_teachers"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def standard_questionnaires(db):
    reference.load()


def standard(code):
    return Questionnaire.objects.get(school__isnull=True, code=code)


def test_every_listed_code_exists_with_valid_values():
    for code in CODES:
        questionnaire = standard(code)
        assert questionnaire.purpose in Questionnaire.Purpose.values
        assert questionnaire.audience in Questionnaire.Audience.values
        assert questionnaire.title
        assert 8 <= questionnaire.questions.count() <= 20, code


def test_data_file_codes_are_unique_and_listed():
    codes = [row["code"] for row in reference.read()]
    assert len(codes) == len(set(codes))
    assert set(CODES) <= set(codes)


def test_question_kinds_and_options():
    questions = Question.objects.filter(questionnaire__school__isnull=True)
    assert questions.exists()
    for question in questions:
        assert question.kind in Question.Kind.values, question.text
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            assert len(question.options) >= 2, question.text
            assert all(isinstance(option, str) and option for option in question.options)
        else:
            assert question.options == [], question.text


def test_questions_belong_to_sections_of_their_questionnaire_in_order():
    for code in CODES:
        questionnaire = standard(code)
        positions = list(questionnaire.questions.values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
        for question in questionnaire.questions.all():
            assert question.section.questionnaire_id == questionnaire.pk


def test_growth_scales_have_measures():
    for code in GROWTH_CODES:
        scales = standard(code).questions.filter(kind=Question.Kind.SCALE)
        assert scales.count() >= 6
        assert not scales.filter(measure="").exists()
    anxiety = standard("monitoring_growth").questions.get(measure="тревожность")
    assert anxiety.higher_is_better is False
    burnout = standard("monitoring_growth_teachers").questions.get(
        measure="эмоциональное выгорание"
    )
    assert burnout.higher_is_better is False
    assert standard("monitoring_growth").questions.filter(measure="вовлечённость").exists()


def test_monitoring_quality_compares_expectations_and_results():
    texts = set(standard("monitoring_quality").questions.values_list("text", flat=True))
    assert "Ожидаемая эффективность программы наставничества" in texts
    assert "Реальная эффективность программы наставничества" in texts
    kinds = set(standard("monitoring_quality").questions.values_list("kind", flat=True))
    assert {Question.Kind.TEXT, Question.Kind.SCALE, Question.Kind.YES_NO} <= kinds


def test_loading_twice_does_not_duplicate():
    counts = (Questionnaire.objects.count(), Section.objects.count(), Question.objects.count())
    reference.load()
    reference.load()
    assert (
        Questionnaire.objects.count(),
        Section.objects.count(),
        Question.objects.count(),
    ) == counts
    assert Questionnaire.objects.filter(school__isnull=True, code="student_requests").count() == 1


def test_distributed_questionnaire_keeps_its_questions_on_reload():
    questionnaire = standard("satisfaction_mentees")
    question_ids = set(questionnaire.questions.values_list("pk", flat=True))
    Distribution.objects.create(
        questionnaire=questionnaire,
        programme=ProgrammeFactory(),
        title="t",
        deadline=datetime.date(2027, 5, 20),
    )
    reference.load()
    assert set(questionnaire.questions.values_list("pk", flat=True)) == question_ids

    # Questionnaires without distributions are rebuilt from the data file.
    other = standard("satisfaction_mentors")
    other_ids = set(other.questions.values_list("pk", flat=True))
    reference.load()
    assert set(other.questions.values_list("pk", flat=True)).isdisjoint(other_ids)
    assert other.questions.count() == len(other_ids)
