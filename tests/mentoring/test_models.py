import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from mentoring.models import AcademicYear, Membership, Role

from ..factories import UserFactory


@pytest.mark.parametrize(
    ("day", "name", "start"),
    [
        (datetime.date(2026, 11, 23), "2026/2027", datetime.date(2026, 9, 1)),
        (datetime.date(2027, 8, 31), "2026/2027", datetime.date(2026, 9, 1)),
        (datetime.date(2026, 8, 31), "2025/2026", datetime.date(2025, 9, 1)),
    ],
)
def test_academic_year_for_date(db, day, name, start):
    year = AcademicYear.for_date(day)
    assert (year.name, year.start_date) == (name, start)
    assert AcademicYear.for_date(day) == year
    assert AcademicYear.objects.current(day) == year


def test_user_names():
    user = UserFactory.build(last_name="Тимофеева", first_name="Мария", middle_name="Александровна")
    assert user.full_name == "Тимофеева Мария Александровна"
    assert user.short_name == "Тимофеева М.А."


def test_officer_membership_needs_municipality_not_school(db, school):
    user = UserFactory()
    bad = Membership(user=user, role=Role.MUNICIPAL_OFFICER, school=school)
    with pytest.raises(ValidationError):
        bad.clean()
    with pytest.raises(IntegrityError):
        bad.save()


def test_school_role_needs_school(db, municipality):
    bad = Membership(user=UserFactory(), role=Role.CURATOR, municipality=municipality)
    with pytest.raises(ValidationError):
        bad.clean()


def test_membership_is_unique_per_role_and_school(db, school):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.CURATOR, school=school)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Role.CURATOR, school=school)
