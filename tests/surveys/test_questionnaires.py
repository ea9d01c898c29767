import datetime

import pytest
from django.urls import reverse

from surveys.models import Answer, Distribution, Question, Questionnaire, Response


@pytest.fixture
def own_questionnaire(programme):
    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Анкета школы", purpose="other", audience="all"
    )
    Question.objects.create(questionnaire=questionnaire, text="Как дела?", kind="scale", position=1)
    return questionnaire


@pytest.fixture
def standard_questionnaire(db):
    questionnaire = Questionnaire.objects.create(
        code="test_standard", title="Стандартная анкета", purpose="satisfaction", audience="all"
    )
    Question.objects.create(
        questionnaire=questionnaire,
        text="Что понравилось?",
        kind="single",
        options=["встречи", "проекты"],
        position=1,
    )
    return questionnaire


def test_list_shows_standard_and_own_but_not_another_schools(
    client, programme, curator, own_questionnaire, standard_questionnaire, other_school
):
    Questionnaire.objects.create(
        school=other_school, title="Чужая анкета", purpose="other", audience="all"
    )
    client.force_login(curator)
    page = client.get(reverse("surveys:questionnaire_list", args=[programme.pk])).content.decode()
    assert "Анкета школы" in page and "Стандартная анкета" in page
    assert "Чужая анкета" not in page


def test_create_questionnaire_and_questions_of_every_kind(client, programme, curator):
    client.force_login(curator)
    response = client.post(
        reverse("surveys:questionnaire_create", args=[programme.pk]),
        {"title": "Обратная связь", "purpose": "intermediate", "audience": "mentees"},
    )
    questionnaire = Questionnaire.objects.get(title="Обратная связь")
    assert response["Location"] == questionnaire.get_absolute_url()
    url = reverse("surveys:question_create", args=[questionnaire.pk])
    for kind, options in [
        ("text", ""),
        ("single", "да\nнет"),
        ("multiple", "встречи\nпроекты\nэкскурсии"),
        ("scale", ""),
        ("yes_no", ""),
    ]:
        result = client.post(
            url, {"text": f"Вопрос {kind}", "kind": kind, "options_text": options, "required": "on"}
        )
        assert result.status_code == 302, kind
    assert list(questionnaire.questions.values_list("kind", flat=True)) == [
        "text",
        "single",
        "multiple",
        "scale",
        "yes_no",
    ]
    assert questionnaire.questions.get(kind="multiple").options == [
        "встречи",
        "проекты",
        "экскурсии",
    ]


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("single", "только один", "не меньше двух вариантов"),
        ("scale", "лишний\nвариант", "только для вопросов с выбором"),
    ],
)
def test_question_options_are_validated(client, curator, own_questionnaire, kind, options, message):
    client.force_login(curator)
    page = client.post(
        reverse("surveys:question_create", args=[own_questionnaire.pk]),
        {"text": "Мой вопрос", "kind": kind, "options_text": options},
    ).content.decode()
    assert message in page and "Мой вопрос" in page
    assert own_questionnaire.questions.count() == 1


def test_standard_questionnaire_is_read_only_but_can_be_copied(
    client, programme, curator, standard_questionnaire
):
    client.force_login(curator)
    detail = client.get(standard_questionnaire.get_absolute_url()).content.decode()
    assert "Стандартную анкету методологии изменить нельзя" in detail
    url = reverse("surveys:question_create", args=[standard_questionnaire.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        reverse("surveys:questionnaire_copy", args=[programme.pk, standard_questionnaire.pk])
    )
    copy = Questionnaire.objects.get(copied_from=standard_questionnaire)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.school == programme.school
    assert list(copy.questions.values_list("text", "options")) == [
        ("Что понравилось?", ["встречи", "проекты"])
    ]


def test_answered_questionnaire_cannot_change(client, programme, curator, own_questionnaire):
    distribution = Distribution.objects.create(
        questionnaire=own_questionnaire,
        programme=programme,
        title="Рассылка",
        deadline=datetime.date.today(),
    )
    response = Response.objects.create(distribution=distribution)
    question = own_questionnaire.questions.get()
    Answer.objects.create(response=response, question=question, number=7)
    client.force_login(curator)
    assert (
        "На анкету уже есть ответы"
        in client.get(own_questionnaire.get_absolute_url()).content.decode()
    )
    assert client.post(reverse("surveys:question_delete", args=[question.pk])).status_code == 403
    assert (
        client.post(
            reverse("surveys:question_edit", args=[question.pk]), {"text": "x", "kind": "text"}
        ).status_code
        == 403
    )
    question.refresh_from_db()
    assert question.kind == "scale"


def test_questions_can_be_reordered(client, curator, own_questionnaire):
    second = Question.objects.create(
        questionnaire=own_questionnaire, text="Второй", kind="text", position=2
    )
    client.force_login(curator)
    client.post(reverse("surveys:question_move", args=[second.pk]), {"direction": "up"})
    assert list(own_questionnaire.questions.values_list("text", flat=True)) == [
        "Второй",
        "Как дела?",
    ]


def test_another_school_cannot_open_or_copy(client, programme, other_curator, own_questionnaire):
    client.force_login(other_curator)
    assert client.get(own_questionnaire.get_absolute_url()).status_code == 404
