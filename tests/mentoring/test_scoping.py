"""School scoping fails closed: no scope, no school-owned rows (mentoring/scoping.py)."""

import contextvars

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.urls import include, path
from django_scopes import ScopeError, scope, scopes_disabled

from mentoring.archive import programme_path
from mentoring.models import Programme, Role
from mentoring.scoping import request_scope, row_scope, school_owned_models
from registry.models import Mentee, Participant
from surveys.models import Answer

from ..factories import SchoolFactory, UserFactory, member
from ..registry.factories import MenteeFactory, ParticipantFactory, StudentFactory

# Built when the module is imported, outside any scope: evaluated by the scope of each request.
FORGOTTEN = Participant.objects.order_by("last_name").values_list("last_name", flat=True)


def forgot_for_user(request):
    """A view that forgot ``for_user``: only the scope stands between it and other schools."""
    return JsonResponse({"names": list(FORGOTTEN.all())})


urlpatterns = [path("scoping/participants/", forgot_for_user), path("", include("config.urls"))]


def outside_any_scope(function, *args, **kwargs):
    """Runs as code no one scoped (a job, a shell): a fresh context, neither scoped nor
    disabled like the rest of the test."""
    return contextvars.Context().run(function, *args, **kwargs)


@pytest.fixture
def people(school, other_school):
    neighbour = SchoolFactory(municipality=school.municipality, short_name="МБОУ «СОШ № 5»")
    return {
        "own": ParticipantFactory(school=school, last_name="Алексеева"),
        "neighbour": ParticipantFactory(school=neighbour, last_name="Борисов"),
        "other": ParticipantFactory(school=other_school, last_name="Васильева"),
    }


def test_query_outside_any_scope_fails(people, curator):
    with pytest.raises(ScopeError):
        outside_any_scope(Participant.objects.count)
    with pytest.raises(ScopeError):
        outside_any_scope(Participant.objects.exists)
    with pytest.raises(ScopeError):
        outside_any_scope(lambda: list(Participant.objects.for_user(curator, "records.read")))
    with pytest.raises(ScopeError):
        outside_any_scope(lambda: list(people["own"].school.participants.all()))


def test_scope_keeps_the_rows_of_its_schools(people, school, programme, other_programme):
    MenteeFactory(programme=programme, participant=StudentFactory(school=school))
    MenteeFactory(
        programme=other_programme, participant=StudentFactory(school=other_programme.school)
    )
    with scope(school=[school.pk]):
        assert list(Participant.objects.filter(last_name__in=["Алексеева", "Васильева"])) == [
            people["own"]
        ]
        assert list(Mentee.objects.values_list("programme", flat=True)) == [programme.pk]
        assert list(Programme.objects.all()) == [programme]
        assert not other_programme.mentees.exists()
        with scopes_disabled():
            assert Mentee.objects.count() == 2
    with scope(school=[]):
        assert not Participant.objects.exists()


def test_scope_nests_inside_scopes_disabled(people, school):
    """The tests run inside scopes_disabled(); a request's scope narrows again."""
    assert Participant.objects.count() == 3
    with scope(school=[school.pk]):
        assert Participant.objects.count() == 1


def test_every_school_owned_model_is_scoped_by_its_path(db):
    for model in school_owned_models():
        with pytest.raises(ScopeError):
            outside_any_scope(model.objects.count)
        with scope(school=[0]):
            assert model.objects.count() == 0


# Linked to a school, yet not scoped: memberships make the scope; the standard questionnaires
# (no school) are shared by every school; a background job belongs to the user who started it
# (its page answers 404 to anyone else) and the worker reads it outside any request.
UNSCOPED = {"mentoring.Job", "mentoring.Membership", "surveys.Questionnaire"}


def test_every_model_linked_to_a_school_declares_its_path():
    from django.apps import apps

    owned = set(school_owned_models())
    targets = owned | {apps.get_model("mentoring", "School")}
    undeclared = {
        model._meta.label
        for model in apps.get_models()
        if model not in owned
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one)
        and not field.auto_created
        and field.related_model in targets
    }
    assert undeclared == UNSCOPED


def test_archive_guards_the_models_that_reach_their_school_through_a_programme():
    assert programme_path(Answer) == "response__distribution__programme"
    assert programme_path(Mentee) == "programme"
    assert programme_path(Participant) is None
    assert programme_path(Programme) is None


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "who, names",
    [
        ("curator", ["Алексеева"]),
        ("mentor", ["Алексеева"]),
        ("officer", ["Алексеева", "Борисов"]),
        ("mentee_account", ["Васильева"]),
        ("superuser", ["Алексеева", "Борисов", "Васильева"]),
        ("anonymous", []),
    ],
)
def test_request_sees_only_the_schools_of_its_user(
    client, people, school, municipality, who, names
):
    users = {
        "curator": lambda: member(Role.CURATOR, school),
        "mentor": lambda: member(Role.MENTOR, school),
        "officer": lambda: member(Role.MUNICIPAL_OFFICER, municipality=municipality),
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    if who == "mentee_account":
        user = UserFactory()
        people["other"].user = user
        people["other"].save()
        client.force_login(user)
    elif who in users:
        client.force_login(users[who]())
    assert client.get("/scoping/participants/").json() == {"names": names}


def test_anonymous_request_scope_is_empty(people):
    with request_scope(AnonymousUser()):
        assert not Participant.objects.exists()


def test_row_scope_opens_the_one_school_of_the_row(people, programme, other_programme):
    with row_scope(Programme, pk=programme.pk):
        assert list(Programme.objects.all()) == [programme]
        assert list(Participant.objects.all()) == [people["own"]]
    with row_scope(Programme, pk=0):
        assert not Programme.objects.exists()
