"""Pages of the matching: suggestions, a pair from a suggestion, the proposal, the weights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import MatchingWeights, Mentee, Mentor, MentoringForm, Pair

from .test_matching import student_mentee, student_mentor


@pytest.fixture
def waiting(programme, request_categories):
    return student_mentee(programme)


def test_suggestions_page_ranks_mentors(client, curator, school, waiting):
    student_mentor(school, competencies=["математика"], name="Яковлев")
    student_mentor(school, status=Mentor.Status.CANDIDATE, name="Абрамов")
    client.force_login(curator)
    response = client.get(reverse("registry:mentee_suggestions", args=[waiting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Яковлев") < html.index("Абрамов")
    assert "компетенция «математика» совпадает с запросом" in html
    assert "не в реестре наставников" in html


def test_pair_from_suggestion(client, curator, school, waiting):
    mentor = student_mentor(school, competencies=["математика"])
    form = MentoringForm.objects.get(code="student_student")
    client.force_login(curator)
    url = reverse("registry:pair_from_suggestion", args=[waiting.pk, mentor.pk])
    response = client.post(url, {"form": form.pk, "role_model": "", "goal": "Математика"})
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:pair_detail", kwargs={"pair_id": pair.pk})
    assert pair.mentor == mentor and list(pair.mentees.all()) == [waiting]
    assert pair.goal == "Математика"
    waiting.refresh_from_db()
    assert waiting.status == Mentee.Status.PAIRED


def test_refused_pair_shows_every_problem(client, curator, school, waiting):
    mentor = student_mentor(school, class_name="6А", status=Mentor.Status.CANDIDATE)
    form = MentoringForm.objects.get(code="student_student")
    client.force_login(curator)
    url = reverse("registry:pair_from_suggestion", args=[waiting.pk, mentor.pk])
    response = client.post(url, {"form": form.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "не сформирована, ничего не сохранено" in html
    assert "Наставник не включён в реестр наставников" in html
    assert "наставник учится в более старшем классе" in html
    assert not Pair.objects.exists()


def test_forged_mentor_of_another_school_is_404(client, curator, other_school, waiting):
    stranger = student_mentor(other_school)
    client.force_login(curator)
    url = reverse("registry:pair_from_suggestion", args=[waiting.pk, stranger.pk])
    assert client.post(url, {"form": MentoringForm.objects.first().pk}).status_code == 404
    accept = reverse("registry:matching_accept", args=[waiting.programme_id])
    assert client.post(accept, {"one": f"{waiting.pk}:{stranger.pk}"}).status_code == 404
    assert not Pair.objects.exists()


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_outsiders_get_404(client, request, outsider, school, waiting):
    mentor = student_mentor(school)
    client.force_login(request.getfixturevalue(outsider))
    programme = waiting.programme_id
    urls = [
        reverse("registry:mentee_suggestions", args=[waiting.pk]),
        reverse("registry:pair_from_suggestion", args=[waiting.pk, mentor.pk]),
        reverse("registry:matching_proposal", args=[programme]),
        reverse("registry:matching_accept", args=[programme]),
        reverse("registry:matching_weights", args=[programme]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_proposal_accept_one_and_all(client, curator, programme, school, request_categories):
    first = student_mentee(programme, name="Анина")
    second = student_mentee(programme, class_name="6А", name="Бобов")
    third = student_mentee(programme, class_name="5А", name="Вагин")
    mentor = student_mentor(school, competencies=["математика"], capacity=3)
    oldest = student_mentee(programme, class_name="11А", name="Старший")
    client.force_login(curator)
    page = client.get(reverse("registry:matching_proposal", args=[programme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Принять все" in html and "Без наставника" in html and "Старший" in html
    assert f'value="{first.pk}:{mentor.pk}"' in html
    accept = reverse("registry:matching_accept", args=[programme.pk])
    response = client.post(accept, {"one": f"{first.pk}:{mentor.pk}"})
    assert response.status_code == 302
    assert list(Pair.objects.get().mentees.all()) == [first]
    client.post(accept, {"selected": [f"{second.pk}:{mentor.pk}", f"{third.pk}:{mentor.pk}"]})
    assert Pair.objects.count() == 3
    assert set(Mentee.objects.filter(status=Mentee.Status.PAIRED)) == {first, second, third}
    assert oldest.pairs.count() == 0


def test_weights_form_validation(client, curator, programme, school):
    client.force_login(curator)
    url = reverse("registry:matching_weights", args=[programme.pk])
    assert client.get(url).status_code == 200
    data = {"competence": 101, "subject": 10, "form": 10, "age": 10, "capacity": 10}
    assert client.post(url, data).status_code == 400
    zeros = dict.fromkeys(data, 0)
    response = client.post(url, zeros)
    assert response.status_code == 400
    assert "Хотя бы один критерий" in response.content.decode()
    assert not MatchingWeights.objects.exists()
    data["competence"] = 50
    assert client.post(url, data).status_code == 302
    assert MatchingWeights.objects.get(school=school).weights["competence"] == 50
    page = client.get(reverse("registry:matching_proposal", args=[programme.pk]))
    assert "Компетенции и запрос: 50" in page.content.decode()


def test_working_group_edits_officer_cannot(client, working_group, programme):
    client.force_login(working_group)
    url = reverse("registry:matching_weights", args=[programme.pk])
    data = {"competence": 1, "subject": 1, "form": 1, "age": 1, "capacity": 1}
    assert client.post(url, data).status_code == 302


def test_suggestions_query_count_is_bounded(
    client, curator, school, waiting, django_assert_max_num_queries
):
    client.force_login(curator)
    url = reverse("registry:mentee_suggestions", args=[waiting.pk])
    for n in range(3):
        student_mentor(school, competencies=["математика"], name=f"Первый{n}")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(15):
        student_mentor(school, competencies=[f"тема {n}"], name=f"Второй{n}")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
