from django.urls import reverse

from registry.models import Mentee, Mentor, Pair

from ..factories import member
from .factories import ready_mentee, ready_student_mentor


def test_form_a_pair_through_the_page(client, programme, curator, forms):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6А")
    client.force_login(curator)
    url = reverse("registry:pair_create", args=[programme.pk])
    assert mentee.participant.last_name in client.get(url, {"mentee": mentee.pk}).content.decode()
    response = client.post(
        url,
        {
            "mentor": mentor.pk,
            "mentees": [mentee.pk],
            "form": forms["student_student"].pk,
            "goal": "Подтянуть математику",
        },
    )
    pair = Pair.objects.get()
    assert response["Location"] == pair.get_absolute_url()
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.PAIRED
    page = client.get(reverse("registry:pair_list", args=[programme.pk])).content.decode()
    assert mentor.participant.full_name in page and "Наставляемые без пары: 0" in page


def test_refused_pair_lists_every_problem_and_keeps_input(client, programme, curator, forms):
    mentor = ready_student_mentor(programme.school, class_name="5А")
    mentee = ready_mentee(programme, class_name="7А")
    mentee.participant.consents.all().delete()
    client.force_login(curator)
    response = client.post(
        reverse("registry:pair_create", args=[programme.pk]),
        {
            "mentor": mentor.pk,
            "mentees": [mentee.pk],
            "form": forms["student_student"].pk,
            "goal": "Цель",
        },
    )
    body = response.content.decode()
    assert "Пару нельзя сформировать" in body
    assert "нет согласий родителя" in body and "более старшем классе (5А и 7А)" in body
    assert not Pair.objects.exists()


def test_mentor_outside_the_registry_is_not_offered(client, programme, curator, forms):
    candidate = ready_student_mentor(programme.school)
    candidate.status = Mentor.Status.CANDIDATE
    candidate.save()
    mentee = ready_mentee(programme)
    client.force_login(curator)
    response = client.post(
        reverse("registry:pair_create", args=[programme.pk]),
        {"mentor": candidate.pk, "mentees": [mentee.pk], "form": forms["student_student"].pk},
    )
    assert "Выберите корректный вариант" in response.content.decode()


def test_pair_life_cycle(client, programme, curator, forms, today):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6А")
    client.force_login(curator)
    client.post(
        reverse("registry:pair_create", args=[programme.pk]),
        {"mentor": mentor.pk, "mentees": [mentee.pk], "form": forms["student_student"].pk},
    )
    pair = Pair.objects.get()
    action = reverse("registry:pair_action", args=[pair.pk])
    client.post(action, {"action": "approve", "note": "Приказ № 12 от 01.11.2026"})
    pair.refresh_from_db()
    mentor.refresh_from_db()
    assert pair.status == Pair.Status.APPROVED and pair.approval_note.startswith("Приказ № 12")
    assert mentor.status == Mentor.Status.ACTIVE
    client.post(action, {"action": "start"})
    close = reverse("registry:pair_close", args=[pair.pk])
    early = {"kind": "early", "closure_reason": "moved", "ends_on": today.isoformat()}
    page = client.post(close, {**early, "comment": ""}).content.decode()
    assert "Укажите причину досрочного прекращения" in page
    client.post(close, {**early, "comment": "Переезд наставляемого"})
    pair.refresh_from_db()
    mentee.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED and mentee.status == Mentee.Status.WAITING


def test_pairs_are_hidden_from_outsiders_and_from_the_officer(
    client,
    programme,
    curator,
    officer,
    other_curator,
    forms,
):
    """Pairs hold children's work: the municipal officer reads numbers, not pairs (404)."""
    mentor = ready_student_mentor(programme.school)
    pair = Pair.objects.create(programme=programme, mentor=mentor, form=forms["student_student"])
    client.force_login(other_curator)
    assert client.get(pair.get_absolute_url()).status_code == 404
    client.force_login(officer)
    assert client.get(pair.get_absolute_url()).status_code == 404
    action = reverse("registry:pair_action", args=[pair.pk])
    assert client.post(action, {"action": "approve"}).status_code == 404


def test_a_mentor_sees_only_their_own_pair(client, programme, forms, school):
    from mentoring.models import Role

    own = ready_student_mentor(programme.school)
    other = ready_student_mentor(programme.school)
    user = member(Role.MENTOR, school, username="own-mentor")
    own.participant.user = user
    own.participant.save()
    mine = Pair.objects.create(programme=programme, mentor=own, form=forms["student_student"])
    theirs = Pair.objects.create(programme=programme, mentor=other, form=forms["student_student"])
    client.force_login(user)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("registry:pair_list", args=[programme.pk])).status_code == 404


def test_pair_list_query_count_does_not_grow(
    client,
    programme,
    curator,
    forms,
    django_assert_max_num_queries,
):
    client.force_login(curator)
    url = reverse("registry:pair_list", args=[programme.pk])

    def add_pairs(count):
        for _ in range(count):
            pair = Pair.objects.create(
                programme=programme,
                mentor=ready_student_mentor(programme.school),
                form=forms["student_student"],
            )
            pair.mentees.set([ready_mentee(programme)])

    add_pairs(2)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    add_pairs(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
