from django.urls import reverse

from mentoring.models import Role

from ..factories import member


def test_anonymous_home_goes_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_curator_lands_on_school_dashboard(client, programme, curator):
    client.force_login(curator)
    response = client.get("/")
    assert response["Location"] == programme.school.get_absolute_url()


def test_officer_lands_on_municipality(client, municipality, officer):
    client.force_login(officer)
    assert client.get("/")["Location"] == municipality.get_absolute_url()


def test_mentor_lands_on_own_page(client, mentor_user):
    client.force_login(mentor_user)
    assert client.get("/")["Location"] == reverse("registry:my_pairs")
    page = client.get(reverse("registry:my_pairs"))
    assert "Пар и групп пока нет" in page.content.decode()


def test_user_of_two_schools_chooses(client, school, other_school):
    user = member(Role.CURATOR, school)
    from mentoring.models import Membership

    Membership.objects.create(user=user, role=Role.CURATOR, school=other_school)
    client.force_login(user)
    page = client.get("/")
    assert page.status_code == 200
    assert school.short_name in page.content.decode()
    assert other_school.short_name in page.content.decode()


def test_user_without_role_lands_on_own_pairs(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/")["Location"] == reverse("registry:my_pairs")


def test_login_page_is_russian(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Вход в систему" in page
    bad = client.post(reverse("login"), {"username": "x", "password": "y"}).content.decode()
    assert "Неверное имя пользователя или пароль" in bad
