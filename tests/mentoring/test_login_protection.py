"""Log-in lock-out over real HTTP: who is locked out, from where, and the ways back."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Role
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "secret-pass-123"  # tests/factories.py
NGINX = "127.0.0.1"
ATTACKER = "203.0.113.66"
DIRECTOR_HOME = "198.51.100.7"


@pytest.fixture
def behind_nginx(settings):
    settings.REVERSE_PROXY_COUNT = 1


@pytest.fixture
def director1(school):
    return member(Role.DIRECTOR, school, username="director1", email="director1@school.example")


def through_nginx(client, username, password, address, forwarded=""):
    """A log-in as nginx passes it on: the socket is nginx, the client's address is appended."""
    chain = f"{forwarded}, {address}" if forwarded else address
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=chain,
    )


def directly(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_attacker_does_not_lock_the_director_out(client, behind_nginx, director1):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert through_nginx(client, "director1", "guess", ATTACKER).status_code == 200
    locked = through_nginx(client, "director1", "guess", ATTACKER)
    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()

    # The attacker's address stays locked out of this account, even with the right password …
    assert through_nginx(client, "director1", PASSWORD, ATTACKER).status_code == 429
    # … while the director, from the school, logs in.
    response = through_nginx(client, "director1", PASSWORD, DIRECTOR_HOME)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_entries_a_client_writes_into_the_header_do_not_escape_the_limit(
    client, behind_nginx, director1
):
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = through_nginx(
            client, "director1", "guess", ATTACKER, forwarded=f"192.0.2.{number}"
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert through_nginx(client, "director1", PASSWORD, ATTACKER, "192.0.2.99").status_code == 429


def test_without_a_proxy_the_header_is_ignored_and_the_socket_counts(client, director1):
    assert settings.REVERSE_PROXY_COUNT == 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            LOGIN,
            {"username": "director1", "password": "guess"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=DIRECTOR_HOME,
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert directly(client, "director1", PASSWORD, ATTACKER).status_code == 429
    assert directly(client, "director1", PASSWORD, DIRECTOR_HOME).status_code == 302


def test_one_address_guessing_across_accounts_is_stopped(client, settings, behind_nginx, director1):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    # Four wrong passwords for each of three accounts: none of them is locked on its own.
    assert settings.AXES_FAILURE_LIMIT > 4
    usernames = [f"teacher{number}" for number in (1, 2, 3) for _ in range(4)]
    for username in usernames[:-1]:
        assert through_nginx(client, username, "guess", ATTACKER).status_code == 200

    last = through_nginx(client, usernames[-1], "guess", ATTACKER)
    assert last.status_code == 429
    page = last.content.decode()
    assert "с вашего адреса в сети, к разным учётным записям" in page
    # The address is refused whatever the account and however right the password …
    assert through_nginx(client, "director1", PASSWORD, ATTACKER).status_code == 429
    # … and the refused attempts are not counted as the director's wrong passwords.
    assert not AccessAttempt.objects.filter(username="director1").exists()
    # Every other address works as usual.
    assert through_nginx(client, "director1", PASSWORD, DIRECTOR_HOME).status_code == 302


def test_the_address_limit_forgets_old_failures(client, settings, behind_nginx, director1):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for number in range(3):
        through_nginx(client, f"teacher{number}", "guess", ATTACKER)
    assert through_nginx(client, "director1", PASSWORD, ATTACKER).status_code == 429
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)
    assert through_nginx(client, "director1", PASSWORD, ATTACKER).status_code == 302


def test_the_lock_out_page_shows_the_ways_back(client, director1):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = directly(client, "director1", "guess", ATTACKER)
    page = response.content.decode()
    assert response.status_code == 429
    assert f'href="{reverse("password_reset")}"' in page
    assert "администратор" in page and "Попытки доступа" in page
    assert "на 15 мин." in page
    assert "С других адресов владелец учётной записи входит как обычно" in page


def test_the_login_page_links_to_the_password_reset(client):
    page = client.get(LOGIN).content.decode()
    assert f'href="{reverse("password_reset")}"' in page and "Забыли пароль?" in page


def reset_link(message) -> str:
    return re.search(r"https?://testserver(/accounts/password-reset/\S+/)", message.body).group(1)


def test_a_password_reset_by_mail_lifts_the_lock_out(client, director1):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        directly(client, "director1", "guess", DIRECTOR_HOME)
    assert directly(client, "director1", PASSWORD, DIRECTOR_HOME).status_code == 429

    form = client.get(reverse("password_reset"))
    assert form.status_code == 200 and "Восстановление пароля" in form.content.decode()
    sent = client.post(
        reverse("password_reset"), {"email": "director1@school.example"}, follow=True
    )
    assert "Проверьте почту" in sent.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["director1@school.example"]
    assert message.subject == "Восстановление пароля — Наставничество"
    assert "«director1»" in message.body

    set_password = client.get(reset_link(message), follow=True)
    assert "Новый пароль" in set_password.content.decode()
    url = set_password.redirect_chain[-1][0]
    new_password = "Nov-Parol-2026-kluch"
    done = client.post(url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert "блокировка входа снята" in client.get(done["Location"]).content.decode()

    assert not AccessAttempt.objects.filter(username="director1").exists()
    assert directly(client, "director1", new_password, DIRECTOR_HOME).status_code == 302


def test_a_used_reset_link_does_not_work_again(client, director1):
    client.post(reverse("password_reset"), {"email": "director1@school.example"})
    link = reset_link(mail.outbox[0])
    url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        url, {"new_password1": "Nov-Parol-2026-kluch", "new_password2": "Nov-Parol-2026-kluch"}
    )
    again = client.get(link, follow=True).content.decode()
    assert "Ссылка недействительна" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, director1):
    response = client.post(reverse("password_reset"), {"email": "nobody@school.example"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_administrator_lifts_the_lock_out_in_the_admin(client, director1):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        directly(client, "director1", "guess", DIRECTOR_HOME)
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Попытки доступа" in index
    changelist = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and "director1" in changelist.content.decode()
    attempt = AccessAttempt.objects.get(username="director1")
    deleted = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 302
    client.logout()
    assert directly(client, "director1", PASSWORD, DIRECTOR_HOME).status_code == 302
