"""Writes to the mentor and mentee bases that span models or change a status."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from mentoring.models import User

from ..models import Mentee, Mentor, Participant


def default_contour(participant: Participant) -> str:
    return Mentor.Contour.EXTERNAL if participant.is_external else Mentor.Contour.INTERNAL


def set_mentor_status(mentor: Mentor, status: str, *, by: User | None) -> Mentor:
    if status not in Mentor.Status.values:
        raise ValueError(f"Неизвестный статус наставника: {status}")
    if mentor.status != status:
        mentor.status = status
        mentor.status_changed_at = timezone.now()
        mentor.updated_by = by
        mentor.save(update_fields=["status", "status_changed_at", "updated_by", "updated_at"])
    return mentor


def set_mentee_status(mentee: Mentee, status: str, *, by: User | None) -> Mentee:
    if status not in Mentee.Status.values:
        raise ValueError(f"Неизвестный статус наставляемого: {status}")
    if mentee.status != status:
        mentee.status = status
        mentee.status_changed_at = timezone.now()
        mentee.updated_by = by
        mentee.save(update_fields=["status", "status_changed_at", "updated_by", "updated_at"])
    return mentee


def registry_refusal(mentor: Mentor) -> str | None:
    """Why a mentor cannot enter the registry yet, or None when they can."""
    if mentor.in_registry:
        return "уже в реестре наставников"
    if mentor.status == Mentor.Status.INACTIVE:
        return "не участвует в программе"
    # all() rather than a fresh ordered query, so a list that prefetched "interviews" is not
    # asked once per mentor.
    latest = max(mentor.interviews.all(), key=lambda i: (i.held_on, i.pk), default=None)
    if latest is None:
        return "не проходил собеседование с конкурсной комиссией"
    if latest.decision != latest.Decision.RECOMMEND:
        return f"решение комиссии: «{latest.get_decision_display()}»"
    return None


@transaction.atomic
def include_in_registry(
    mentors: Iterable[Mentor], *, by: User | None, note: str = ""
) -> tuple[list[Mentor], list[tuple[Mentor, str]]]:
    """Puts recommended mentors into the registry (реестр наставников).

    The order «Об утверждении реестра наставников» calls this on approval with its number as
    ``note``; before that the curator may record the decision with another basis.
    Returns (included, refused with the reason).
    """
    included, refused = [], []
    for mentor in mentors:
        reason = registry_refusal(mentor)
        if reason:
            refused.append((mentor, reason))
            continue
        mentor.registry_note = note
        mentor.save(update_fields=["registry_note"])
        set_mentor_status(mentor, Mentor.Status.SELECTED, by=by)
        included.append(mentor)
    return included, refused
