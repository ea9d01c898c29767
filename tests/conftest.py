import datetime

import pytest
from django.utils import timezone

from mentoring.models import AcademicYear, Role
from stages import reference

from .factories import MunicipalityFactory, ProgrammeFactory, SchoolFactory, member


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The production hasher is deliberately slow; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(db):
    """Stages and the default template; reloaded because transactional tests flush tables."""
    reference.load()


@pytest.fixture
def current_year(db):
    return AcademicYear.for_date(timezone.localdate())


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Заречный муниципальный округ")


@pytest.fixture
def school(municipality):
    return SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 1»")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Соседний муниципальный округ")


@pytest.fixture
def other_school(other_municipality):
    return SchoolFactory(municipality=other_municipality, short_name="МБОУ «Гимназия № 9»")


@pytest.fixture
def programme(reference_data, school, current_year):
    return ProgrammeFactory(school=school, year=current_year)


@pytest.fixture
def other_programme(reference_data, other_school, current_year):
    return ProgrammeFactory(school=other_school, year=current_year)


@pytest.fixture
def curator(school):
    return member(Role.CURATOR, school, username="curator", last_name="Тимофеева")


@pytest.fixture
def director(school):
    return member(Role.DIRECTOR, school, username="director")


@pytest.fixture
def mentor_user(school):
    return member(Role.MENTOR, school, username="mentor")


@pytest.fixture
def officer(municipality):
    return member(Role.MUNICIPAL_OFFICER, municipality=municipality, username="officer")


@pytest.fixture
def other_curator(other_school):
    return member(Role.CURATOR, other_school, username="other_curator")


@pytest.fixture
def other_officer(other_municipality):
    return member(Role.MUNICIPAL_OFFICER, municipality=other_municipality, username="other_officer")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def yesterday(today):
    return today - datetime.timedelta(days=1)


@pytest.fixture
def request_categories(db):
    from registry import reference as registry_reference

    registry_reference.load()


@pytest.fixture
def working_group(school):
    return member(Role.WORKING_GROUP, school, username="group")


@pytest.fixture
def mentor(school):
    from .registry.factories import MentorFactory, ParticipantFactory

    return MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Шевчук", first_name="Илья")
    )


@pytest.fixture
def mentee(programme, request_categories):
    from .registry.factories import MenteeFactory, StudentFactory

    return MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school, last_name="Смирнова", first_name="Ольга"
        ),
        categories=["low_results", "ovz"],
    )


@pytest.fixture
def forms(reference_data):
    """The forms of mentoring and their role models, by code."""
    from registry import reference as registry_reference
    from registry.models import MentoringForm

    registry_reference.load_forms()
    return {form.code: form for form in MentoringForm.objects.all()}
