import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry.models import Attendance, Mentor, TrainingCertificate, TrainingCourse, TrainingSession
from registry.services.training import complete_course, set_attendance

from .factories import MentorFactory, ParticipantFactory, TrainingCourseFactory


def a_mentor(school, last_name, status=Mentor.Status.SELECTED):
    participant = ParticipantFactory(school=school, last_name=last_name, first_name="Анна")
    return MentorFactory(participant=participant, status=status)


@pytest.fixture
def course(programme):
    return TrainingCourseFactory(programme=programme)


@pytest.fixture
def listener(course, school):
    mentor = a_mentor(school, "Слушательница")
    course.participants.add(mentor)
    return mentor


def course_data(**overrides):
    data = {
        "kind": TrainingCourse.Kind.SCHOOL_OF_MENTORS,
        "title": "Школа наставников",
        "hours": "16",
        "starts_on": "2025-10-01",
        "ends_on": "2025-10-20",
        "organiser": "Куратор Тимофеева М.А.",
        "description": "",
    }
    return data | overrides


def add_session(course, day=None, hours=2):
    return TrainingSession.objects.create(
        course=course, held_on=day or course.starts_on, topic="Роль наставника", hours=hours
    )


# Courses.


def test_course_list_has_an_empty_state(client, programme, curator):
    client.force_login(curator)
    page = client.get(reverse("registry:course_list", args=[programme.pk])).content.decode()
    assert "Обучение наставников ещё не запланировано" in page


def test_new_course_defaults_to_the_school_of_mentors(client, programme, curator):
    client.force_login(curator)
    page = client.get(reverse("registry:course_create", args=[programme.pk])).content.decode()
    assert 'value="Школа наставников"' in page
    assert '<option value="school_of_mentors" selected>' in page


def test_course_is_created_and_listed_with_counts(client, programme, school, curator):
    client.force_login(curator)
    response = client.post(reverse("registry:course_create", args=[programme.pk]), course_data())
    course = TrainingCourse.objects.get(programme=programme)
    assert response["Location"] == course.get_absolute_url()
    course.participants.add(a_mentor(school, "Первая"), a_mentor(school, "Вторая"))
    page = client.get(reverse("registry:course_list", args=[programme.pk])).content.decode()
    assert "01.10.2025 — 20.10.2025" in page
    assert f'id="course-{course.pk}"' in page


def test_course_end_before_start_and_zero_hours_are_refused(client, programme, curator):
    client.force_login(curator)
    url = reverse("registry:course_create", args=[programme.pk])
    page = client.post(url, course_data(ends_on="2025-09-01", hours="0")).content.decode()
    assert "Дата окончания не может быть раньше даты начала." in page
    assert "Количество часов должно быть больше нуля." in page
    assert not TrainingCourse.objects.exists()


def test_course_dates_cannot_leave_a_session_outside(client, course, curator):
    add_session(course, course.starts_on)
    client.force_login(curator)
    later = (course.starts_on + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("registry:course_edit", args=[course.pk]),
        course_data(starts_on=later, ends_on=course.ends_on.isoformat()),
    )
    assert "выходит за новые даты обучения" in response.content.decode()


# Listeners.


def test_listeners_are_added_and_removed(client, course, school, curator):
    first, second = a_mentor(school, "Первая"), a_mentor(school, "Вторая")
    client.force_login(curator)
    url = reverse("registry:course_listeners", args=[course.pk])
    client.post(url, {"action": "add", "mentors": [first.pk, second.pk]})
    assert set(course.participants.all()) == {first, second}
    client.post(url, {"action": "remove", "mentors": [first.pk]})
    assert list(course.participants.all()) == [second]
    assert client.get(url).status_code == 405


def test_a_forged_listener_from_another_school_is_refused(client, course, other_school, curator):
    stranger = a_mentor(other_school, "Чужая")
    client.force_login(curator)
    response = client.post(
        reverse("registry:course_listeners", args=[course.pk]),
        {"action": "add", "mentors": [stranger.pk]},
        follow=True,
    )
    assert "Выберите наставника из базы наставников школы." in response.content.decode()
    assert not course.participants.exists()


