"""The one place that decides which schools' data a user may see and change.

Every queryset of school-owned data goes through ``for_user`` (a method of the querysets below,
or of querysets in other apps built on ``SchoolScopedQuerySet``). Views fetch objects through
these querysets, so an object outside the user's scope is simply not found: the page answers 404.

Roles at a school: curator, director, working group (the school staff) and mentor. A municipal
officer reads every school of their municipality. Superusers (administrators) see everything.
"""

from collections.abc import Iterable

from django.db import models

CURATOR = "curator"
DIRECTOR = "director"
WORKING_GROUP = "working_group"
MENTOR = "mentor"
MUNICIPAL_OFFICER = "municipal_officer"

SCHOOL_STAFF = frozenset({CURATOR, DIRECTOR, WORKING_GROUP})
READERS = SCHOOL_STAFF | {MUNICIPAL_OFFICER}
EDITORS = SCHOOL_STAFF
SENSITIVE_READERS = frozenset({CURATOR, DIRECTOR})
# Who starts the new academic year from the old programme («Новый учебный год»).
YEAR_TURNERS = frozenset({CURATOR, DIRECTOR})


def _grants(user) -> list[tuple[str, int | None, int | None]]:
    """(role, school_id, municipality_id) of each membership, loaded once per user object."""
    cached = getattr(user, "_access_grants", None)
    if cached is None:
        cached = list(user.memberships.values_list("role", "school_id", "municipality_id"))
        user._access_grants = cached
    return cached


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {role for role, _, _ in _grants(user)}


def school_ids(user, roles: Iterable[str] = READERS) -> set[int]:
    """Ids of the schools whose data the user may read in any of the given roles."""
    if not user.is_authenticated:
        return set()
    roles = frozenset(roles)
    cache = user.__dict__.setdefault("_access_school_ids", {})
    if roles in cache:
        return cache[roles]
    ids = {school for role, school, _ in _grants(user) if role in roles and school}
    municipalities = {mun for role, _, mun in _grants(user) if role in roles and mun}
    if municipalities:
        from .models import School

        ids |= set(
            School.objects.filter(municipality_id__in=municipalities).values_list("id", flat=True)
        )
    cache[roles] = ids
    return ids


def municipality_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {mun for role, _, mun in _grants(user) if role == MUNICIPAL_OFFICER and mun}


def has_school_role(user, school_id: int, roles: Iterable[str]) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return school_id in school_ids(user, roles)


def can_edit_school(user, school_id: int) -> bool:
    return has_school_role(user, school_id, EDITORS)


def can_see_sensitive(user, school_id: int) -> bool:
    """ОВЗ, difficult life situation, behaviour: only the school's curator and director."""
    return has_school_role(user, school_id, SENSITIVE_READERS)


def can_see_names(user, school_id: int) -> bool:
    """Names of the school's participants (children above all) in its pages and documents.

    The school's staff. A municipal officer reads figures and depersonalised rows (152-ФЗ: the
    minimum necessary); the quarterly personified accounting is the one named exception.
    """
    return has_school_role(user, school_id, SCHOOL_STAFF)


def reads_whole_pair(user, school_id: int, mentor_user_id: int | None) -> bool:
    """Every mentee's plan and diary and the mentor's diary: the school's staff and the pair's
    own mentor (the same people as ``Pair.objects.for_user``).

    A mentee of the pair with an account reads the shared part (the pair and its meetings) and
    only their own plan and diary — in a group, nothing of the other children's.
    """
    if not user.is_authenticated:
        return False
    if has_school_role(user, school_id, SCHOOL_STAFF):
        return True
    return mentor_user_id is not None and mentor_user_id == user.id


class SchoolScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to one school, reached by ``school_path``."""

    school_path = "school"

    def for_user(self, user, roles: Iterable[str] = READERS):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(**{f"{self.school_path}__in": school_ids(user, roles)})


class SchoolQuerySet(SchoolScopedQuerySet):
    school_path = "pk"


class ProgrammeQuerySet(SchoolScopedQuerySet):
    school_path = "school"


class ProgrammeOwnedQuerySet(SchoolScopedQuerySet):
    school_path = "programme__school"


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=municipality_ids(user))
