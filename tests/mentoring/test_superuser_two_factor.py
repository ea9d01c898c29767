"""The administrator's second factor: available always, required in production."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

from .test_two_factor import SETUP, VERIFY, next_code, sign_in

pytestmark = pytest.mark.django_db
ADMIN = reverse("admin:index")


@pytest.fixture(autouse=True)
def _no_pause_between_codes(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def production(settings):
    settings.SUPERUSER_TWO_FACTOR_REQUIRED = True


def turn_on(client, user) -> TOTPDevice:
    client.post(SETUP, {"action": "enable"})
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"action": "confirm", "code": next_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_superuser_may_turn_it_on(client, superuser):
    client.force_login(superuser)
    page = client.get(SETUP)
    assert page.status_code == 200 and "выключена" in page.content.decode()
    assert "обязательна" not in page.content.decode()
    assert SETUP in client.get(reverse("stages:stage_reference")).content.decode()
    assert client.get(ADMIN).status_code == 200
    turn_on(client, superuser)
    assert client.get(ADMIN).status_code == 200


def test_in_production_the_administrator_sets_it_up_before_anything_else(
    client, production, superuser
):
    sign_in(client, superuser)
    for url in (ADMIN, reverse("admin:mentoring_user_changelist"), reverse("home")):
        assert client.get(url)["Location"] == SETUP, url
    htmx = client.get(ADMIN, headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx["HX-Redirect"] == SETUP
    page = client.get(SETUP).content.decode()
    assert "Для администратора двухфакторная защита обязательна" in page

    device = turn_on(client, superuser)
    assert client.get(ADMIN).status_code == 200

    # The next log-in asks for the code before the admin opens.
    client.post(reverse("logout"))
    sign_in(client, superuser)
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": next_code(device)})
    assert client.get(ADMIN).status_code == 200


def test_in_production_the_administrator_cannot_turn_it_off(client, production, superuser):
    client.force_login(superuser)
    device = turn_on(client, superuser)
    page = client.get(SETUP).content.decode()
    assert 'value="disable"' not in page and "отключить её нельзя" in page
    client.post(SETUP, {"action": "disable", "code": next_code(device)})
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()


def test_the_requirement_is_the_superusers_only(client, production, programme, curator, director):
    for user in (curator, director):
        client.force_login(user)
        assert client.get(reverse("stages:stage_reference")).status_code == 200