def test_a_listener_with_a_certificate_stays(client, course, listener, curator, today):
    complete_course(course, listener, "15", 16, today, by=curator)
    client.force_login(curator)
    response = client.post(
        reverse("registry:course_listeners", args=[course.pk]),
        {"action": "remove", "mentors": [listener.pk]},
        follow=True,
    )
    assert "слушателя нельзя убрать из обучения" in response.content.decode()
    assert course.participants.filter(pk=listener.pk).exists()


# Sessions and attendance.


def test_session_must_be_within_the_course_dates(client, course, curator):
    client.force_login(curator)
    url = reverse("registry:session_create", args=[course.pk])
    before = course.starts_on - datetime.timedelta(days=1)
    page = client.post(url, {"held_on": before, "topic": "Вводное", "hours": 2}).content.decode()
    assert "Дата занятия должна быть в пределах дат обучения" in page
    page = client.post(url, {"held_on": course.starts_on, "topic": "Вводное", "hours": 0})
    assert "Количество часов должно быть больше нуля." in page.content.decode()
    response = client.post(url, {"held_on": course.starts_on, "topic": "Вводное", "hours": 2})
    assert response.status_code == 302
    assert course.sessions.get().topic == "Вводное"


def test_attendance_is_saved_in_one_post_and_shown_in_the_matrix(
    client, course, school, listener, curator
):
    absent = a_mentor(school, "Отсутствующая")
    course.participants.add(absent)
    session = add_session(course, hours=3)
    client.force_login(curator)
    url = reverse("registry:session_attendance", args=[session.pk])
    assert f'value="{listener.pk}"' in client.get(url).content.decode()
    assert client.post(url, {"present": [listener.pk]}).status_code == 302
    marks = dict(Attendance.objects.values_list("mentor_id", "present"))
    assert marks == {listener.pk: True, absent.pk: False}
    client.post(url, {"present": [listener.pk, absent.pk]})
    assert Attendance.objects.filter(present=True).count() == 2
    client.post(url, {"present": [absent.pk]})
    detail = client.get(course.get_absolute_url()).content.decode()
    row = detail.split(f'id="listener-{listener.pk}"')[1].split("</tr>")[0]
    assert "отсутствовал" in row and "<td>0</td>" in row
    row = detail.split(f'id="listener-{absent.pk}"')[1].split("</tr>")[0]
    assert "присутствовал" in row and "<td>3</td>" in row


def test_attendance_of_a_stranger_is_refused(client, course, listener, school, curator):
    outsider = a_mentor(school, "Неслушательница")
    session = add_session(course)
    client.force_login(curator)
    url = reverse("registry:session_attendance", args=[session.pk])
    response = client.post(url, {"present": [outsider.pk]})
    assert "Отмечать можно только слушателей этого обучения." in response.content.decode()
    assert not Attendance.objects.exists()
    with pytest.raises(ValueError):
        set_attendance(session, [outsider], by=curator)


# Certificates and the «trained» status.


def test_a_mentor_of_the_registry_becomes_trained(course, listener, curator, today):
    result = complete_course(course, listener, "ШН-1", 16, today, by=curator)
    listener.refresh_from_db()
    assert result.created
    assert listener.status == Mentor.Status.TRAINED
    assert "Прошёл обучение" in result.message


@pytest.mark.parametrize("status", [Mentor.Status.CANDIDATE, Mentor.Status.INTERVIEWED])
def test_a_mentor_outside_the_registry_keeps_the_status(course, school, curator, today, status):
    mentor = a_mentor(school, "Кандидатка", status)
    course.participants.add(mentor)
    result = complete_course(course, mentor, "ШН-2", 16, today, by=curator)
    mentor.refresh_from_db()
    assert mentor.status == status
    assert result.certificate.pk
    assert "ещё не включён в реестр наставников: статус не изменён" in result.message


def test_a_second_certificate_for_the_course_changes_nothing(course, listener, curator, today):
    complete_course(course, listener, "ШН-1", 16, today, by=curator)
    again = complete_course(course, listener, "ШН-99", 4, today, by=curator)
    assert not again.created
    assert "уже выдано" in again.message
    certificate = TrainingCertificate.objects.get()
    assert (certificate.number, certificate.hours) == ("ШН-1", 16)


