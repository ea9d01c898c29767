"""Participants' accounts: log-ins nobody can work out from a name."""

import re

import pytest

from registry.services.accounts import create_account

from .factories import ParticipantFactory, StudentFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def namesakes(school, count, factory=ParticipantFactory):
    return [
        factory(school=school, last_name="Шевчук", first_name="Илья", middle_name="Андреевич")
        for _ in range(count)
    ]


def test_a_log_in_cannot_be_derived_from_the_name(school):
    usernames = [create_account(person)[0].username for person in namesakes(school, 3)]
    # What a name gives away: the transliteration, and the numbered ones for namesakes.
    derivable = {"shevchukia"} | {f"shevchukia{n}" for n in range(1, 100)}
    assert not derivable & set(usernames)
    assert len(set(usernames)) == 3
    for username in usernames:
        assert re.fullmatch(r"shevchukia-[a-km-z2-9]{5}", username), username
    # Random suffixes, not a counter: they differ in more than the last character.
    suffixes = [username.split("-")[1] for username in usernames]
    assert len({suffix[:-1] for suffix in suffixes}) > 1


def test_a_child_logs_in_with_the_one_time_password(client, school):
    child = namesakes(school, 1, StudentFactory)[0]
    user, password = create_account(child)
    response = client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 302
    client.logout()
    wrong = client.post(LOGIN, {"username": "shevchukia", "password": password})
    assert wrong.status_code == 200
    assert "Неверное имя пользователя или пароль" in wrong.content.decode()
