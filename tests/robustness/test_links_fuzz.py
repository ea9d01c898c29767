"""Personal survey links /a/<token>/: any key gets a page, never a 500 and never a second answer."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.models import Response

from ..surveys.test_answering import good_data, make_invitation, make_questionnaire

pytestmark = pytest.mark.django_db

NOT_FOUND = "Ссылка не найдена"
tokens = st.one_of(
    st.text(min_size=1, max_size=80),
    st.text(alphabet="abcXYZ019_-", min_size=1, max_size=200),
    st.sampled_from(["..", "../../etc/passwd", "a/b", "%00", "\x00", "' OR 1=1 --", "😀" * 50]),
    st.just("A" * 10_000),
)


def path_of(token: str) -> str:
    try:
        return reverse("surveys:answer_by_link", args=[token])
    except NoReverseMatch:  # "/" or nothing: ask for the raw path
        return f"/a/{quote(token, safe='')}/"


@settings(max_examples=60)
@given(token=tokens, method=st.sampled_from(["get", "post"]))
def test_unknown_tokens_get_the_russian_refusal(client, token, method):
    response = getattr(client, method)(path_of(token), {"q_1": "x"} if method == "post" else None)
    assert response.status_code == 404
    if "/" not in token:  # a key with "/" is another URL: the site's own 404 page
        assert NOT_FOUND in response.content.decode()


def test_a_nul_in_the_token_is_not_looked_up(client, django_assert_num_queries):
    """PostgreSQL refuses a NUL in a query (a 500 there); such a key is unknown at once."""
    with django_assert_num_queries(0):
        response = client.get(f"/a/{quote(chr(0))}/")
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_the_real_token_of_another_invitation_still_works(client, programme):
    invitation = make_invitation(programme, make_questionnaire())
    assert client.get(reverse("surveys:answer_by_link", args=[invitation.token])).status_code == 200


@settings(max_examples=25)
@given(method=st.sampled_from(["get", "post"]), junk=st.text(max_size=30))
def test_expired_link_is_gone(client, programme, method, junk):
    questionnaire = make_questionnaire()
    invitation = make_invitation(programme, questionnaire)
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    url = reverse("surveys:answer_by_link", args=[invitation.token])
    data = {**good_data(questionnaire), "junk": junk} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == 410
    assert "Срок действия ссылки истёк" in response.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


@settings(max_examples=25)
@given(method=st.sampled_from(["get", "post"]), junk=st.text(max_size=30))
def test_answered_link_is_gone_and_not_answered_twice(client, programme, method, junk):
    questionnaire = make_questionnaire()
    invitation = make_invitation(programme, questionnaire)
    url = reverse("surveys:answer_by_link", args=[invitation.token])
    assert client.post(url, good_data(questionnaire)).status_code == 200
    assert Response.objects.filter(invitation=invitation).count() == 1
    data = {**good_data(questionnaire), "junk": junk} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == 410
    assert "уже получен" in response.content.decode()
    assert Response.objects.filter(invitation=invitation).count() == 1
