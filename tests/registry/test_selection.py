import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry.models import CommissionMember, Interview, Mentor, SelectionCommission
from registry.services.selection import (
    delete_interview,
    record_interview,
    save_commission,
    validate_commission,
)

from .factories import InterviewFactory, MentorFactory, ParticipantFactory

CHAIR, CURATOR, MEMBER = (
    CommissionMember.Role.CHAIR,
    CommissionMember.Role.CURATOR,
    CommissionMember.Role.MEMBER,
)


def members(*roles):
    return [
        {"full_name": f"Член Комиссии {'АБВГДЕЖЗ'[n]}", "position": "учитель", "role": role}
        for n, role in enumerate(roles)
    ]


def a_mentor(school, last_name, status=Mentor.Status.CANDIDATE):
    participant = ParticipantFactory(school=school, last_name=last_name, first_name="Анна")
    return MentorFactory(participant=participant, status=status)


def selection_url(programme):
    return reverse("registry:selection", args=[programme.pk])


def commission_post(rows, formed_on="2025-09-10", order_note="Приказ № 12"):
    data = {
        "formed_on": formed_on,
        "order_note": order_note,
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "5",
    }
    for n in range(5):
        row = rows[n] if n < len(rows) else {}
        for key in ("full_name", "position", "role"):
            data[f"members-{n}-{key}"] = row.get(key, "")
    return data


# The commission rules, one by one.


def test_two_members_are_too_few():
    assert "В комиссии должно быть от 3 до 5 человек, сейчас 2." in validate_commission(
        members(CHAIR, CURATOR)
    )


@pytest.mark.parametrize("roles", [(CHAIR, CURATOR, MEMBER), (CHAIR, CURATOR, *[MEMBER] * 3)])
def test_three_and_five_members_are_valid(roles):
    assert validate_commission(members(*roles)) == []


def test_six_members_are_too_many():
    errors = validate_commission(members(CHAIR, CURATOR, *[MEMBER] * 4))
    assert errors == ["В комиссии должно быть от 3 до 5 человек, сейчас 6."]


def test_the_commission_needs_the_head_of_the_school_as_chair():
    errors = validate_commission(members(CURATOR, MEMBER, MEMBER))
    assert any(
        "Председателем комиссии должен быть руководитель образовательной организации" in e
        for e in errors
    )


def test_the_commission_includes_the_curator():
    errors = validate_commission(members(CHAIR, MEMBER, MEMBER))
    assert any("В состав комиссии входит куратор" in e for e in errors)


def test_only_one_chair():
    errors = validate_commission(members(CHAIR, CHAIR, CURATOR))
    assert errors == ["Председатель у комиссии один, сейчас их 2."]


def test_the_same_person_twice_is_refused():
    rows = members(CHAIR, CURATOR, MEMBER)
    rows[2]["full_name"] = rows[1]["full_name"]
    assert any("дважды" in e for e in validate_commission(rows))


def test_an_invalid_commission_saves_nothing(programme, curator):
    with pytest.raises(ValidationError):
        save_commission(programme, members(CHAIR, CURATOR), None, "", by=curator)
    assert not SelectionCommission.objects.exists()
    assert not CommissionMember.objects.exists()


def test_saving_replaces_the_members_and_keeps_them_on_invalid_input(programme, curator):
    save_commission(programme, members(CHAIR, CURATOR, MEMBER, MEMBER), None, "", by=curator)
    commission = save_commission(
        programme, members(CHAIR, CURATOR, MEMBER), datetime.date(2025, 9, 1), "№ 5", by=curator
    )
    assert commission.members.count() == 3
    assert [m.role for m in commission.members.all()] == [CHAIR, CURATOR, MEMBER]
    assert commission.order_note == "№ 5"
    with pytest.raises(ValidationError):
        save_commission(programme, members(CURATOR, MEMBER, MEMBER), None, "", by=curator)
    assert commission.members.count() == 3
    assert SelectionCommission.objects.get().order_note == "№ 5"


# Interviews.


def test_an_interview_moves_a_candidate_to_interviewed(programme, mentor, curator, today):
    data = {"held_on": today, "readiness": "high", "decision": "recommend", "notes": "Готов"}
    interview = record_interview(mentor, programme, data, by=curator)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.INTERVIEWED
    assert interview.recorded_by == curator and interview.programme == programme


def test_an_interview_does_not_demote_a_mentor_of_the_registry(programme, school, curator, today):
    selected = a_mentor(school, "Орлова", Mentor.Status.SELECTED)
    data = {"held_on": today, "readiness": "low", "decision": "reject"}
    record_interview(selected, programme, data, by=curator)
    selected.refresh_from_db()
    assert selected.status == Mentor.Status.SELECTED


def test_a_mentor_of_another_school_cannot_be_interviewed(programme, other_school, curator, today):
    stranger = a_mentor(other_school, "Чужая")
    data = {"held_on": today, "readiness": "high", "decision": "recommend"}
    with pytest.raises(ValueError):
        record_interview(stranger, programme, data, by=curator)


