"""The one place that decides which schools' data a user may see and change.

``PERMISSIONS`` names every action that depends on a role, with the roles that hold it; views and
services ask ``can(user, permission, school_id)`` and never list roles themselves. Every queryset
of school-owned data goes through ``for_user`` (a method of the querysets below, or of querysets
in other apps built on ``SchoolScopedQuerySet``), which keeps the schools where the user holds a
permission. Views fetch objects through these querysets, so an object outside the user's scope is
simply not found: the page answers 404.

Roles at a school: curator, director, working group (the school staff) and mentor. A municipal
officer reads every school of their municipality; a regional officer reads every municipality of
their region under the same content rules, one level up. Superusers (administrators) hold every
permission.
"""

from dataclasses import dataclass

from django.db import models

from .scoping import SchoolOwnedManager

CURATOR = "curator"
DIRECTOR = "director"
WORKING_GROUP = "working_group"
MENTOR = "mentor"
MUNICIPAL_OFFICER = "municipal_officer"
REGIONAL_OFFICER = "regional_officer"

_STAFF = frozenset({CURATOR, DIRECTOR, WORKING_GROUP})
_HEADS = frozenset({CURATOR, DIRECTOR})
_CENTRES = frozenset({MUNICIPAL_OFFICER, REGIONAL_OFFICER})


@dataclass(frozen=True)
class Permission:
    roles: frozenset[str]
    description: str


# Р-145: the director approves (orders, the roadmap, the Положение) and appoints the curator; the
# curator runs the programme day to day. Drafting an order is the curator's alone, so that the
# director never approves a draft of their own (separation of duties).
PERMISSIONS: dict[str, Permission] = {
    "school.read": Permission(
        _STAFF | _CENTRES,
        "Панель и обзор школы, дорожная карта, показатели, мониторинг, ежемесячные отчёты",
    ),
    "records.read": Permission(
        _STAFF,
        "Рабочие записи школы: базы, пары, отбор, обучение, анкеты, приказы и документы",
    ),
    "names.read": Permission(
        _STAFF, "Имена участников на страницах и в документах школы (иначе — обезличенные строки)"
    ),
    "sensitive.read": Permission(
        _HEADS,
        "Конфиденциальные категории, история изменений, выгрузка по запросу и обезличивание",
    ),
    "records.edit": Permission(
        _STAFF, "Изменять базы, пары, отбор, обучение, анкеты, партнёров и документы школы"
    ),
    "roadmap.edit": Permission(
        _STAFF, "Начать программу года, изменять мероприятия дорожной карты и их статусы"
    ),
    "programme.settings": Permission(
        _HEADS, "Численность для охвата и открытая страница программы"
    ),
    "programme.archive": Permission(
        frozenset({DIRECTOR}), "Отправить законченную программу в архив"
    ),
    "programme.unarchive": Permission(
        frozenset(), "Вернуть программу из архива (только администратор)"
    ),
    "year.turn": Permission(_HEADS, "Начать новый учебный год из программы прошлого года"),
    "order.draft": Permission(
        frozenset({CURATOR}),
        "Готовить приказ и передать его директору; только куратор — директор не утверждает "
        "свой проект",
    ),
    "order.approve": Permission(
        frozenset({DIRECTOR}), "Утвердить приказ или вернуть его на доработку"
    ),
    "names.correct": Permission(_HEADS, "Исправить склонение ФИО для приказов и писем"),
    "school.card": Permission(
        _HEADS, "Изменить карточку школы: наименования, их падежные формы, место составления"
    ),
    "monthly.submit": Permission(
        _HEADS, "Открыть, обновить и передать в МНЦ ежемесячный отчёт школы"
    ),
    "monthly.review": Permission(
        frozenset({MUNICIPAL_OFFICER}), "Принять, вернуть или открыть заново ежемесячный отчёт"
    ),
    "municipality.read": Permission(_CENTRES, "Обзор и сводные отчёты муниципалитета"),
    # The personified accounting names participants: for the municipality's own centre only.
    "municipality.accounting": Permission(
        frozenset({MUNICIPAL_OFFICER}), "Квартальный персонифицированный учёт муниципалитета"
    ),
    "region.read": Permission(
        frozenset({REGIONAL_OFFICER}),
        "Обзор региона, сводный отчёт региона и показатели мониторинга целевой модели",
    ),
    "two_factor.offered": Permission(
        frozenset({DIRECTOR}) | _CENTRES, "Включить вход с подтверждением кодом"
    ),
}


