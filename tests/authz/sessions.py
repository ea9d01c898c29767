"""Signing the world's users in without a log-in per request.

A real log-in (``force_login``) of every user runs once per module; what it puts into the
session is kept and the log-in itself is rolled back, so the world stays as it was built. Each
sign-in then starts a client afresh with a new session holding that content: what the views see
is the session of a user who has just logged in, at the cost of one saved row.
"""

from http.cookies import SimpleCookie
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.test import Client

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def logged_in_sessions(users) -> dict[str, dict]:
    """The session content a log-in gives each user, by role; roles without a user are left
    out."""
    sessions = {}
    with transaction.atomic():
        for role, user in users.items():
            if user is None:
                continue
            client = Client()
            client.force_login(user, backend=MODEL_BACKEND)
            sessions[role] = dict(client.session.items())
        transaction.set_rollback(True)
    return sessions


def sign_in(client, session: dict | None) -> None:
    """Drops the client's cookies, then gives it a new session with ``session`` in it (none
    for an anonymous visitor)."""
    client.cookies = SimpleCookie()
    if session is None:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(session)
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
