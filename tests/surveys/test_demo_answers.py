import pytest
from django.core.management import call_command

from surveys import demo
from surveys.models import Answer, Distribution, Invitation, Question, Response

pytestmark = pytest.mark.django_db


def _survey_counts():
    return [model.objects.count() for model in (Distribution, Invitation, Response, Answer)]


@pytest.fixture
def seeded(reference_data, request_categories):
    call_command("seed_demo")


def test_demo_answers_are_valid_and_show_growth(seeded):
    """One seeded database for all the checks: seed_demo takes seconds."""
    _answers_fit_each_question_kind()
    _growth_has_input_and_output_of_the_same_people()
    _requests_include_link_answers_and_reminders()


def _answers_fit_each_question_kind():
    answers = Answer.objects.select_related("question")
    assert answers.exists()
    kinds = set()
    for answer in answers.iterator():
        question = answer.question
        kinds.add(question.kind)
        if question.kind == Question.Kind.SCALE:
            assert 1 <= answer.number <= 10
        elif question.kind == Question.Kind.YES_NO:
            assert answer.number in (0, 1)
        elif question.kind == Question.Kind.SINGLE:
            assert len(answer.choices) == 1 and answer.choices[0] in question.options
        elif question.kind == Question.Kind.MULTIPLE:
            assert answer.choices and set(answer.choices) <= set(question.options)
        else:
            assert answer.text.strip()
    assert kinds == set(Question.Kind.values)


def _growth_has_input_and_output_of_the_same_people():
    for code in ("monitoring_growth", "monitoring_growth_teachers"):
        responses = Response.objects.filter(distribution__questionnaire__code=code)
        before = set(responses.filter(phase="input").values_list("participant", flat=True))
        after = set(responses.filter(phase="output").values_list("participant", flat=True))
        assert after and after <= before
    scales = Answer.objects.filter(question__kind=Question.Kind.SCALE)
    anxiety = scales.filter(question__measure="тревожность")
    growth = scales.filter(
        question__questionnaire__code="monitoring_growth", question__higher_is_better=True
    )

    def mean(answers, phase):
        numbers = list(answers.filter(response__phase=phase).values_list("number", flat=True))
        return sum(numbers) / len(numbers)

    assert mean(growth, "output") > mean(growth, "input")
    assert mean(anxiety, "output") < mean(anxiety, "input")


def _requests_include_link_answers_and_reminders():
    requests = Response.objects.filter(distribution__questionnaire__code="student_requests")
    assert requests.filter(participant__isnull=True).exists()
    assert requests.filter(participant__isnull=False).exists()
    assert Invitation.objects.filter(answered_at__isnull=True).exists()
    for code in ("satisfaction_mentees", "satisfaction_mentors", "monitoring_quality"):
        assert Response.objects.filter(distribution__questionnaire__code=code).exists()


def test_seed_demo_twice_does_not_duplicate_answers(seeded):
    counts = _survey_counts()
    assert all(counts)
    call_command("seed_demo")
    assert _survey_counts() == counts
    distribution = Distribution.objects.first()
    assert demo.build_answers(distribution.programme, seed=0) == 0
