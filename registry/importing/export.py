"""A base as a file in the import's own shape: every column the import reads, one row per person,
and the participant's code in a hidden column, so that the file can be edited and loaded back."""

from django.db.models import Prefetch

from mentoring.models import Programme

from ..models import Consent, Mentee, Mentor, RequestCategory
from .columns import EXPORT_EXTRA_COLUMNS, MENTEES, TEMPLATE_COLUMNS
from .sheets import write_base_sheet

SELF_SIGNED = "лично"


def export_keys(kind: str) -> tuple[str, ...]:
    return TEMPLATE_COLUMNS[kind] + EXPORT_EXTRA_COLUMNS[kind] + ("participant_id",)


def _consents(participant) -> dict:
    """The latest consent in force of each kind, and who signed."""
    latest = {}
    for consent in sorted(participant.consents.all(), key=lambda c: c.signed_on):
        if consent.withdrawn_on is None:
            latest[consent.kind] = consent
    values = {
        "consent_personal_data": latest.get(Consent.Kind.PERSONAL_DATA),
        "consent_participation": latest.get(Consent.Kind.PARTICIPATION),
    }
    signer = next((c for c in values.values() if c is not None), None)
    if signer is None:
        signed_by = ""
    elif signer.given_by == Consent.GivenBy.SELF:
        signed_by = SELF_SIGNED
    else:
        signed_by = signer.representative_name
    return {
        **{key: consent.signed_on if consent else None for key, consent in values.items()},
        "consent_signed_by": signed_by,
    }


def _person(participant) -> dict:
    return {
        "full_name": participant.full_name,
        "birth_date": participant.birth_date,
        "kind": participant.get_kind_display(),
        "class_name": participant.class_name,
        "position": participant.position,
        "subject": participant.subject,
        "experience_years": participant.experience_years,
        "organisation": participant.organisation,
        "phone": participant.phone,
        "email": participant.email,
        "participant_id": participant.pk,
        **_consents(participant),
    }


def _mentee_values(programme: Programme, sensitive: bool):
    categories = RequestCategory.objects.order_by("audience", "position")
    if not sensitive:
        categories = categories.filter(sensitive=False)
    mentees = (
        Mentee.objects.filter(programme=programme)
        .select_related("participant")
        .prefetch_related(
            Prefetch("categories", queryset=categories, to_attr="shown_categories"),
            "participant__consents",
        )
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    for mentee in mentees:
        yield {
            **_person(mentee.participant),
            "categories": "; ".join(category.name for category in mentee.shown_categories),
            "request_text": mentee.request_text,
            "priority": mentee.get_priority_display().lower(),
            "source": mentee.source,
        }


def _mentor_values(programme: Programme):
    mentors = (
        Mentor.objects.filter(school_id=programme.school_id)
        .select_related("participant")
        .prefetch_related("competencies", "participant__consents")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    for mentor in mentors:
        yield {
            **_person(mentor.participant),
            "contour": mentor.get_contour_display(),
            "competencies": ", ".join(tag.name for tag in mentor.competencies.all()),
            "offer": mentor.offer,
            "capacity": mentor.capacity,
        }


def export_workbook(programme: Programme, kind: str, *, sensitive: bool) -> bytes:
    """``sensitive``: sensitive request categories are written (curator, director). Those who
    cannot see them get a file without them, and loading it back keeps them."""
    keys = export_keys(kind)
    values = _mentee_values(programme, sensitive) if kind == MENTEES else _mentor_values(programme)
    rows = [[row.get(key) for key in keys] for row in values]
    return write_base_sheet(kind, keys, rows, sensitive=sensitive, hidden=("participant_id",))