def test_deleting_the_only_interview_makes_a_candidate_again(programme, mentor, curator, today):
    data = {"held_on": today, "readiness": "high", "decision": "recommend"}
    interview = record_interview(mentor, programme, data, by=curator)
    delete_interview(interview, by=curator)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.CANDIDATE


# Pages.


def test_selection_page_shows_empty_states(client, programme, curator):
    client.force_login(curator)
    page = client.get(selection_url(programme)).content.decode()
    assert "Конкурсная комиссия ещё не сформирована" in page
    assert "Сформировать комиссию" in page
    assert "Об утверждении реестра наставников" in page


def test_selection_page_lists_every_step(client, programme, school, curator):
    save_commission(programme, members(CHAIR, CURATOR, MEMBER), None, "", by=curator)
    waiting = a_mentor(school, "Ждущая")
    recommended = a_mentor(school, "Рекомендованная", Mentor.Status.INTERVIEWED)
    InterviewFactory(mentor=recommended, programme=programme)
    listed = a_mentor(school, "Реестровая", Mentor.Status.TRAINED)
    client.force_login(curator)
    page = client.get(selection_url(programme)).content.decode()
    assert "Член Комиссии А" in page
    assert f"?mentor={waiting.pk}" in page
    assert f'id="include-{recommended.pk}"' in page
    assert f'id="registry-{listed.pk}"' in page
    assert "Рекомендовать к включению в реестр наставников" in page


def test_commission_form_is_prefilled_with_the_director_and_the_curator(client, programme, curator):
    client.force_login(curator)
    page = client.get(reverse("registry:commission_edit", args=[programme.pk])).content.decode()
    assert 'value="Воронцова Елена Петровна"' in page
    assert f'value="{curator.full_name}"' in page
    assert 'name="members-4-full_name"' in page


def test_commission_is_formed_through_the_page(client, programme, curator):
    client.force_login(curator)
    rows = members(CHAIR, CURATOR, MEMBER)
    url = reverse("registry:commission_edit", args=[programme.pk])
    response = client.post(url, commission_post(rows))
    assert response.status_code == 302
    commission = SelectionCommission.objects.get(programme=programme)
    assert commission.members.count() == 3
    assert commission.formed_on == datetime.date(2025, 9, 10)
    page = client.get(url).content.decode()
    assert 'value="Член Комиссии В"' in page


