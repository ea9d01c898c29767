import datetime
import os

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from mentoring.models import AcademicYear, Role
from stages import reference

from . import clock
from .factories import MunicipalityFactory, ProgrammeFactory, SchoolFactory, member

_run_clock = None


def pytest_configure(config):
    global _run_clock
    # xdist workers inherit the environment: every process of a run keeps the same day.
    os.environ.setdefault("MENTORING_TEST_TODAY", clock.run_day().isoformat())
    _run_clock = clock.travel(clock.run_day())
    _run_clock.start()


def pytest_unconfigure(config):
    if _run_clock is not None:
        _run_clock.stop()


def pytest_runtest_setup(item):
    if item.get_closest_marker("libreoffice"):
        from .documents import SOFFICE

        if SOFFICE is None:
            pytest.skip("LibreOffice не установлен")


@pytest.fixture(scope="session", autouse=True)
def _unscoped_test_code():
    """Factories, fixtures (module-scoped worlds too) and direct calls run unscoped; a request
    through the test client or the live server opens its own scope in ScopeMiddleware."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _pinned_clock(request):
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    with clock.travel(marker.args[0]):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The production hasher is deliberately slow; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test with real commits ends by emptying every table, the reference data that the
    migrations loaded included: load it again, committed, for the tests that follow."""
    yield
    # After the session's last test the test database is already gone.
    if nextitem is None or not _flushes_database(item):
        return
    from pytest_django.plugin import blocking_manager_key

    from registry import reference as registry_reference
    from surveys import reference as surveys_reference

    with item.config.stash[blocking_manager_key].unblock(), scopes_disabled():
        reference.load()
        registry_reference.load()
        registry_reference.load_forms()
        surveys_reference.load()


@pytest.fixture
def reference_data(db):
    """Stages and the default template: loaded by the migrations, and again after every test
    that empties the tables (``pytest_runtest_teardown`` above)."""


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
    """The categories of the request map: reference data, as ``reference_data``."""


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
    from registry.models import MentoringForm

    return {form.code: form for form in MentoringForm.objects.all()}
