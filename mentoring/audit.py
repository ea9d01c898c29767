"""The audit trail: django-auditlog records every change of the models listed in settings
(AUDITLOG_INCLUDE_TRACKING_MODELS) with the acting user; this module adds the views of sensitive
records by people outside the school's staff, and the per-object history.
"""

from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.apps import apps

from . import access

# Objects whose history the curator and director may read: URL key → model label.
HISTORY_MODELS = {
    "participant": "registry.Participant",
    "consent": "registry.Consent",
    "certificate": "registry.Certificate",
    "mentor": "registry.Mentor",
    "mentee": "registry.Mentee",
    "pair": "registry.Pair",
    "order": "reports.Order",
}


def record_sensitive_view(user, instance, school_id: int) -> None:
    """A sensitive record opened by someone who is not on the school's staff (an administrator)."""
    if school_id in access.school_ids(user, access.SCHOOL_STAFF):
        return
    accessed.send(sender=instance.__class__, instance=instance)


def history_model(key: str):
    label = HISTORY_MODELS.get(key)
    return apps.get_model(label) if label else None


def history_of(instance):
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")
