"""School scoping that fails closed: school-owned rows are read only inside an explicit scope.

A school-owned model declares once how its rows reach their school, and takes a manager built
from ``access.SchoolScopedQuerySet``::

    class Pair(models.Model):
        school_path = "programme__school"
        objects = PairQuerySet.as_manager()

The default manager (and with it every related manager and ``prefetch_related``) adds a condition
on that path which is settled when the query runs, against the active django-scopes scope:

- inside ``scope(school=[ids])`` — rows of those schools only;
- inside ``scopes_disabled()`` — no condition (administrators, commands, backups, the demo);
- outside any scope — ``ScopeError``: a view or job that forgot to scope fails instead of
  reading another school's rows.

``ScopeMiddleware`` opens the scope of each request; ``for_user`` narrows it further by role. The
base manager (forward foreign keys, saving, cascades) is not scoped. Historical models in
migrations get a plain manager.
"""

import contextlib

from django.core.exceptions import EmptyResultSet, FullResultSet, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import In
from django.utils.functional import SimpleLazyObject
from django_scopes import ScopeError, get_scope, scope, scopes_disabled


def _scope_school_ids(label: str) -> list:
    """The ids of the active scope; FullResultSet when scoping is disabled (no condition)."""
    current = get_scope()
    if not current.get("_enabled", True):
        raise FullResultSet
    schools = current.get("school")
    if schools is None:
        raise ScopeError(
            f"{label}: school-owned rows are read only inside scope(school=[...]) "
            "or scopes_disabled()."
        )
    ids = list(schools)
    if not ids:
        raise EmptyResultSet
    return ids


class _InScope(models.Expression):
    """The row's school is in the active scope, decided when the query is compiled.

    The row's own foreign key (the first step of ``school_path``) is compared with the ids, or
    with a subquery along the rest of the path: the query gets no join, so
    ``select_for_update()`` still locks only the row's own table.
    """

    output_field = models.BooleanField()

    def __init__(self, model, column=None):
        super().__init__()
        self.model = model
        self.column = column

    def get_source_expressions(self):
        return [] if self.column is None else [self.column]

    def set_source_expressions(self, exprs):
        if exprs:
            (self.column,) = exprs

    def resolve_expression(self, query=None, *args, **kwargs):
        if self.column is not None:
            return super().resolve_expression(query, *args, **kwargs)
        first = self.model._meta.get_field(school_path(self.model).partition("__")[0])
        return _InScope(self.model, first.get_col(query.get_initial_alias()))

    def as_sql(self, compiler, connection):
        ids = _scope_school_ids(self.model._meta.label)
        first, _, rest = school_path(self.model).partition("__")
        if rest:
            related = self.model._meta.get_field(first).related_model
            rows = related._base_manager.filter(**{f"{rest}__in": ids}).values("pk")
            ids = rows.query.resolve_expression(compiler.query)
        sql, params = compiler.compile(In(self.column, ids))
        return f"({sql})", params


class SchoolOwnedManager(models.Manager):
    """The default manager of a school-owned model: filtered by the active scope."""

    def get_queryset(self):
        return super().get_queryset().filter(_InScope(self.model))


def school_path(model) -> str:
    path = getattr(model, "school_path", None)
    if not path:
        raise ImproperlyConfigured(f"{model._meta.label} declares no school_path.")
    return path


def school_owned_models() -> list[type[models.Model]]:
    """Every installed model that declares its path to the school (call when apps are ready)."""
    from django.apps import apps

    return [model for model in apps.get_models() if getattr(model, "school_path", None)]


def check_declarations() -> None:
    """Each path follows forward foreign keys to the school, and the model is scoped by it."""
    for model in school_owned_models():
        label = model._meta.label
        if not isinstance(model._default_manager, SchoolOwnedManager):
            raise ImproperlyConfigured(
                f"{label} declares school_path but its default manager is not scoped "
                "(use a SchoolScopedQuerySet.as_manager())."
            )
        current = model
        for name in model.school_path.split("__"):
            field = current._meta.get_field(name)
            if not (field.many_to_one or field.one_to_one) or field.auto_created:
                raise ImproperlyConfigured(f"{label}.school_path: {name} is not a foreign key.")
            current = field.related_model
        if current._meta.label != "mentoring.School":
            raise ImproperlyConfigured(f"{label}.school_path does not end at the school.")


def reachable_school_ids(user) -> list[int]:
    """Every school the user touches in any way: a membership of any role, the schools of the
    user's municipality or region, a participant record (mentors and mentees with an account).

    ``participants`` is the reverse name of registry's ``Participant.school``: a lookup by name,
    so mentoring still imports nothing from the apps above it.
    """
    from .models import School

    schools = School.objects.order_by().values_list("id", flat=True)
    return list(
        schools.filter(memberships__user=user).union(
            schools.filter(municipality__memberships__user=user),
            schools.filter(municipality__region__memberships__user=user),
            schools.filter(participants__user=user),
        )
    )


def request_scope(user):
    """The scope of a request: all for a superuser, the schools the user touches, none for an
    anonymous visitor (public views open the one school they serve: ``row_scope``)."""
    if user.is_superuser:
        return scopes_disabled()
    if not user.is_authenticated:
        return scope(school=[])
    # Read on the first school-owned query only; pages without school data skip the query.
    return scope(school=SimpleLazyObject(lambda: reachable_school_ids(user)))


@contextlib.contextmanager
def row_scope(model, **lookup):
    """The scope of the one school that owns the row found by ``lookup``, whoever asks: for the
    public views (a programme's open page, a personal survey link). No such row: an empty scope."""
    with scopes_disabled():
        school_id = (
            model.objects.filter(**lookup).values_list(school_path(model), flat=True).first()
        )
    with scope(school=[] if school_id is None else [school_id]):
        yield


class ScopeMiddleware:
    """Runs every request inside the scope of its user (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope(request.user):
            return self.get_response(request)