def roles_for(permission: str) -> frozenset[str]:
    return PERMISSIONS[permission].roles


def _grants(user) -> list[tuple[str, int | None, int | None, int | None]]:
    """(role, school_id, municipality_id, region_id) of each membership, loaded once per user
    object."""
    cached = getattr(user, "_access_grants", None)
    if cached is None:
        cached = list(
            user.memberships.values_list("role", "school_id", "municipality_id", "region_id")
        )
        user._access_grants = cached
    return cached


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {grant[0] for grant in _grants(user)}


def _municipalities_granted(user, roles: frozenset[str]) -> set[int]:
    """The municipalities where ``roles`` hold: their own, and every one of their regions."""
    cache = user.__dict__.setdefault("_access_municipality_ids", {})
    if roles in cache:
        return cache[roles]
    ids = {mun for role, _, mun, _ in _grants(user) if role in roles and mun}
    regions = {reg for role, _, _, reg in _grants(user) if role in roles and reg}
    if regions:
        from .models import Municipality

        ids |= set(Municipality.objects.filter(region_id__in=regions).values_list("id", flat=True))
    cache[roles] = ids
    return ids


def schools_where(user, permission: str) -> set[int]:
    """Ids of the schools where the user's memberships grant the permission.

    Memberships only: a superuser holds every permission (``can``, ``for_user``) without being
    on any school's staff.
    """
    roles = roles_for(permission)
    if not user.is_authenticated:
        return set()
    cache = user.__dict__.setdefault("_access_school_ids", {})
    if roles in cache:
        return cache[roles]
    ids = {school for role, school, _, _ in _grants(user) if role in roles and school}
    municipalities = _municipalities_granted(user, roles)
    if municipalities:
        from .models import School

        ids |= set(
            School.objects.filter(municipality_id__in=municipalities).values_list("id", flat=True)
        )
    cache[roles] = ids
    return ids


def municipality_ids(user, permission: str = "municipality.read") -> set[int]:
    if not user.is_authenticated:
        return set()
    return _municipalities_granted(user, roles_for(permission))


def region_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    roles = roles_for("region.read")
    return {reg for role, _, _, reg in _grants(user) if role in roles and reg}


def can(user, permission: str, school_id: int) -> bool:
    roles_for(permission)  # a misspelt name fails for every user, not only for the signed-in
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return school_id in schools_where(user, permission)


def can_anywhere(user, permission: str) -> bool:
    """The permission in any school or municipality (a choice of the user's own account)."""
    roles = roles_for(permission)
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(roles_of(user) & roles)


def reads_whole_pair(user, school_id: int, mentor_user_id: int | None) -> bool:
    """Every mentee's plan and diary and the mentor's diary: the school's staff and the pair's
    own mentor (the same people as ``Pair.objects.for_user``).

    A mentee of the pair with an account reads the shared part (the pair and its meetings) and
    only their own plan and diary — in a group, nothing of the other children's.
    """
    if not user.is_authenticated:
        return False
    if can(user, "records.read", school_id):
        return True
    return mentor_user_id is not None and mentor_user_id == user.id


def _within(queryset, path: str, user, permission: str):
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{path}__in": schools_where(user, permission)})


class SchoolScopedQuerySet(models.QuerySet):
    """Rows of a school-owned model: one that declares ``school_path``, the foreign-key path from
    a row to its school (``"programme__school"``). ``as_manager()`` scopes the model
    (mentoring/scoping.py); ``for_user`` keeps the schools where the user holds a permission."""

    def for_user(self, user, permission: str = "school.read"):
        return _within(self, self.model.school_path, user, permission)

    @classmethod
    def as_manager(cls):
        manager = SchoolOwnedManager.from_queryset(cls)()
        manager._built_with_queryset_class = cls
        return manager


class SchoolQuerySet(models.QuerySet):
    """Schools themselves are not scoped: a scope is made of them."""

    def for_user(self, user, permission: str = "school.read"):
        return _within(self, "pk", user, permission)


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user, permission: str = "municipality.read"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=municipality_ids(user, permission))


class RegionQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=region_ids(user))
