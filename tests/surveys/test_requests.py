import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Mentee, Participant
from surveys import reference
from surveys.models import Answer, Distribution, Questionnaire, Response
from surveys.services import requests as services

from ..registry.factories import MenteeFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def standard(request_categories):
    reference.load()


def make_response(programme, code, answers, participant=None) -> Response:
    """A response to a standard questionnaire; answers: {question text fragment: value}."""
    questionnaire = Questionnaire.objects.get(school=None, code=code)
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Запросы",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    response = Response.objects.create(distribution=distribution, participant=participant)
    for fragment, value in answers.items():
        question = questionnaire.questions.get(text__icontains=fragment)
        if isinstance(value, list):
            Answer.objects.create(response=response, question=question, choices=value)
        elif isinstance(value, int):
            Answer.objects.create(response=response, question=question, number=value)
        else:
            Answer.objects.create(response=response, question=question, text=value)
    return response


def codes(response) -> set[str]:
    return {category.code for category in services.suggested_categories(response)}


def test_student_answers_map_to_categories(programme):
    response = make_response(
        programme,
        "student_requests",
        {
            "даётся вам в школе трудно": ["Отдельные предметы, оценки"],
            "получить помощь наставника": [
                "Подготовка к олимпиадам и конкурсам",
                "Адаптация в новом классе или школе",
                "Общение и друзья",
            ],
            "своими словами": "Хочу подтянуть физику",
        },
    )
    assert codes(response) == {"low_results", "gifted", "new_student", "disengaged"}
    assert services.own_words(response) == "Хочу подтянуть физику"


def test_sensitive_categories_are_never_suggested(programme):
    response = make_response(
        programme,
        "student_requests",
        {"своими словами": "Трудная жизненная ситуация, ОВЗ, проблемы с поведением"},
    )
    assert codes(response) == set()


def test_teacher_answers_map_to_categories(programme):
    response = make_response(
        programme,
        "teacher_requests",
        {
            "стаж": ["0–3 года"],
            "затруднения": ["Цифровые инструменты и электронный журнал", "Усталость, выгорание"],
            "своими словами": "Я на новом месте работы",
        },
    )
    assert codes(response) == {"young_specialist", "digital_skills", "burnout", "new_at_work"}
    experienced = make_response(programme, "teacher_requests", {"стаж": ["Больше 10 лет"]})
    assert codes(experienced) == set()


def test_get_shows_prefilled_form(client, curator, programme):
    person = StudentFactory(school=programme.school)
    response = make_response(
        programme,
        "student_requests",
        {"получить помощь наставника": ["Учёба и оценки"], "своими словами": "Боюсь контрольных"},
        participant=person,
    )
    client.force_login(curator)
    page = client.get(reverse("surveys:request_to_mentee", args=[response.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    low_results = form.fields["categories"].queryset.get(code="low_results")
    assert form.initial["categories"] == [low_results.pk]
    assert form.initial["request_text"] == "Боюсь контрольных"
    assert form.initial["source"] == "анкета"
    assert page.context["person_form"] is None


def test_post_creates_mentee_and_refuses_a_duplicate(client, curator, programme):
    person = StudentFactory(school=programme.school)
    response = make_response(
        programme, "student_requests", {"своими словами": "Хочу друзей"}, participant=person
    )
    client.force_login(curator)
    url = reverse("surveys:request_to_mentee", args=[response.pk])
    data = {
        "mentee-categories": [],
        "mentee-request_text": "Хочу друзей",
        "mentee-priority": "normal",
        "mentee-source": "анкета",
    }
    page = client.post(url, data)
    mentee = Mentee.objects.get(programme=programme, participant=person)
    assert page.status_code == 302 and page["Location"] == mentee.get_absolute_url()
    assert mentee.request_text == "Хочу друзей" and mentee.source == "анкета"

    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == mentee.get_absolute_url()
    assert Mentee.objects.filter(participant=person).count() == 1
    listing = client.get(reverse("surveys:request_responses", args=[programme.pk]))
    assert "уже в базе" in listing.content.decode()


def test_existing_mentee_is_reused_not_duplicated(programme, curator):
    existing = MenteeFactory(programme=programme)
    response = make_response(programme, "student_requests", {}, participant=existing.participant)
    assert services.existing_mentee(response) == existing


def test_link_answer_creates_a_new_participant(client, curator, programme):
    response = make_response(
        programme, "student_requests", {"получить помощь наставника": ["Общение и друзья"]}
    )
    client.force_login(curator)
    url = reverse("surveys:request_to_mentee", args=[response.pk])
    page = client.get(url)
    assert page.context["person_form"].initial["kind"] == Participant.Kind.STUDENT
    listing = client.get(reverse("surveys:request_responses", args=[programme.pk]))
    assert "внести в базу" in listing.content.decode()
    disengaged = page.context["form"].fields["categories"].queryset.get(code="disengaged")
    page = client.post(
        url,
        {
            "person-last_name": "Орлова",
            "person-first_name": "Вера",
            "person-kind": "student",
            "person-class_name": "6А",
            "person-birth_date": "2014-05-01",
            "mentee-categories": [disengaged.pk],
            "mentee-priority": "normal",
            "mentee-source": "анкета",
        },
    )
    assert page.status_code == 302
    person = Participant.objects.get(last_name="Орлова", school=programme.school)
    mentee = Mentee.objects.get(programme=programme, participant=person)
    assert list(mentee.categories.values_list("code", flat=True)) == ["disengaged"]
    response.refresh_from_db()
    assert response.participant == person


def test_other_school_gets_404(client, other_curator, programme):
    response = make_response(programme, "student_requests", {})
    client.force_login(other_curator)
    assert client.get(reverse("surveys:request_to_mentee", args=[response.pk])).status_code == 404
    assert client.post(reverse("surveys:request_to_mentee", args=[response.pk])).status_code == 404
    listing = reverse("surveys:request_responses", args=[programme.pk])
    assert client.get(listing).status_code == 404


def test_other_questionnaires_are_not_turned_into_mentees(client, curator, programme):
    response = make_response(programme, "satisfaction_mentees", {})
    client.force_login(curator)
    page = client.get(reverse("surveys:request_to_mentee", args=[response.pk]))
    assert page.status_code == 302
    assert page["Location"] == response.distribution.get_absolute_url()
