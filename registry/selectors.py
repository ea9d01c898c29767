import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from mentoring.models import Programme, School

from . import document_checks
from .document_checks import MENTEE, MENTOR, with_document_flags
from .models import Certificate, Consent, Mentee, Mentor, Participant, RequestCategory


def mentor_rows(school: School) -> QuerySet:
    return with_document_flags(
        Mentor.objects.filter(school=school)
        .select_related("participant")
        .prefetch_related("competencies"),
        "participant",
        school.pk,
    )


def mentee_rows(programme: Programme, *, sensitive: bool) -> QuerySet:
    categories = RequestCategory.objects.all()
    if not sensitive:
        categories = categories.filter(sensitive=False)
    return with_document_flags(
        Mentee.objects.filter(programme=programme)
        .select_related("participant")
        .prefetch_related(
            Prefetch("categories", queryset=categories, to_attr="visible_categories")
        ),
        "participant",
        programme.school_id,
    )


def participant_rows(school: School) -> QuerySet:
    return with_document_flags(
        Participant.objects.filter(school=school)
        .order_by("last_name", "first_name", "middle_name", "pk")
        .annotate(
            is_mentor=Exists(Mentor.objects.filter(participant=OuterRef("pk"))),
            mentee_years=Count("mentee_entries", distinct=True),
        ),
        "pk",
        school.pk,
    )


@dataclass
class RequestMapRow:
    category: RequestCategory
    total: int
    waiting: int
    paired: int


def request_map(programme: Programme, *, sensitive: bool) -> tuple[list[RequestMapRow], int]:
    """Request categories with counts of mentees; hidden sensitive ones as a single total."""
    in_programme = Q(mentees__programme=programme)
    rows = RequestCategory.objects.annotate(
        total=Count("mentees", filter=in_programme),
        waiting=Count("mentees", filter=in_programme & Q(mentees__status=Mentee.Status.WAITING)),
        paired=Count("mentees", filter=in_programme & Q(mentees__status=Mentee.Status.PAIRED)),
    ).order_by("audience", "position")
    visible, hidden = [], 0
    for row in rows:
        if row.sensitive and not sensitive:
            hidden += row.total
            continue
        visible.append(RequestMapRow(row, row.total, row.waiting, row.paired))
    return visible, hidden


@dataclass
class DocumentSummary:
    without_parental_consent: int
    mentors_missing_documents: int
    mentees_missing_documents: int


def document_summary(programme: Programme, today: datetime.date | None = None) -> DocumentSummary:
    """Counts for the school dashboard («5 участников без согласия родителей»)."""
    today = today or timezone.localdate()
    mentees = with_document_flags(
        Mentee.objects.filter(programme=programme).exclude(status=Mentee.Status.LEFT),
        "participant",
        programme.school_id,
    )
    mentors = with_document_flags(
        Mentor.objects.filter(school=programme.school).exclude(status=Mentor.Status.INACTIVE),
        "participant",
        programme.school_id,
    )
    prefix = "participant__"
    minors_without = set(
        mentees.filter(document_checks.without_parental_consent_q(today, prefix)).values_list(
            "participant_id", flat=True
        )
    ) | set(
        mentors.filter(document_checks.without_parental_consent_q(today, prefix)).values_list(
            "participant_id", flat=True
        )
    )
    return DocumentSummary(
        without_parental_consent=len(minors_without),
        mentors_missing_documents=mentors.filter(
            document_checks.missing_documents_q(MENTOR, today, prefix)
        ).count(),
        mentees_missing_documents=mentees.filter(
            document_checks.missing_documents_q(MENTEE, today, prefix)
        ).count(),
    )


def participant_documents(participant: Participant):
    consents = Consent.objects.filter(participant=participant).order_by("kind", "-signed_on")
    certificates = Certificate.objects.filter(participant=participant).order_by(
        "kind", "-issued_on"
    )
    return consents, certificates
