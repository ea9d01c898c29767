import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from mentoring.models import Programme, School

from . import document_checks
from .document_checks import MENTEE, MENTOR, with_document_flags
from .models import Certificate, Consent, Mentee, Mentor, Pair, Participant, RequestCategory


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


CATEGORY_COLUMNS = ("id", "code", "name", "audience", "sensitive", "position")


def request_map(programme: Programme, *, sensitive: bool) -> tuple[list[RequestMapRow], int]:
    """Request categories with counts of mentees; hidden sensitive ones as a single total.

    One query: every category with zero counts, and after it (UNION ALL) the counts of the
    programme's mentees by category. Counting from the category list (a LEFT JOIN to the mentees
    with the programme only inside the aggregate) would read every school's mentees.
    """
    zero = Value(0, output_field=IntegerField())
    categories = RequestCategory.objects.values_list(*CATEGORY_COLUMNS, zero, zero, zero).order_by()
    counted = (
        Mentee.categories.through.objects.filter(mentee__programme=programme)
        .values_list(*(f"requestcategory__{column}" for column in CATEGORY_COLUMNS))
        .annotate(
            total=Count("pk"),
            waiting=Count("pk", filter=Q(mentee__status=Mentee.Status.WAITING)),
            paired=Count("pk", filter=Q(mentee__status=Mentee.Status.PAIRED)),
        )
        .order_by()
    )
    rows: dict[int, RequestMapRow] = {}
    for values in categories.union(counted, all=True):
        pk, counts = values[0], values[len(CATEGORY_COLUMNS) :]
        if pk not in rows:
            category = RequestCategory.from_db(
                None, CATEGORY_COLUMNS, values[: len(CATEGORY_COLUMNS)]
            )
            rows[pk] = RequestMapRow(category, 0, 0, 0)
        row = rows[pk]
        row.total += counts[0]
        row.waiting += counts[1]
        row.paired += counts[2]
    visible, hidden = [], 0
    for row in sorted(rows.values(), key=lambda r: (r.category.audience, r.category.position)):
        if row.category.sensitive and not sensitive:
            hidden += row.total
            continue
        visible.append(row)
    return visible, hidden


@dataclass
class DocumentSummary:
    without_parental_consent: int
    mentors_missing_documents: int
    mentees_missing_documents: int


def document_summary(programme: Programme, today: datetime.date | None = None) -> DocumentSummary:
    """Counts for the school dashboard («5 участников без согласия родителей»)."""
    today = today or timezone.localdate()
    # The participant's school is the row's own; stated on the participant too, it lets
    # PostgreSQL read only the school's participants. Otherwise the OR of the document
    # conditions (a join filter) made it hash the whole participant table into the join.
    in_school = Q(participant__school_id=programme.school_id)
    mentees = with_document_flags(
        Mentee.objects.filter(in_school, programme=programme).exclude(status=Mentee.Status.LEFT),
        "participant",
        programme.school_id,
    )
    mentors = with_document_flags(
        Mentor.objects.filter(in_school, school=programme.school).exclude(
            status=Mentor.Status.INACTIVE
        ),
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


# Share of youth mentoring matches that end before their planned term, as found in the research:
# 30 % (Grossman & Rhodes, 2002: «The test of time», Big Brothers Big Sisters community matches)
# to 38 % (Kupersmidt, Stump, Stelter & Rhodes, 2017: «Predictors of premature match closure in
# youth mentoring relationships», AJCP 59); most early closures are initiated by the mentor.
EARLY_CLOSURE_BENCHMARK = (0.30, 0.38)


@dataclass(frozen=True)
class ClosureRate:
    closed: int
    early: int

    @property
    def rate(self) -> float | None:
        """Early closures among closed pairs; None when no pair is closed yet."""
        return self.early / self.closed if self.closed else None

    @property
    def above_benchmark(self) -> bool:
        return self.rate is not None and self.rate > EARLY_CLOSURE_BENCHMARK[1]


@dataclass(frozen=True)
class ClosureRates:
    total: ClosureRate
    by_form: list[tuple[str, ClosureRate]]  # (form name, its rate), in the forms' order


def closure_rates(pairs: QuerySet) -> ClosureRates:
    """Closed pairs (completed or terminated early), early closures and their share, for all the
    given pairs and by form of mentoring, in one query."""
    closed = Q(status__in=[Pair.Status.COMPLETED, Pair.Status.TERMINATED])
    rows = (
        pairs.order_by()
        .values("form__position", "form__name")
        .annotate(
            closed=Count("pk", filter=closed),
            early=Count("pk", filter=Q(status=Pair.Status.TERMINATED)),
        )
        .order_by("form__position", "form__name")
    )
    by_form = [(row["form__name"], ClosureRate(row["closed"], row["early"])) for row in rows]
    total = ClosureRate(
        sum(rate.closed for _, rate in by_form), sum(rate.early for _, rate in by_form)
    )
    return ClosureRates(total, by_form)
