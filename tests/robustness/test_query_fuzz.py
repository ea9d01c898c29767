"""Random query strings on every page a curator opens with GET: the page, or a 400, never a 500.

Every named URL of the project (tests/authz/routes.py) with real objects of school A
(tests/authz/world.py). Pages and forms get ``PAGE_EXAMPLES`` random queries each and every known
parameter set to each of ``EVERYWHERE``; downloads and actions (a file, a redirect, 405) get a few
random queries, since a document takes a while to build.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ..authz import fixtures
from ..authz.routes import routes
from ..authz.sessions import sign_in
from ..authz.world import CURATOR

world = fixtures.world
world_media = fixtures.world_media

PAGE_EXAMPLES = 15
OTHER_EXAMPLES = 3
ROUTES = routes()

# The query parameters the views and filters read, and some that nobody reads.
PARAMETERS = [
    "page",
    "show",
    "stage",
    "status",
    "mentee",
    "mentor",
    "participant",
    "questionnaire",
    "name",
    "next",
    "period",
    "sort",
    "q",
    "kind",
    "contour",
    "competency",
    "category",
    "grade",
    "priority",
    "documents",
    "class_name",
    "fmt",
    "year",
    "o",
]

scalar = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1",
            "2",
            "9" * 30,
            "9" * 5000,
            "1e5",
            "1.5",
            "²",
            "١٢",
            "NaN",
            "None",
            "\x00",
            "2026-13",
            "2026-02-30",
            "0000-00",
            "-name",
            "../../etc/passwd",
            "//evil.example/",
            "https://evil.example/",
            "' OR 1=1 --",
            "😀" * 40,
        ]
    ),
)
# Every known parameter at once with each of these, on every page, besides the random queries.
EVERYWHERE = ["abc", "9" * 5000, "-1", "١٢", "\x00"]

# Each known parameter is present or not, so every example tries many of a page's own; then
# some unknown ones, and a known one repeated (a list where one value is expected).
queries = st.builds(
    lambda known, unknown, repeated: [*known.items(), *unknown, *repeated],
    st.fixed_dictionaries({}, optional=dict.fromkeys(PARAMETERS, scalar)),
    st.lists(st.tuples(st.text(min_size=1, max_size=8), scalar), max_size=2),
    st.lists(st.tuples(st.sampled_from(PARAMETERS), scalar), max_size=2),
)


@pytest.fixture(autouse=True)
def _test_settings(settings, world_media):
    """Replaces the conftest's: the world's files live in one media folder for the module."""
    settings.MEDIA_ROOT = world_media
    settings.PASSWORD_HASHERS = fixtures.FAST_HASHERS


def is_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("name", "kwargs"), ROUTES, ids=[f"{n}{list(k)}" for n, k in ROUTES])
def test_a_random_query_never_breaks_a_page(db, client, world, name, kwargs):
    sign_in(client, world.sessions[CURATOR])
    url = reverse(name, kwargs=world.kwargs_for(kwargs))
    plain = client.get(url)
    assert plain.status_code < 500, (url, plain.status_code)
    examples = PAGE_EXAMPLES if is_page(plain) else OTHER_EXAMPLES

    @settings(max_examples=examples, deadline=None)
    @given(query=queries)
    def with_query(query):
        full = f"{url}?{urlencode(query)}"
        response = client.get(full)
        assert response.status_code < 500, (full[:300], response.status_code)

    if is_page(plain):
        for value in EVERYWHERE:
            with_query = example(query=[(key, value) for key in PARAMETERS])(with_query)
    with_query()
