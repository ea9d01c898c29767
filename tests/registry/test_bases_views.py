import datetime

from django.urls import reverse

from registry.models import Mentee, Mentor, Participant

from ..factories import member
from .factories import (
    CertificateFactory,
    ConsentFactory,
    InterviewFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
    years_ago,
)


def test_mentor_list_shows_documents_and_filters(client, programme, curator, mentor):
    ok = MentorFactory(participant=ParticipantFactory(school=programme.school, last_name="Орлова"))
    consents_for(ok.participant)
    CertificateFactory(participant=ok.participant)
    ConsentFactory(participant=ok.participant, kind="teacher_mentoring")
    client.force_login(curator)
    url = reverse("registry:mentor_list", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "Шевчук" in page and "Орлова" in page
    assert "нет справки об отсутствии судимости" in page
    missing = client.get(url, {"documents": "missing"}).content.decode()
    assert "Шевчук" in missing and "Орлова" not in missing
    complete = client.get(url, {"documents": "complete"}).content.decode()
    assert "Орлова" in complete and "Шевчук" not in complete
    found = client.get(url, {"q": "орлов"}).content.decode()
    assert "Орлова" in found and "Шевчук" not in found


def test_mentor_list_query_count_does_not_grow(
    client, programme, curator, django_assert_max_num_queries
):
    client.force_login(curator)
    url = reverse("registry:mentor_list", args=[programme.pk])
    for _ in range(3):
        MentorFactory(participant=ParticipantFactory(school=programme.school))
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for _ in range(40):
        MentorFactory(participant=ParticipantFactory(school=programme.school))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_mentee_list_query_count_does_not_grow(
    client, programme, curator, request_categories, django_assert_max_num_queries
):
    client.force_login(curator)
    url = reverse("registry:mentee_list", args=[programme.pk])
    MenteeFactory(programme=programme, categories=["ovz"])
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for _ in range(60):
        MenteeFactory(programme=programme, categories=["gifted", "low_results"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Всего: 61" in response.content.decode()


def test_pagination_keeps_filters(client, programme, curator, request_categories):
    for _ in range(55):
        MenteeFactory(programme=programme, categories=["gifted"])
    client.force_login(curator)
    url = reverse("registry:mentee_list", args=[programme.pk])
    page = client.get(url, {"category": "gifted"}).content.decode()
    assert "1 из 2" in page and "category=gifted&amp;page=2" in page
    assert client.get(url, {"page": "999"}).status_code == 200


def test_sensitive_categories_only_for_curator_and_director(
    client, programme, curator, working_group, mentee
):
    list_url = reverse("registry:mentee_list", args=[programme.pk])
    client.force_login(curator)
    assert "ОВЗ" in client.get(mentee.get_absolute_url()).content.decode()
    assert "ОВЗ" in client.get(list_url).content.decode()
    client.force_login(working_group)
    detail = client.get(mentee.get_absolute_url()).content.decode()
    assert "ОВЗ" not in detail and "неудовлетворительные" in detail
    listing = client.get(list_url).content.decode()
    assert "ОВЗ" not in listing
    other = MenteeFactory(programme=programme, categories=["gifted"])
    forged = client.get(list_url, {"category": "ovz"}).content.decode()
    assert "Смирнова" in forged and other.participant.last_name in forged
    assert "Выберите корректный вариант" in forged


def test_working_group_edit_keeps_hidden_sensitive_categories(
    client, programme, working_group, mentee
):
    client.force_login(working_group)
    visible = mentee.categories.get(code="low_results")
    response = client.post(
        reverse("registry:mentee_edit", args=[mentee.pk]),
        {
            "mentee-categories": [visible.pk],
            "mentee-request_text": "Новый текст запроса",
            "mentee-priority": "high",
        },
    )
    assert response.status_code == 302
    assert set(mentee.categories.values_list("code", flat=True)) == {"low_results", "ovz"}


def test_request_map_counts(client, programme, curator, working_group, request_categories):
    MenteeFactory(programme=programme, categories=["gifted", "ovz"])
    MenteeFactory(programme=programme, categories=["gifted"], status=Mentee.Status.PAIRED)
    client.force_login(curator)
    url = reverse("registry:request_map", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "?category=gifted&amp;status=waiting" in page
    assert "С ограниченными возможностями здоровья" in page
    client.force_login(working_group)
    hidden = client.get(url).content.decode()
    assert "С ограниченными возможностями здоровья" not in hidden
    assert "Ещё 1 — в категориях, которые видят только куратор и директор" in hidden


def test_create_mentor_with_a_new_person(client, programme, curator):
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentor_create", args=[programme.pk]),
        {
            "person-last_name": "Тимофеева",
            "person-first_name": "Мария",
            "person-middle_name": "Александровна",
            "person-kind": "teacher",
            "person-birth_date": "1980-05-01",
            "person-subject": "математика",
            "mentor-contour": "internal",
            "mentor-capacity": "3",
            "mentor-competencies_text": "Математика; олимпиады, проекты",
            "mentor-offer": "Помогу с олимпиадами",
        },
    )
    mentor = Mentor.objects.get(participant__last_name="Тимофеева")
    assert response["Location"] == mentor.get_absolute_url()
    assert mentor.status == Mentor.Status.CANDIDATE and mentor.school == programme.school
    assert sorted(c.name for c in mentor.competencies.all()) == [
        "математика",
        "олимпиады",
        "проекты",
    ]


def test_create_mentor_keeps_input_on_errors(client, programme, curator):
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentor_create", args=[programme.pk]),
        {"person-last_name": "Тимофеева", "person-kind": "student", "mentor-capacity": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Тимофеева" in body and "Для обучающегося укажите класс" in body
    assert not Participant.objects.filter(last_name="Тимофеева").exists()


def test_existing_person_becomes_a_mentor_once(client, programme, curator):
    person = ParticipantFactory(school=programme.school)
    client.force_login(curator)
    url = reverse("registry:mentor_create", args=[programme.pk])
    data = {"participant": person.pk, "mentor-contour": "internal", "mentor-capacity": "1"}
    client.post(url, data)
    assert Mentor.objects.filter(participant=person).count() == 1
    again = client.post(url, data, follow=True)
    assert "уже в базе наставников" in again.content.decode()
    assert Participant.objects.count() == 1


def test_forged_participant_of_another_school_is_404(client, programme, curator, other_school):
    stranger = ParticipantFactory(school=other_school)
    client.force_login(curator)
    url = reverse("registry:mentee_create", args=[programme.pk])
    assert client.post(url, {"participant": stranger.pk}).status_code == 404
    assert client.get(url, {"participant": stranger.pk}).status_code == 404


def test_create_mentee_for_a_minor(client, programme, curator, request_categories):
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentee_create", args=[programme.pk]),
        {
            "person-last_name": "Ковалёв",
            "person-first_name": "Никита",
            "person-kind": "student",
            "person-class_name": "6В",
            "person-birth_date": "2014-02-03",
            "mentee-priority": "normal",
            "mentee-request_text": "Хочу освоиться в новом классе",
        },
    )
    mentee = Mentee.objects.get(participant__last_name="Ковалёв")
    assert response["Location"] == mentee.get_absolute_url()
    assert mentee.participant.grade == 6
    page = client.get(mentee.get_absolute_url()).content.decode()
    assert "нет согласия родителя на обработку персональных данных" in page


def test_mentor_cannot_enter_registry_by_status_change(client, programme, curator, mentor):
    client.force_login(curator)
    url = reverse("registry:mentor_status", args=[mentor.pk])
    page = client.post(url, {"status": "selected"}, follow=True).content.decode()
    assert "по итогам собеседования" in page
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.CANDIDATE
    client.post(url, {"status": "inactive"})
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.INACTIVE


def test_mentor_page_says_why_not_in_registry(client, programme, curator, mentor):
    client.force_login(curator)
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert "не проходил собеседование с конкурсной комиссией" in page
    InterviewFactory(mentor=mentor, programme=programme, decision="reject")
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert "решение комиссии: «Не рекомендовать»" in page


def test_read_only_and_outsiders(client, programme, mentor, officer, mentor_user, director):
    url = reverse("registry:mentor_list", args=[programme.pk])
    for outsider in (officer, mentor_user):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(mentor.get_absolute_url()).status_code == 404
    client.force_login(director)
    assert client.get(url).status_code == 200


def test_dashboard_warns_about_missing_parental_consent(
    client, programme, curator, request_categories
):
    for _ in range(5):
        MenteeFactory(programme=programme)
    complete = MenteeFactory(programme=programme)
    consents_for(complete.participant)
    client.force_login(curator)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    assert "5 — несовершеннолетние участники без согласия родителей" in page


def test_student_born_today_18_years_ago_is_adult(db):
    today = datetime.date.today()
    person = Participant(kind="student", birth_date=years_ago(18))
    assert not person.is_minor(today)
    assert StudentFactory.build().is_minor()


def test_anyone_of_the_staff_sees_the_base_but_only_editors_change_it(
    client, programme, mentor, school
):
    from mentoring.models import Role

    officer_like = member(Role.WORKING_GROUP, school, username="wg2")
    client.force_login(officer_like)
    assert client.get(reverse("registry:mentor_edit", args=[mentor.pk])).status_code == 200


def test_mentor_capacity_must_be_between_1_and_30(client, programme, curator, mentor):
    client.force_login(curator)
    url = reverse("registry:mentor_edit", args=[mentor.pk])
    for capacity in ("0", "31", "много"):
        response = client.post(url, {"mentor-contour": "internal", "mentor-capacity": capacity})
        assert response.status_code == 200, capacity
        assert "is-invalid" in response.content.decode()
    client.post(url, {"mentor-contour": "internal", "mentor-capacity": "30"})
    mentor.refresh_from_db()
    assert mentor.capacity == 30
