"""Retention: a finished programme goes to the archive and becomes read-only everywhere.

The guard is central: ``pre_save``, ``pre_delete`` and ``m2m_changed`` receivers refuse any write
to a row that belongs to an archived programme, whatever view, form, service or admin page tries
it. ``ProgrammeArchived`` is a ``PermissionDenied``, so Django answers 403 with its message
(templates/403.html) without a middleware. Bulk operations (``QuerySet.update``, ``bulk_create``)
send no signals and are not guarded.

Models of other apps are recognised by their declared ``school_path`` and reached by the path of
foreign keys to their programme: mentoring imports nothing from the apps that depend on it.

Personal-data duties (152-ФЗ: withdrawal of consent, anonymisation on request) outrank the archive;
those services write inside ``archive_guard_lifted()``.
"""

import contextlib
import contextvars
import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils import timezone

from . import access
from .errors import DomainError
from .models import Programme, User


def programme_path(model) -> str | None:
    """The foreign-key path from a row to its programme, or None for a model outside programmes.

    Read from the model's ``school_path`` (mentoring/scoping.py): a row that reaches its school
    through a ``programme`` foreign key belongs to that programme and shares its archive.
    """
    path = getattr(model, "school_path", "")
    if path == "programme__school" or path.endswith("__programme__school"):
        return path.removesuffix("__school")
    return None


# The fields of a programme that stay writable in the archive: the archive itself.
ARCHIVE_FIELDS = frozenset({"archived_at", "archived_by"})

_lifted = contextvars.ContextVar("archive_guard_lifted", default=False)


class ProgrammeArchived(PermissionDenied):
    def __init__(self, year_name: str = ""):
        self.year_name = year_name
        super().__init__(message(year_name))


def message(year_name: str) -> str:
    return f"Программа {year_name} в архиве: данные только для чтения."


@contextlib.contextmanager
def archive_guard_lifted():
    """Writes that the law requires even in an archived programme (personal-data duties)."""
    token = _lifted.set(True)
    try:
        yield
    finally:
        _lifted.reset(token)


def _archived_year(instance, path: str) -> str | None:
    """The year name when the instance belongs to an archived programme, else None.

    Base managers: the guard sees the row whatever the scope of the one who writes.
    """
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    value = getattr(instance, field.attname)
    if value is None:
        return None
    if not rest:
        row = Programme._base_manager.filter(pk=value, archived_at__isnull=False)
        found = row.values_list("year__name", flat=True).first()
    else:
        row = field.related_model._base_manager.filter(
            pk=value, **{f"{rest}__archived_at__isnull": False}
        )
        found = row.values_list(f"{rest}__year__name", flat=True).first()
    return found


def check_writable(instance) -> None:
    """Raises ProgrammeArchived when the instance belongs to an archived programme."""
    if _lifted.get():
        return
    path = programme_path(type(instance))
    if path is None:
        return
    year = _archived_year(instance, path)
    if year is not None:
        raise ProgrammeArchived(year)


def _guard_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or _lifted.get():
        return
    if sender is Programme:
        if instance.pk is None or (update_fields and set(update_fields) <= ARCHIVE_FIELDS):
            return
        year = (
            Programme._base_manager.filter(pk=instance.pk, archived_at__isnull=False)
            .values_list("year__name", flat=True)
            .first()
        )
        if year is not None:
            raise ProgrammeArchived(year)
        return
    check_writable(instance)


def _guard_delete(sender, instance, **kwargs):
    if sender is Programme:
        if instance.archived_at is not None and not _lifted.get():
            raise ProgrammeArchived(instance.year.name)
        return
    check_writable(instance)


def _guard_m2m(sender, instance, action, **kwargs):
    if action.startswith("pre_"):
        check_writable(instance)


def connect() -> None:
    """Called once from MentoringConfig.ready()."""
    pre_save.connect(_guard_save, dispatch_uid="mentoring_archive_guard_save")
    pre_delete.connect(_guard_delete, dispatch_uid="mentoring_archive_guard_delete")
    m2m_changed.connect(_guard_m2m, dispatch_uid="mentoring_archive_guard_m2m")


# The workflow: archive (director, after the year's end) and back (administrator).


class ArchiveError(DomainError):
    pass


def archive_refusal(programme: Programme, today: datetime.date | None = None) -> str | None:
    """Why the programme cannot go to the archive now, or None."""
    today = today or timezone.localdate()
    if programme.archived_at is not None:
        return "Программа уже в архиве."
    if today <= programme.year.end_date:
        return (
            f"Учебный год {programme.year.name} ещё не закончился: архивировать программу можно "
            f"после {programme.year.end_date:%d.%m.%Y}."
        )
    return None


@transaction.atomic
def archive_programme(
    programme: Programme, *, by: User | None, today: datetime.date | None = None
) -> Programme:
    refusal = archive_refusal(programme, today)
    if refusal:
        raise ArchiveError(refusal)
    programme.archived_at = timezone.now()
    programme.archived_by = by
    programme.save(update_fields=["archived_at", "archived_by"])
    return programme


@transaction.atomic
def unarchive_programme(programme: Programme, *, by: User) -> Programme:
    if not access.can(by, "programme.unarchive", programme.school_id):
        raise PermissionDenied("Вернуть программу из архива может только администратор.")
    if programme.archived_at is None:
        raise ArchiveError("Программа не в архиве.")
    programme.archived_at = None
    programme.archived_by = None
    programme.save(update_fields=["archived_at", "archived_by"])
    return programme