def test_an_invalid_commission_on_the_page_keeps_the_input(client, programme, curator):
    client.force_login(curator)
    url = reverse("registry:commission_edit", args=[programme.pk])
    response = client.post(url, commission_post(members(CHAIR, CURATOR)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "В комиссии должно быть от 3 до 5 человек, сейчас 2" in page
    assert 'value="Член Комиссии Б"' in page
    assert not SelectionCommission.objects.exists()


def test_a_row_without_a_role_is_a_field_error(client, programme, curator):
    client.force_login(curator)
    rows = members(CHAIR, CURATOR, MEMBER)
    rows[2]["role"] = ""
    url = reverse("registry:commission_edit", args=[programme.pk])
    page = client.post(url, commission_post(rows)).content.decode()
    assert "Укажите роль в комиссии." in page
    assert not SelectionCommission.objects.exists()


def test_interview_form_preselects_the_mentor(client, programme, mentor, curator):
    client.force_login(curator)
    url = reverse("registry:interview_create", args=[programme.pk])
    page = client.get(f"{url}?mentor={mentor.pk}").content.decode()
    assert f'<option value="{mentor.pk}" selected>' in page
    assert client.get(f"{url}?mentor=abc").status_code == 200


def test_interview_is_recorded_through_the_page(client, programme, mentor, curator, today):
    client.force_login(curator)
    url = reverse("registry:interview_create", args=[programme.pk])
    data = {
        "mentor": mentor.pk,
        "held_on": today.isoformat(),
        "readiness": "sufficient",
        "decision": "recommend",
        "notes": "Готов работать с пятиклассниками",
    }
    response = client.post(url, data, follow=True)
    assert "Собеседование с наставником" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.INTERVIEWED
    assert Interview.objects.get().notes == "Готов работать с пятиклассниками"


def test_a_forged_mentor_of_another_school_is_a_form_error(
    client, programme, other_school, curator, today
):
    stranger = a_mentor(other_school, "Чужая")
    client.force_login(curator)
    url = reverse("registry:interview_create", args=[programme.pk])
    data = {"mentor": stranger.pk, "held_on": today, "readiness": "high", "decision": "recommend"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Выберите наставника из базы наставников школы." in response.content.decode()
    assert not Interview.objects.exists()


def test_an_interview_in_the_future_is_refused(client, programme, mentor, curator, today):
    client.force_login(curator)
    url = reverse("registry:interview_create", args=[programme.pk])
    tomorrow = today + datetime.timedelta(days=1)
    data = {"mentor": mentor.pk, "held_on": tomorrow, "readiness": "high", "decision": "reject"}
    assert "дата не может быть в будущем" in client.post(url, data).content.decode()


def test_interview_is_edited_and_deleted(client, programme, mentor, curator, today):
    interview = InterviewFactory(mentor=mentor, programme=programme)
    client.force_login(curator)
    edit = reverse("registry:interview_edit", args=[interview.pk])
    data = {"held_on": today, "readiness": "low", "decision": "postpone", "notes": ""}
    assert client.post(edit, data).status_code == 302
    interview.refresh_from_db()
    assert interview.decision == Interview.Decision.POSTPONE
    delete = reverse("registry:interview_delete", args=[interview.pk])
    assert "Удалить собеседование?" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not Interview.objects.exists()


def test_include_in_registry_reports_included_and_refused(client, programme, school, curator):
    chosen = a_mentor(school, "Включаемая", Mentor.Status.INTERVIEWED)
    InterviewFactory(mentor=chosen, programme=programme)
    rejected = a_mentor(school, "Отклонённая", Mentor.Status.INTERVIEWED)
    InterviewFactory(mentor=rejected, programme=programme, decision=Interview.Decision.REJECT)
    untested = a_mentor(school, "Непроверенная")
    client.force_login(curator)
    response = client.post(
        reverse("registry:registry_include", args=[programme.pk]),
        {"mentors": [chosen.pk, rejected.pk, untested.pk], "note": ""},
        follow=True,
    )
    page = response.content.decode()
    assert "Включены в реестр наставников: Включаемая Анна" in page
    assert "Отклонённая Анна" in page and "«Не рекомендовать»" in page
    assert "не проходил собеседование с конкурсной комиссией" in page
    chosen.refresh_from_db()
    rejected.refresh_from_db()
    assert chosen.status == Mentor.Status.SELECTED
    assert chosen.registry_note == "Решение конкурсной комиссии"
    assert rejected.status == Mentor.Status.INTERVIEWED
    assert f'id="registry-{chosen.pk}"' in page


def test_include_takes_the_basis_from_the_form(client, programme, school, curator):
    chosen = a_mentor(school, "Включаемая", Mentor.Status.INTERVIEWED)
    InterviewFactory(mentor=chosen, programme=programme)
    client.force_login(curator)
    client.post(
        reverse("registry:registry_include", args=[programme.pk]),
        {"mentors": [chosen.pk], "note": "Протокол комиссии № 2"},
    )
    chosen.refresh_from_db()
    assert chosen.registry_note == "Протокол комиссии № 2"


def test_include_with_a_forged_mentor_changes_nothing(
    client, programme, school, other_school, curator
):
    chosen = a_mentor(school, "Включаемая", Mentor.Status.INTERVIEWED)
    InterviewFactory(mentor=chosen, programme=programme)
    stranger = a_mentor(other_school, "Чужая", Mentor.Status.INTERVIEWED)
    client.force_login(curator)
    response = client.post(
        reverse("registry:registry_include", args=[programme.pk]),
        {"mentors": [chosen.pk, stranger.pk]},
        follow=True,
    )
    assert "Выберите наставника из базы наставников школы." in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.status == Mentor.Status.INTERVIEWED


def test_include_needs_a_choice_and_post(client, programme, curator):
    client.force_login(curator)
    url = reverse("registry:registry_include", args=[programme.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {}, follow=True)
    assert "Отметьте наставников, которых нужно включить в реестр." in response.content.decode()


# Access.


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_outsiders_do_not_see_selection(client, request, programme, mentor, outsider):
    interview = InterviewFactory(mentor=mentor, programme=programme)
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(selection_url(programme)).status_code == 404
    assert client.get(reverse("registry:interview_edit", args=[interview.pk])).status_code == 404
    url = reverse("registry:commission_edit", args=[programme.pk])
    assert client.post(url, commission_post(members(CHAIR, CURATOR, MEMBER))).status_code == 404
    assert not SelectionCommission.objects.exists()


@pytest.mark.parametrize("editor", ["working_group", "director"])
def test_working_group_and_director_may_edit(client, request, programme, editor):
    client.force_login(request.getfixturevalue(editor))
    url = reverse("registry:commission_edit", args=[programme.pk])
    assert client.post(url, commission_post(members(CHAIR, CURATOR, MEMBER))).status_code == 302
    assert SelectionCommission.objects.filter(programme=programme).exists()


def test_selection_page_queries_do_not_grow_with_rows(
    client, programme, school, curator, django_assert_max_num_queries
):
    save_commission(programme, members(CHAIR, CURATOR, MEMBER), None, "", by=curator)
    client.force_login(curator)

    def add_rows(n):
        for i in range(n):
            a_mentor(school, f"Кандидат{n}{i}")
            done = a_mentor(school, f"Собеседованный{n}{i}", Mentor.Status.INTERVIEWED)
            InterviewFactory(mentor=done, programme=programme)
            a_mentor(school, f"Реестровый{n}{i}", Mentor.Status.SELECTED)

    add_rows(1)
    with django_assert_max_num_queries(12):
        client.get(selection_url(programme))
    add_rows(15)
    with django_assert_max_num_queries(12):
        assert client.get(selection_url(programme)).status_code == 200
