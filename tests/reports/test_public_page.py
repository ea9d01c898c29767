import pytest
from django.urls import reverse

from registry.models import Award, Case, Pair

from ..registry.factories import ready_mentee, ready_student_mentor, ready_teacher_mentor


@pytest.fixture
def public_url(programme):
    return reverse("reports:public_programme", args=[programme.pk])


@pytest.fixture
def showcase(programme, forms, today):
    """A programme with a student pair, a teacher pair, cases and awards to everyone."""
    school = programme.school
    student_mentor = ready_student_mentor(school)
    student_mentor.participant.last_name = "Юнцов"
    student_mentor.participant.save()
    pupil = ready_mentee(programme, last_name="Малышева", first_name="Вера")
    teacher = ready_teacher_mentor(school)
    teacher.participant.last_name, teacher.participant.first_name = "Наставникова", "Галина"
    teacher.participant.save()
    young_teacher = ready_teacher_mentor(school)
    student_pair = Pair.objects.create(
        programme=programme,
        mentor=student_mentor,
        form=forms["student_student"],
        role_model=forms["student_student"].role_models.first(),
        status=Pair.Status.ACTIVE,
    )
    student_pair.mentees.set([pupil])
    from registry.models import Mentee

    colleague = Mentee.objects.create(programme=programme, participant=young_teacher.participant)
    teacher_pair = Pair.objects.create(
        programme=programme,
        mentor=teacher,
        form=forms["teacher_teacher"],
        status=Pair.Status.APPROVED,
    )
    teacher_pair.mentees.set([colleague])
    Pair.objects.create(
        programme=programme,
        mentor=ready_teacher_mentor(school),
        form=forms["employer_pupil"],
        status=Pair.Status.DRAFT,
    )
    Case.objects.create(
        programme=programme,
        pair=student_pair,
        title="Клуб юных математиков",
        what_was_done="Еженедельные занятия старшеклассников с пятиклассниками",
        results="Средний балл по математике вырос на 0,4",
        publishable=True,
    )
    Case.objects.create(
        programme=programme,
        title="Внутренний разбор трудного случая",
        what_was_done="—",
        results="—",
        publishable=False,
    )
    for mentor in (teacher, student_mentor):
        Award.objects.create(
            programme=programme, kind=Award.Kind.BEST_MENTOR, mentor=mentor, awarded_on=today
        )
    Award.objects.create(
        programme=programme, kind=Award.Kind.BEST_PAIR, pair=student_pair, awarded_on=today
    )
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.PARENTS_LETTER,
        pair=student_pair,
        recipient_name="Малышева Ирина Петровна",
        awarded_on=today,
    )
    programme.goals = "Раскрыть потенциал каждого обучающегося"
    programme.public_description = "Наставничество в нашей школе — это клубы и пары."
    programme.save()
    return {"student_mentor": student_mentor, "pupil": pupil, "teacher": teacher}


def test_public_page_is_off_by_default(client, programme, public_url):
    assert programme.is_public is False
    assert client.get(public_url).status_code == 404
    assert client.get(reverse("reports:public_programme", args=[999999])).status_code == 404


def test_public_page_shows_the_programme_without_minors_names(
    client, programme, showcase, public_url
):
    programme.is_public = True
    programme.save()
    response = client.get(public_url)  # anonymous: no log-in needed
    assert response.status_code == 200
    page = response.content.decode()
    assert programme.school.short_name in page
    assert "Наставничество в нашей школе — это клубы и пары." in page
    assert "Раскрыть потенциал каждого обучающегося" in page
    assert "Ученик – ученик" in page and "Учитель – учитель" in page
    assert "Работодатель – ученик" not in page  # only a draft pair
    assert "Клуб юных математиков" in page and "вырос на 0,4" in page
    assert "Внутренний разбор трудного случая" not in page
    # awards: counts by kind, names only of adult teachers
    assert "Грамота «Лучший наставник»: 2" in page
    assert "«Лучшая пара»: 1" in page and "Благодарственное письмо родителям: 1" in page
    assert showcase["teacher"].participant.full_name in page
    for name in ("Юнцов", "Малышева", showcase["pupil"].participant.first_name):
        assert name not in page
    for person in (showcase["student_mentor"], showcase["pupil"]):
        assert person.participant.full_name not in page
    assert "Выйти" not in page


def test_curator_switches_the_page_on_in_settings(client, programme, curator, public_url):
    url = reverse("reports:programme_settings", args=[programme.pk])
    client.force_login(curator)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "students_total": "420",
            "teachers_total": "35",
            "is_public": "on",
            "public_description": "Открытая программа",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.students_total, programme.teachers_total) == (420, 35)
    assert programme.is_public and programme.public_description == "Открытая программа"
    client.logout()
    assert "Открытая программа" in client.get(public_url).content.decode()


def test_settings_reject_bad_numbers_and_lose_nothing(client, programme, director):
    url = reverse("reports:programme_settings", args=[programme.pk])
    client.force_login(director)
    response = client.post(
        url, {"students_total": "-5", "teachers_total": "много", "public_description": "Текст"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "настройки не сохранены" in page and "Текст" in page
    programme.refresh_from_db()
    assert programme.students_total is None and programme.public_description == ""


def test_working_group_reads_settings_but_cannot_change(client, programme, working_group):
    url = reverse("reports:programme_settings", args=[programme.pk])
    client.force_login(working_group)
    response = client.get(url)
    assert response.status_code == 200
    assert "Изменять настройки могут куратор и директор школы" in response.content.decode()
    assert client.post(url, {"is_public": "on"}).status_code == 403
    programme.refresh_from_db()
    assert programme.is_public is False


def test_settings_are_hidden_from_officers_and_mentors(client, programme, officer, mentor_user):
    url = reverse("reports:programme_settings", args=[programme.pk])
    for user in (officer, mentor_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"is_public": "on"}).status_code == 404


def test_dashboard_links_to_settings(client, programme, curator):
    client.force_login(curator)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    assert reverse("reports:programme_settings", args=[programme.pk]) in page
