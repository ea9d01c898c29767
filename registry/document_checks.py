"""Which consents and certificates a participant lacks, for one person and for whole lists.

Rules (docs/ARCHITECTURE.md, «Базы наставников и наставляемых»; сиды 000, 001):
- everyone in a base gives consent to personal data processing and to participation; for a minor
  both are given by a parent (legal representative);
- an adult mentor has a valid criminal-record certificate (справка об отсутствии судимости);
- a teacher who mentors gives written consent to mentoring;
- an external mentor (graduate, professional, employer's specialist) has a valid medical
  certificate.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Certificate, Consent, Participant
from .models.people import ADULT_AGE

MENTOR = "mentor"
MENTEE = "mentee"

EXTERNAL_KINDS = (
    Participant.Kind.GRADUATE,
    Participant.Kind.PROFESSIONAL,
    Participant.Kind.EMPLOYER_SPECIALIST,
)


def minor_cutoff(today: datetime.date) -> datetime.date:
    """People born after this day are minors today."""
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:
        return today.replace(year=today.year - ADULT_AGE, day=28)


def minor_q(today: datetime.date, prefix: str = "") -> Q:
    # Every comparison is guarded by IS NOT NULL: these Q objects are negated, and NOT of a
    # comparison with NULL is NULL in SQL, which would silently drop rows.
    return Q(
        **{f"{prefix}birth_date__isnull": False, f"{prefix}birth_date__gt": minor_cutoff(today)}
    ) | Q(**{f"{prefix}birth_date__isnull": True, f"{prefix}kind": Participant.Kind.STUDENT})


def _valid_on(field: str, today: datetime.date) -> Q:
    return Q(**{f"{field}__isnull": False, f"{field}__gte": today})


def _consent(kind: str, given_by: str | None, ref: str, school_id: int | None) -> Exists:
    consents = Consent.objects.filter(
        participant=OuterRef(ref), kind=kind, withdrawn_on__isnull=True
    )
    if given_by:
        consents = consents.filter(given_by=given_by)
    if school_id:
        consents = consents.filter(participant__school_id=school_id)
    return Exists(consents)


def _valid_until(kind: str, ref: str, school_id: int | None) -> Subquery:
    certificates = Certificate.objects.filter(participant=OuterRef(ref), kind=kind)
    if school_id:
        certificates = certificates.filter(participant__school_id=school_id)
    return Subquery(
        certificates.values("participant").annotate(latest=Max("valid_until")).values("latest")[:1]
    )


def with_document_flags(
    queryset: QuerySet, participant_ref: str = "pk", school_id: int | None = None
) -> QuerySet:
    """Annotates each row with what documents its participant has (a fixed number of subqueries).

    ``participant_ref`` is the path from the row to its participant id: "pk" for participants,
    "participant" for mentors and mentees. With ``school_id`` (all rows of one school) the
    subqueries read only that school's documents: PostgreSQL may hash a whole subquery, and then
    its size is the school's, not the municipality's.
    """
    rep = Consent.GivenBy.REPRESENTATIVE
    return queryset.annotate(
        doc_pd_any=_consent(Consent.Kind.PERSONAL_DATA, None, participant_ref, school_id),
        doc_pd_rep=_consent(Consent.Kind.PERSONAL_DATA, rep, participant_ref, school_id),
        doc_part_any=_consent(Consent.Kind.PARTICIPATION, None, participant_ref, school_id),
        doc_part_rep=_consent(Consent.Kind.PARTICIPATION, rep, participant_ref, school_id),
        doc_teacher=_consent(Consent.Kind.TEACHER_MENTORING, None, participant_ref, school_id),
        doc_criminal_until=_valid_until(
            Certificate.Kind.CRIMINAL_RECORD, participant_ref, school_id
        ),
        doc_medical_until=_valid_until(Certificate.Kind.MEDICAL, participant_ref, school_id),
    )


def missing_documents_q(role: str, today: datetime.date, prefix: str = "") -> Q:
    """Rows (annotated by with_document_flags) that lack a required document."""
    minor = minor_q(today, prefix)
    consents_ok = (minor & Q(doc_pd_rep=True, doc_part_rep=True)) | (
        ~minor & Q(doc_pd_any=True, doc_part_any=True)
    )
    ok = consents_ok
    if role == MENTOR:
        criminal_ok = minor | _valid_on("doc_criminal_until", today)
        teacher_ok = ~Q(**{f"{prefix}kind": Participant.Kind.TEACHER}) | Q(doc_teacher=True)
        medical_ok = ~Q(**{f"{prefix}kind__in": EXTERNAL_KINDS}) | _valid_on(
            "doc_medical_until", today
        )
        ok = ok & criminal_ok & teacher_ok & medical_ok
    return ~ok


def without_parental_consent_q(today: datetime.date, prefix: str = "") -> Q:
    return minor_q(today, prefix) & ~Q(doc_pd_rep=True, doc_part_rep=True)


@dataclass(frozen=True)
class Flags:
    pd_any: bool
    pd_rep: bool
    part_any: bool
    part_rep: bool
    teacher: bool
    criminal_until: datetime.date | None
    medical_until: datetime.date | None

    @classmethod
    def of(cls, row) -> "Flags":
        """From an annotated row, or by querying one participant's documents."""
        if hasattr(row, "doc_pd_any"):
            return cls(
                row.doc_pd_any,
                row.doc_pd_rep,
                row.doc_part_any,
                row.doc_part_rep,
                row.doc_teacher,
                row.doc_criminal_until,
                row.doc_medical_until,
            )
        participant = row if isinstance(row, Participant) else row.participant
        annotated = with_document_flags(Participant.objects.filter(pk=participant.pk)).get()
        return cls.of(annotated)


def problems(row, role: str, today: datetime.date | None = None) -> list[str]:
    """Russian descriptions of what is missing or expired, empty when all is in order."""
    today = today or timezone.localdate()
    participant = row if isinstance(row, Participant) else row.participant
    flags = Flags.of(row)
    found = []
    if participant.is_minor(today):
        if not flags.pd_rep:
            found.append("нет согласия родителя на обработку персональных данных")
        if not flags.part_rep:
            found.append("нет согласия родителя на участие в программе")
    else:
        if not flags.pd_any:
            found.append("нет согласия на обработку персональных данных")
        if not flags.part_any:
            found.append("нет согласия на участие в программе")
    if role != MENTOR:
        return found
    if not participant.is_minor(today):
        found.extend(
            _certificate_problem(
                "справки об отсутствии судимости",
                "справка об отсутствии судимости",
                flags.criminal_until,
                today,
            )
        )
    if participant.kind == Participant.Kind.TEACHER and not flags.teacher:
        found.append("нет письменного согласия педагога на наставничество")
    if participant.kind in EXTERNAL_KINDS:
        found.extend(
            _certificate_problem(
                "медицинской справки", "медицинская справка", flags.medical_until, today
            )
        )
    return found


def _certificate_problem(
    genitive: str, nominative: str, valid_until: datetime.date | None, today: datetime.date
) -> list[str]:
    if valid_until is None:
        return [f"нет {genitive}"]
    if valid_until < today:
        return [f"{nominative} просрочена (действовала до {valid_until:%d.%m.%Y})"]
    return []
