"""The optional second factor (TOTP) for directors and municipal officers."""

import datetime
import time
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentoring import two_factor

PASSWORD = "secret-pass-123"  # tests/factories.py
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")


@pytest.fixture(autouse=True)
def _no_pause_between_codes(settings):
    """django-otp's own 1, 2, 4… second pause after a wrong code; tested separately below."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def next_code(device: TOTPDevice) -> str:
    """The code of the earliest time step the device still accepts.

    The device accepts a step within ``tolerance`` of now (plus the learned ``drift``) and only
    after the last used step (``last_t``), so each code works once; the next one is one step on.
    """
    device.refresh_from_db()
    now_t = (int(time.time()) - device.t0) // device.step
    target = max(now_t + device.drift, device.last_t + 1)
    assert target <= now_t + device.drift + device.tolerance
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, target - now_t):06d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {int(next_code(device))}
    return next(f"{n:06d}" for n in range(100000, 999999) if n not in right)


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def director_device(director):
    return TOTPDevice.objects.create(user=director, name="Телефон", confirmed=True)


# --- set-up -----------------------------------------------------------------------------------


def test_director_turns_the_second_factor_on(client, director):
    client.force_login(director)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "выключена" in page.content.decode()

    assert client.post(SETUP, {"action": "enable"}).status_code == 302
    device = TOTPDevice.objects.get(user=director)
    assert not device.confirmed

    page = client.get(SETUP).content.decode()
    assert two_factor.secret_base32(device) in page
    assert "otpauth://totp/" in page
    assert "issuer=" + quote("Наставничество") in page
    assert "<svg" in page and "<script>" not in page
    assert "<img" not in page

    response = client.post(SETUP, {"action": "confirm", "code": next_code(device)}, follow=True)
    device.refresh_from_db()
    assert device.confirmed
    assert "Двухфакторная защита включена" in response.content.decode()
    # This session has just proved the code: it is not sent to the code page.
    assert not client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_the_qr_code_is_an_inline_svg_of_the_otpauth_uri(director):
    device = two_factor.start_setup(director)
    svg = two_factor.qr_svg(device.config_url)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "script" not in svg


def test_a_wrong_code_keeps_the_device_unconfirmed(client, director):
    client.force_login(director)
    client.post(SETUP, {"action": "enable"})
    device = TOTPDevice.objects.get(user=director)

    response = client.post(SETUP, {"action": "confirm", "code": wrong_code(device)})
    assert response.status_code == 200
    assert "Код не подошёл" in response.content.decode()
    response = client.post(SETUP, {"action": "confirm", "code": "12ab"})
    assert "Код состоит из 6 цифр" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # An unconfirmed device asks for nothing after the log-in.
    client.logout()
    sign_in(client, director)
    assert client.get(reverse("stages:stage_reference")).status_code == 200


def test_enabling_again_replaces_an_unfinished_key(client, director):
    client.force_login(director)
    client.post(SETUP, {"action": "enable"})
    first = TOTPDevice.objects.get(user=director)
    client.post(SETUP, {"action": "enable"})
    second = TOTPDevice.objects.get(user=director)
    assert first.pk != second.pk and first.key != second.key


def test_a_code_with_a_space_is_accepted(client, director):
    client.force_login(director)
    client.post(SETUP, {"action": "enable"})
    device = TOTPDevice.objects.get(user=director)
    code = next_code(device)
    client.post(SETUP, {"action": "confirm", "code": f"{code[:3]} {code[3:]}"})
    device.refresh_from_db()
    assert device.confirmed


def test_a_municipal_officer_may_turn_it_on(client, officer):
    client.force_login(officer)
    assert client.get(SETUP).status_code == 200


@pytest.mark.parametrize("role", ["curator", "working_group", "mentor_user"])
def test_other_roles_have_no_second_factor_page(client, request, role):
    """Decided: the page does not exist for them (404), like any page outside one's role."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(SETUP).status_code == 404
    assert client.post(SETUP, {"action": "enable"}).status_code == 404
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "Двухфакторная защита" not in client.get(reverse("stages:stage_reference")).text


def test_the_menu_links_the_page_for_directors(client, director):
    client.force_login(director)
    page = client.get(reverse("stages:stage_reference")).content.decode()
    assert SETUP in page and "Двухфакторная защита" in page


def test_anonymous_is_sent_to_log_in(client):
    for url in (SETUP, VERIFY):
        assert client.get(url)["Location"].startswith(reverse("login") + "?next=")


# --- after the log-in -------------------------------------------------------------------------


