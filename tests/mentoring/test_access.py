from django.contrib.auth.models import AnonymousUser

from mentoring import access
from mentoring.models import Municipality, Programme, Role, School

from ..factories import SchoolFactory, member


def test_curator_sees_only_own_school(school, other_school, curator):
    assert list(School.objects.for_user(curator)) == [school]


def test_officer_sees_every_school_of_the_municipality(municipality, school, other_school, officer):
    second = SchoolFactory(municipality=municipality)
    assert set(School.objects.for_user(officer)) == {school, second}
    assert list(Municipality.objects.for_user(officer)) == [municipality]


def test_mentor_is_not_a_reader_of_school_data(school, mentor_user):
    assert not School.objects.for_user(mentor_user).exists()
    assert not School.objects.for_user(mentor_user, "records.read").exists()
    assert access.roles_of(mentor_user) == {access.MENTOR}


def test_anonymous_sees_nothing(school):
    assert not School.objects.for_user(AnonymousUser()).exists()
    assert access.schools_where(AnonymousUser(), "school.read") == set()
    assert not access.can(AnonymousUser(), "school.read", school.pk)


def test_programmes_are_scoped_through_the_school(programme, other_programme, curator):
    assert list(Programme.objects.for_user(curator)) == [programme]


def test_user_in_two_schools_sees_both(school, other_school):
    user = member(Role.CURATOR, school)
    from mentoring.models import Membership

    Membership.objects.create(user=user, role=Role.DIRECTOR, school=other_school)
    assert set(School.objects.for_user(user)) == {school, other_school}
    assert access.can(user, "records.edit", other_school.pk)


def test_officer_cannot_edit(school, officer, curator):
    assert access.can(officer, "school.read", school.pk)
    assert not access.can(officer, "records.edit", school.pk)
    assert access.can(curator, "records.edit", school.pk)


def test_grants_are_loaded_once_per_user(school, curator, django_assert_num_queries):
    with django_assert_num_queries(1):
        access.schools_where(curator, "school.read")
        access.schools_where(curator, "school.read")
        access.can(curator, "records.read", 0)
        access.roles_of(curator)
