"""The audit trail: django-auditlog records every change of the models that their apps register
with ``track`` (in ``AppConfig.ready``) with the acting user; this module adds the views of
sensitive records by people outside the school's staff, and the per-object history.
"""

from collections.abc import Iterable

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed

from . import access

# Objects whose history the curator and director may read: URL key → model.
HISTORY_MODELS: dict = {}


def track(
    model,
    *,
    history: str = "",
    m2m_fields: Iterable[str] = (),
    exclude_fields: Iterable[str] = (),
) -> None:
    """Record every change of ``model``; ``history`` names its page of changes
    (``/history/<history>/<id>/``) for the school's curator and director."""
    auditlog.register(model, m2m_fields=set(m2m_fields), exclude_fields=list(exclude_fields))
    if history:
        HISTORY_MODELS[history] = model


def record_sensitive_view(user, instance, school_id: int) -> None:
    """A sensitive record opened by someone who is not on the school's staff (an administrator)."""
    if school_id in access.schools_where(user, "records.read"):
        return
    accessed.send(sender=instance.__class__, instance=instance)


def history_model(key: str):
    return HISTORY_MODELS.get(key)


def history_of(instance):
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")
