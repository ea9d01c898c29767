"""Every URL pattern, walked: anonymous users go to log-in, users of another school get 404.

A new URL whose kwargs or access rule are not listed here makes these tests fail, so every page
gets an explicit decision.
"""

import pytest
from django.urls import reverse

from .authz.routes import routes
from .url_objects import url_kwarg_values

PUBLIC = {"login", "logout", "surveys:answer_by_link", "reports:public_programme"}
ANY_SIGNED_IN_USER = {
    "home",
    "stages:stage_reference",
    "registry:my_pairs",
    "surveys:my_surveys",
    # Not school data: the second factor is the user's own; the set-up page answers 404 to
    # anyone but a director or an officer (tests/mentoring/test_two_factor.py), and the code
    # page sends a user without a device on to the home page.
    "two_factor_setup",
    "two_factor_verify",
}


ROUTES = routes()


@pytest.fixture
def kwargs_for(programme, municipality, mentor, mentee, curator):
    values = url_kwarg_values(programme, municipality, mentor, mentee, curator)

    def build(names):
        missing = [name for name in names if name not in values]
        assert not missing, f"tests/url_objects.py does not know URL kwargs {missing}"
        return {name: values[name] for name in names}

    return build


def _url(name, kwargs, kwargs_for):
    return reverse(name, kwargs=kwargs_for(kwargs))


def test_routes_were_found():
    names = {name for name, _ in ROUTES}
    assert {"stages:roadmap", "reports:school_dashboard", "home"} <= names


SCOPED = {name for name, _ in ROUTES} - PUBLIC - ANY_SIGNED_IN_USER
OUTSIDERS = ["other_curator", "other_officer", "mentor_user"]
OWNERS = {
    "reports:municipality_overview": "officer",
    "reports:consolidated_monthly": "officer",
    "reports:personified_accounting": "officer",
    "reports:quality_assessment": "officer",
    "registry:my_pairs": "mentor_user",
    "surveys:answer_invitation": "curator",
    "reports:order_approve": "director",
    "reports:monthly_accept": "officer",
    "reports:monthly_return": "officer",
    "reports:monthly_reopen": "officer",
    "reports:order_return": "director",
    "two_factor_setup": "director",
}


@pytest.mark.parametrize(("name", "kwargs"), [r for r in ROUTES if r[0] not in PUBLIC])
def test_every_door(client, kwargs_for, request, name, kwargs):
    """Anonymous → log-in; outsiders → 404 (GET and POST); the school's own user → an answer.

    One test per URL keeps the expensive fixture set-up to one per route.
    """
    url = _url(name, kwargs, kwargs_for)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, ("anonymous", name, method.__name__)
        assert response["Location"].startswith(reverse("login") + "?next="), name

    if name in SCOPED:
        for outsider in OUTSIDERS:
            client.force_login(request.getfixturevalue(outsider))
            assert client.get(url).status_code == 404, (outsider, name, "GET")
            assert client.post(url).status_code == 404, (outsider, name, "POST")
            client.logout()

    client.force_login(request.getfixturevalue(OWNERS.get(name, "curator")))
    assert client.get(url).status_code in (200, 302, 405), name
