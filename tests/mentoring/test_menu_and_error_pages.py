import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

from mentoring.models import Role
from registry.models import Pair

from ..factories import member
from ..registry.factories import ready_student_mentor


@pytest.fixture
def mentors_pair(programme, forms, school):
    mentor = ready_student_mentor(school)
    user = member(Role.MENTOR, school, username="menu-mentor")
    mentor.participant.user = user
    mentor.participant.save()
    pair = Pair.objects.create(programme=programme, mentor=mentor, form=forms["student_student"])
    return user, pair


def _menu(page: str) -> str:
    return page.split('id="main-nav"', 1)[1].split("</ul>", 1)[0]


def test_the_mentors_menu_offers_only_pages_the_mentor_may_open(client, mentors_pair, school):
    user, pair = mentors_pair
    client.force_login(user)
    menu = _menu(client.get(pair.get_absolute_url()).content.decode())
    assert "Мои пары" in menu
    assert "Дорожная карта" not in menu
    assert school.short_name not in menu
    roadmap = reverse("stages:roadmap", args=[pair.programme_id])
    assert client.get(roadmap).status_code == 404


def test_the_curators_menu_keeps_the_school_and_its_roadmap(client, mentors_pair, curator, school):
    _, pair = mentors_pair
    client.force_login(curator)
    menu = _menu(client.get(pair.get_absolute_url()).content.decode())
    assert school.short_name in menu
    assert reverse("stages:roadmap", args=[pair.programme_id]) in menu
    assert "Дорожная карта" in menu


def test_page_not_found_is_in_russian_in_the_site_layout(client, settings, mentors_pair):
    settings.DEBUG = False
    user, pair = mentors_pair
    client.force_login(user)
    response = client.get(reverse("stages:roadmap", args=[pair.programme_id]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Страница не найдена" in page
    assert "Not Found" not in page
    assert 'id="main-nav"' in page and "Мои пары" in page
    assert f'href="{reverse("home")}">На главную' in page


def test_forbidden_is_in_russian_with_a_way_back(client, settings, curator):
    settings.DEBUG = False
    request = RequestFactory().get("/")
    request.user = curator
    response = permission_denied(request, PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403
    assert "Действие недоступно" in page
    assert "На главную" in page
    assert "403 Forbidden" not in page


def test_server_error_is_in_russian_without_a_request_context(settings, monkeypatch, curator):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("сбой")

    monkeypatch.setattr("config.views.access.roles_of", broken)
    client = Client(raise_request_exception=False)
    client.force_login(curator)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Ошибка на сервере" in page
    assert 'href="/">На главную' in page
    assert 'class="navbar-brand"' in page
    assert "Server Error" not in page
