"""Matching explained to someone who may not see sensitive request categories (the working group):
the score still uses the whole request, the reasons name neither the hidden category nor the
competency that matched it."""

import pytest
from django.urls import reverse

from registry.matching import assignment, scoring

from .test_matching import student_mentee, student_mentor

pytestmark = pytest.mark.django_db

HIDDEN_COMPETENCY = "Работа с детьми с ограниченными возможностями здоровья"


@pytest.fixture
def mentors(school, request_categories):
    return [
        student_mentor(school, competencies=[HIDDEN_COMPETENCY], name="Орлов"),
        student_mentor(school, competencies=["футбол"], name="Антонов"),
    ]


@pytest.fixture
def with_ovz(programme, request_categories):
    return student_mentee(programme, request_text="Хочу найти друзей", categories=["ovz"])


def _reasons(suggestion) -> list[tuple[str, int, bool]]:
    return [(r.text, r.weight, r.hard) for r in suggestion.reasons_for + suggestion.reasons_against]


def test_hidden_reasons_match_a_request_without_the_category(programme, mentors, with_ovz):
    """For a reader without sensitive rights the explanation is what it would be without the
    category; the score and the order are the same for every reader."""
    without = student_mentee(programme, request_text="Хочу найти друзей", name="Петрова")
    full = scoring.rank(with_ovz, sensitive=True)
    hidden = scoring.rank(with_ovz)
    plain = {s.mentor.pk: s for s in scoring.rank(without)}
    assert [(s.mentor.pk, s.score) for s in hidden] == [(s.mentor.pk, s.score) for s in full]
    assert full[0].mentor == mentors[0] and full[0].score > plain[mentors[0].pk].score
    assert f"компетенция «{HIDDEN_COMPETENCY}» совпадает с запросом" in _texts(full[0])
    for suggestion in hidden:
        assert _reasons(suggestion) == _reasons(plain[suggestion.mentor.pk])
        assert HIDDEN_COMPETENCY not in _texts(suggestion)


def _texts(suggestion) -> str:
    return " | ".join(text for text, _, _ in _reasons(suggestion))


def test_the_working_group_reads_no_hidden_competency(
    client, working_group, curator, programme, mentors, with_ovz
):
    suggestions = reverse("registry:mentee_suggestions", args=[with_ovz.pk])
    proposal = reverse("registry:matching_proposal", args=[programme.pk])
    client.force_login(curator)
    assert HIDDEN_COMPETENCY in client.get(suggestions).content.decode()
    assert HIDDEN_COMPETENCY in client.get(proposal).content.decode()
    client.force_login(working_group)
    for url in (suggestions, proposal):
        html = client.get(url).content.decode()
        assert "Орлов" in html, url
        for leak in (HIDDEN_COMPETENCY, "ограниченными возможностями", "ОВЗ"):
            assert leak not in html, (url, leak)


def test_the_proposal_is_the_same_for_every_reader(programme, mentors, with_ovz):
    full, _ = assignment.propose(programme, sensitive=True)
    hidden, _ = assignment.propose(programme)
    assert [(p.mentee, p.mentor, p.score) for p in hidden] == [
        (p.mentee, p.mentor, p.score) for p in full
    ]
    assert HIDDEN_COMPETENCY not in " ".join(r.text for p in hidden for r in p.reasons)
