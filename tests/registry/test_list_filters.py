import re

import pytest
from django.urls import reverse

from registry.filters import ListFilter, MenteeFilter, MentorFilter, ParticipantFilter
from registry.models import Mentee, Mentor, Participant

from .factories import MenteeFactory, ParticipantFactory, StudentFactory

LISTS = [
    (MentorFilter, Mentor, {}),
    (MenteeFilter, Mentee, {"sensitive": True}),
    (ParticipantFilter, Participant, {}),
]


def _selects(html: str) -> dict[str, str]:
    """Each select's name and the text of the option the browser shows first."""
    return {
        name: re.sub(r"<[^>]+>", "", first).strip()
        for name, first in re.findall(
            r'<select name="(\w+)"[^>]*>\s*<option[^>]*>(.*?)</option>', html, re.S
        )
    }


@pytest.mark.parametrize(("filter_class", "model", "extra"), LISTS, ids=lambda v: str(v))
def test_every_choice_of_every_list_filter_starts_at_all(db, filter_class, model, extra):
    assert issubclass(filter_class, ListFilter)
    form = filter_class({}, queryset=model.objects.none(), **extra).form
    choices = {
        name: list(field.choices)[0]
        for name, field in form.fields.items()
        if hasattr(field, "choices")
    }
    assert choices
    assert all(str(value) == "" and label == "Все" for value, label in choices.values()), choices


def test_mentee_search_by_name_finds_teachers_and_every_grade(client, programme, curator):
    teacher = ParticipantFactory(school=programme.school, last_name="Лебедева")
    MenteeFactory(programme=programme, participant=teacher)
    fifth = StudentFactory(school=programme.school, last_name="Лебедев", class_name="5А")
    MenteeFactory(programme=programme, participant=fifth)
    MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=programme.school, last_name="Орлов", class_name="1А"),
    )
    client.force_login(curator)
    url = reverse("registry:mentee_list", args=[programme.pk])

    page = client.get(url).content.decode()
    assert _selects(page)["grade"] == "Все"
    assert 'id="filter-summary"' not in page

    found = client.get(url, {"q": "Лебедев", "grade": ""}).content.decode()
    assert "Лебедева" in found and "Лебедев " in found and "Орлов" not in found
    assert "Показаны: поиск «Лебедев» — 2 из 3." in found

    narrowed = client.get(url, {"q": "Лебедев", "grade": "5"}).content.decode()
    assert "Лебедева" not in narrowed and "Орлов" not in narrowed
    assert "Показаны: поиск «Лебедев», параллель: 5 класс — 1 из 3." in narrowed
    assert 'value="Лебедев"' in narrowed
    assert re.search(r'<option value="5" selected>5 класс</option>', narrowed)