def test_certificate_number_is_unique_within_the_course(course, listener, school, curator, today):
    other = a_mentor(school, "Другая")
    course.participants.add(other)
    complete_course(course, listener, "ШН-1", 16, today, by=curator)
    with pytest.raises(ValidationError):
        complete_course(course, other, "шн-1", 16, today, by=curator)
    with pytest.raises(ValidationError):
        complete_course(course, other, " ", 16, today, by=curator)
    with pytest.raises(ValidationError):
        complete_course(course, other, "ШН-2", 0, today, by=curator)


def test_certificates_are_issued_through_the_page(client, course, listener, school, curator, today):
    candidate = a_mentor(school, "Кандидатка", Mentor.Status.CANDIDATE)
    course.participants.add(candidate)
    client.force_login(curator)
    url = reverse("registry:course_complete", args=[course.pk])
    page = client.get(url).content.decode()
    assert f'name="hours_{listener.pk}" value="16"' in page
    data = {
        "issued_on": today.isoformat(),
        f"issue_{listener.pk}": "on",
        f"number_{listener.pk}": "ШН-1",
        f"hours_{listener.pk}": "16",
        f"issue_{candidate.pk}": "on",
        f"number_{candidate.pk}": "ШН-2",
        f"hours_{candidate.pk}": "12",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "выдано удостоверение № ШН-1" in page
    assert "ещё не включён в реестр наставников: статус не изменён" in page
    listener.refresh_from_db()
    candidate.refresh_from_db()
    assert listener.status == Mentor.Status.TRAINED
    assert candidate.status == Mentor.Status.CANDIDATE
    assert TrainingCertificate.objects.get(mentor=candidate).hours == 12
    page = client.post(url, data, follow=True).content.decode()
    assert "уже выдано, ничего не изменено" in page
    assert TrainingCertificate.objects.count() == 2


def test_completion_form_checks_numbers(client, course, listener, school, curator, today):
    other = a_mentor(school, "Другая")
    course.participants.add(other)
    client.force_login(curator)
    url = reverse("registry:course_complete", args=[course.pk])
    data = {
        "issued_on": today.isoformat(),
        f"issue_{listener.pk}": "on",
        f"number_{listener.pk}": "7",
        f"hours_{listener.pk}": "16",
        f"issue_{other.pk}": "on",
        f"number_{other.pk}": "7",
        f"hours_{other.pk}": "0",
    }
    page = client.post(url, data).content.decode()
    assert "Номер 7 уже выдан в этом обучении." in page
    assert "Количество часов должно быть больше нуля." in page
    data[f"number_{other.pk}"] = ""
    assert "Укажите номер удостоверения." in client.post(url, data).content.decode()
    assert not TrainingCertificate.objects.exists()


# Access.


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_outsiders_do_not_see_training(client, request, course, listener, outsider):
    session = add_session(course)
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(course.get_absolute_url()).status_code == 404
    url = reverse("registry:session_attendance", args=[session.pk])
    assert client.post(url, {"present": [listener.pk]}).status_code == 404
    assert not Attendance.objects.exists()
    url = reverse("registry:course_list", args=[course.programme_id])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("editor", ["working_group", "director"])
def test_working_group_and_director_may_edit_training(client, request, course, school, editor):
    mentor = a_mentor(school, "Новая")
    client.force_login(request.getfixturevalue(editor))
    url = reverse("registry:course_listeners", args=[course.pk])
    assert client.post(url, {"action": "add", "mentors": [mentor.pk]}).status_code == 302
    assert course.participants.filter(pk=mentor.pk).exists()


def test_course_detail_queries_do_not_grow_with_rows(
    client, course, school, curator, today, django_assert_max_num_queries
):
    client.force_login(curator)

    def add_rows(n):
        for i in range(n):
            mentor = a_mentor(school, f"Слушатель{n}{i}")
            course.participants.add(mentor)
            a_mentor(school, f"Свободный{n}{i}")
            session = add_session(course, course.starts_on + datetime.timedelta(days=i % 5))
            set_attendance(session, [mentor], by=curator)
            complete_course(course, mentor, f"{n}-{i}", 16, today, by=curator)

    add_rows(1)
    with django_assert_max_num_queries(12):
        client.get(course.get_absolute_url())
    add_rows(12)
    with django_assert_max_num_queries(12):
        assert client.get(course.get_absolute_url()).status_code == 200