def test_director_with_a_device_must_enter_a_code_before_any_page(
    client, programme, director, director_device
):
    sign_in(client, director)
    pages = [
        reverse("home"),
        reverse("stages:stage_reference"),
        programme.school.get_absolute_url(),
        SETUP,
        reverse("admin:index"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{VERIFY}?next={quote(url, safe='')}", url
        assert client.post(url).status_code == 302, url

    page = client.get(VERIFY)
    assert page.status_code == 200
    assert "Выйти" in page.content.decode()

    target = reverse("stages:stage_reference")
    response = client.post(VERIFY, {"code": next_code(director_device), "next": target})
    assert response.status_code == 302 and response["Location"] == target
    assert client.get(target).status_code == 200
    assert client.get(reverse("home"))["Location"] != VERIFY


def test_a_new_log_in_asks_for_a_code_again(client, director, director_device):
    sign_in(client, director)
    client.post(VERIFY, {"code": next_code(director_device)})
    client.post(reverse("logout"))
    sign_in(client, director)
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_a_used_code_does_not_work_twice(client, director, director_device):
    code = next_code(director_device)
    sign_in(client, director)
    client.post(VERIFY, {"code": code})
    client.post(reverse("logout"))
    sign_in(client, director)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "Код не подошёл" in response.content.decode()


def test_only_a_local_next_is_followed(client, director, director_device):
    sign_in(client, director)
    response = client.post(
        VERIFY, {"code": next_code(director_device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("next_url", ["0", "home", "logout"])
def test_a_next_that_reads_like_a_view_name_is_a_relative_url(
    client, director, director_device, next_url
):
    """Found by tests/robustness/test_query_fuzz.py: «?next=0» answered 500."""
    sign_in(client, director)
    response = client.post(VERIFY, {"code": next_code(director_device), "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    # Already verified (or without a device): the page sends the user on at once.
    assert client.get(VERIFY, {"next": next_url})["Location"] == next_url


def test_the_code_page_refuses_a_wrong_code(client, director, director_device):
    sign_in(client, director)
    response = client.post(VERIFY, {"code": wrong_code(director_device)})
    assert response.status_code == 200
    assert "Код не подошёл" in response.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_wrong_codes_are_limited(client, director, director_device):
    sign_in(client, director)
    for _ in range(two_factor.MAX_WRONG_CODES):
        client.post(VERIFY, {"code": wrong_code(director_device)})
    response = client.post(VERIFY, {"code": next_code(director_device)})
    assert response.status_code == 429
    assert "Слишком много неверных кодов" in response.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)
    # The limit is kept with the device, not the session: signing in again does not lift it.
    client.post(reverse("logout"))
    sign_in(client, director)
    assert "Слишком много неверных кодов" in client.get(VERIFY).content.decode()

    director_device.refresh_from_db()
    director_device.throttling_failure_timestamp = timezone.now() - two_factor.LOCKOUT
    director_device.save()
    response = client.post(VERIFY, {"code": next_code(director_device)})
    assert response.status_code == 302


def test_django_otp_pauses_after_a_wrong_code(settings, client, director, director_device):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    sign_in(client, director)
    client.post(VERIFY, {"code": wrong_code(director_device)})
    response = client.post(VERIFY, {"code": next_code(director_device)})
    assert "Подождите" in response.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_the_code_page_leaves_the_log_out_open(client, director, director_device):
    sign_in(client, director)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_log_in_and_static_are_not_redirected(client, director, director_device):
    sign_in(client, director)
    assert not client.get(reverse("login"))["Location"].startswith(VERIFY)
    response = client.get("/static/css/app.css")
    assert response.status_code != 302


def test_htmx_requests_are_told_to_go_to_the_code_page(client, director, director_device):
    sign_in(client, director)
    response = client.get(reverse("stages:stage_reference"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(VERIFY)


def test_a_curator_is_never_redirected(client, programme, curator):
    sign_in(client, curator)
    assert client.get(reverse("stages:stage_reference")).status_code == 200
    assert client.get(VERIFY)["Location"] == reverse("home")
    assert not client.get(reverse("home"))["Location"].startswith(VERIFY)


# --- turning it off ---------------------------------------------------------------------------


def test_turning_it_off_requires_a_current_code(client, director, director_device):
    sign_in(client, director)
    client.post(VERIFY, {"code": next_code(director_device)})

    assert "включена" in client.get(SETUP).content.decode()
    response = client.post(SETUP, {"action": "disable"})
    assert "Введите код из приложения" in response.content.decode()
    response = client.post(SETUP, {"action": "disable", "code": wrong_code(director_device)})
    assert "Код не подошёл" in response.content.decode()
    assert TOTPDevice.objects.filter(user=director).exists()

    response = client.post(SETUP, {"action": "disable", "code": next_code(director_device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=director).exists()
    client.post(reverse("logout"))
    sign_in(client, director)
    assert client.get(reverse("stages:stage_reference")).status_code == 200


def test_blocked_until_is_none_for_a_fresh_device(director_device):
    assert two_factor.blocked_until(director_device) is None
    director_device.throttling_failure_count = two_factor.MAX_WRONG_CODES
    director_device.throttling_failure_timestamp = timezone.now() - datetime.timedelta(minutes=1)
    assert two_factor.blocked_until(director_device) > timezone.now()


def test_a_device_added_elsewhere_counts_after_the_recheck(client, director):
    """The session notes at log-in that there is no device and looks again every few minutes."""
    client.force_login(director)
    TOTPDevice.objects.create(user=director, name="Телефон", confirmed=True)
    assert client.get(reverse("stages:stage_reference")).status_code == 200

    session = client.session
    session[two_factor.SESSION_KEY]["checked_at"] -= two_factor.RECHECK_SECONDS
    session.save()
    assert client.get(reverse("stages:stage_reference"))["Location"].startswith(VERIFY)


def test_users_without_a_device_pay_no_query_for_it(client, programme, curator):
    client.force_login(curator)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("stages:stage_reference"))
    assert not [q for q in queries.captured_queries if "otp_totp" in q["sql"]]
