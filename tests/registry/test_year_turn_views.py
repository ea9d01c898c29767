"""The «Новый учебный год» page: who opens it, the preview, the confirmation and a second POST."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mentoring.models import Programme, Role
from registry.models import Mentee, Pair, Participant, YearTurn

from ..factories import member
from .year_turn_world import build_old_year

pytestmark = pytest.mark.today("2027-09-02")


@pytest.fixture
def world(reference_data, request_categories, forms, school):
    return build_old_year(school)


def _url(world):
    return reverse("registry:year_turn", args=[world.programme.pk])


def _form_data(client, world, **changes):
    """The preview's form as the browser would send it, with ``changes`` on top."""
    form = client.get(_url(world)).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "mentees"}
    data["mentees"] = [str(value) for value in form["mentees"].value()]
    data.update(changes)
    return data


def test_curator_previews_the_new_year(client, world, curator):
    client.force_login(curator)
    response = client.get(_url(world))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Новый учебный год 2027/2028" in page
    assert "<td>7А</td><td>8А</td>" in page
    assert "<td>11Б</td><td>выпускники</td>" in page
    assert "продолжит как «Студент – ученик»" in page
    assert "просрочена (действовала до 01.06.2027)" in page
    assert f'value="{world.waiting.pk}" id="carry-{world.waiting.pk}" checked' in page
    assert f'value="{world.gone.pk}" id="carry-{world.gone.pk}" aria' in page
    assert "Начать 2027/2028 учебный год" in page
    assert not YearTurn.objects.exists()
    assert Participant.objects.get(pk=world.junior.participant_id).class_name == "7А"


def test_curator_confirms_and_the_page_shows_the_result(client, world, curator):
    client.force_login(curator)
    data = _form_data(client, world)
    data["mentees"] = [str(world.waiting.pk), str(world.gone.pk)]
    data[f"pair_{world.teacher_pair.pk}"] = "complete"
    data[f"reason_{world.teacher_pair.pk}"] = "Молодой специалист освоился."
    response = client.post(_url(world), data, follow=True)
    page = response.content.decode()
    assert "Начат 2027/2028 учебный год" in page
    assert "Новый учебный год 2027/2028 начат" in page
    assert "<strong>7</strong> — обучающихся переведены в следующий класс" in page
    assert "<strong>3</strong> — пар и групп продолжают работу" in page
    new = Programme.objects.get(year__name="2027/2028")
    assert reverse("registry:mentee_list", args=[new.pk]) in page
    carried = set(new.mentees.values_list("participant__last_name", flat=True))
    assert carried == {"Смирнова", "Зайцева", "Девятов", "Павлова", "Волков"}
    world.teacher_pair.refresh_from_db()
    assert world.teacher_pair.termination_reason == "Молодой специалист освоился."
    assert Pair.objects.filter(programme=new, continued_from__isnull=False).count() == 3
    turn = YearTurn.objects.get()
    assert turn.done_by == curator
    # Written through the models with the request's user as the actor.
    person = Participant.objects.get(pk=world.junior.participant_id)
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == curator and entry.changes_dict["class_name"] == ["7А", "8А"]


def test_terminating_without_a_reason_is_refused_and_nothing_changes(client, world, curator):
    client.force_login(curator)
    data = _form_data(
        client,
        world,
        **{f"pair_{world.active_pair.pk}": "terminate", f"reason_{world.active_pair.pk}": ""},
    )
    response = client.post(_url(world), data)
    assert response.status_code == 200
    assert "Укажите причину досрочного прекращения." in response.content.decode()
    assert not YearTurn.objects.exists()
    assert not Programme.objects.filter(year__name="2027/2028").exists()


def test_a_second_post_changes_nothing(client, world, curator):
    client.force_login(curator)
    data = _form_data(client, world)
    client.post(_url(world), data)
    counts = (Mentee.objects.count(), Pair.objects.count(), LogEntry.objects.count())
    classes = list(Participant.objects.order_by("pk").values_list("class_name", flat=True))
    response = client.post(_url(world), data, follow=True)
    page = response.content.decode()
    assert "уже начат: повторно ничего не изменено" in page
    assert (Mentee.objects.count(), Pair.objects.count(), LogEntry.objects.count()) == counts
    assert list(Participant.objects.order_by("pk").values_list("class_name", flat=True)) == classes
    assert YearTurn.objects.count() == 1


def test_director_may_start_the_year(client, world, director):
    client.force_login(director)
    response = client.post(_url(world), _form_data(client, world))
    assert response.status_code == 302
    assert YearTurn.objects.get().done_by == director


def test_working_group_is_refused(client, world, working_group):
    client.force_login(working_group)
    response = client.get(_url(world))
    assert response.status_code == 403
    assert "куратор и директор" in response.content.decode()
    assert client.post(_url(world)).status_code == 403
    assert not YearTurn.objects.exists()


@pytest.mark.parametrize("who", ["other_curator", "mentor_user", "officer"])
def test_others_do_not_find_the_page(client, world, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(world)).status_code == 404
    assert client.post(_url(world)).status_code == 404
    assert not YearTurn.objects.exists()


def test_anonymous_goes_to_log_in(client, world):
    response = client.get(_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.today("2027-08-31")
def test_before_september_the_page_explains_and_offers_nothing(client, world, curator):
    client.force_login(curator)
    page = client.get(_url(world)).content.decode()
    assert "ещё не закончился: новый учебный год можно начать с 01.09.2027" in page
    assert "year-turn-form" not in page
    client.post(_url(world), {"mentees": [str(world.waiting.pk)]})
    assert not YearTurn.objects.exists()


def test_school_dashboard_and_old_roadmap_offer_the_new_year(client, world, curator):
    client.force_login(curator)
    dashboard = client.get(world.programme.school.get_absolute_url()).content.decode()
    roadmap = client.get(reverse("stages:roadmap", args=[world.programme.pk])).content.decode()
    assert _url(world) in dashboard and "Учебный год 2026/2027 закончился" in dashboard
    assert _url(world) in roadmap
    archive = reverse("stages:programme_archive", args=[world.programme.pk])
    assert _url(world) in client.get(archive).content.decode()  # before archiving by hand
    client.post(_url(world), _form_data(client, world))
    dashboard = client.get(world.programme.school.get_absolute_url()).content.decode()
    assert _url(world) not in dashboard
    assert "Дорожная карта 2026/2027" in dashboard  # the archived year, among other years


def test_working_group_is_not_offered_the_new_year(client, world):
    group = member(Role.WORKING_GROUP, world.programme.school, username="group2")
    client.force_login(group)
    dashboard = client.get(world.programme.school.get_absolute_url()).content.decode()
    roadmap = client.get(reverse("stages:roadmap", args=[world.programme.pk])).content.decode()
    assert _url(world) not in dashboard and _url(world) not in roadmap
