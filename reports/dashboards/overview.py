"""The municipal centre's overview: every school's figures in a constant number of queries.

``overview_rows`` computes for all the schools of a municipality at once what
``indicators.school_indicators`` computes for one school (the same definitions, as of the same day
of the period: ``monthly.snapshot_day``), plus the current stage and the status of the monthly
report. Column labels are the indicators' own (``Indicator.label_for``).
``monthly_reminders`` tells a school's curator and director what the centre waits for.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentoring import access
from mentoring.models import AcademicYear, Municipality, Programme, School
from mentoring.percent import whole_percent
from mentoring.periods import PeriodError, month_bounds, month_name, parse_period
from registry.models import Meeting, Pair, Participant
from registry.selectors import EARLY_CLOSURE_BENCHMARK
from registry.work_stage import WorkStage, work_stage_by_programme
from stages import selectors as stage_selectors
from stages.models import Stage
from stages.selectors import Progress
from surveys.analytics import survival

from ..indicators import (
    BY_KEY,
    COUNTED_PAIRS,
    Indicator,
    _is_counted_student,
    ratio,
)
from ..models import MonthlyReport, MonthlyReportEvent
from ..monthly import services as monthly

DONE_REPORTS = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)
# Order of report statuses when sorting: nothing yet first, accepted last.
REPORT_RANK = {
    None: 0,
    MonthlyReport.Status.DRAFT: 1,
    MonthlyReport.Status.RETURNED: 2,
    MonthlyReport.Status.SUBMITTED: 3,
    MonthlyReport.Status.ACCEPTED: 4,
}


@dataclass
class Coverage:
    involved: int = 0
    total: int | None = None

    @property
    def share(self) -> float | None:
        return ratio(self.involved, self.total)


CLOSED_PAIRS = (Pair.Status.COMPLETED, Pair.Status.TERMINATED)
CLOSURE_NOTE = (
    "Досрочно прекращено — доля пар и групп, прекращённых досрочно, среди закрытых пар "
    "программы этого учебного года (завершивших работу и прекращённых). Ориентир исследований "
    "наставничества детей и молодёжи: досрочно прекращается {}–{} % пар."
).format(*(whole_percent(share) for share in EARLY_CLOSURE_BENCHMARK))


@dataclass
class Closures:
    closed: int = 0
    early: int = 0

    @property
    def share(self) -> float | None:
        return ratio(self.early, self.closed)

    @property
    def percent(self) -> int | None:
        return None if self.share is None else whole_percent(self.share)

    @property
    def above_benchmark(self) -> bool:
        return self.share is not None and self.share > EARLY_CLOSURE_BENCHMARK[1]


@dataclass
class OverviewRow:
    school: School
    programme: Programme | None
    progress: Progress = field(default_factory=Progress)
    current_stage: Stage | None = None
    lag: str = ""
    students: Coverage = field(default_factory=Coverage)
    teachers: Coverage = field(default_factory=Coverage)
    pairs_working: int = 0
    meetings_period: int = 0
    closures: Closures = field(default_factory=Closures)
    report_id: int | None = None
    report_status: str | None = None

    @property
    def overdue(self) -> int:
        return self.progress.overdue

    @property
    def report_status_label(self) -> str:
        if self.report_status is None:
            return "Нет отчёта"
        return MonthlyReport.Status(self.report_status).label

    @property
    def report_done(self) -> bool:
        return self.report_status in DONE_REPORTS

    @property
    def stage_number(self) -> int | None:
        if self.programme is None:
            return None
        return self.current_stage.number if self.current_stage else 8


@dataclass
class OverviewTotals:
    schools: int
    progress: Progress
    students: Coverage
    teachers: Coverage
    pairs_working: int
    meetings_period: int
    reports_done: int
    closures: Closures = field(default_factory=Closures)


def year_periods(year: AcademicYear | None, today: datetime.date) -> list[datetime.date]:
    """Months of the academic year whose cut-off (the 25th) has come, newest first."""
    return monthly.months_due(year, today) if year is not None else []


def choose_period(
    value: str | None, options: list[datetime.date], today: datetime.date
) -> datetime.date:
    """The requested month if it is one of the options, else the latest due one."""
    try:
        requested = parse_period(value)
    except PeriodError:
        requested = None
    if requested in options:
        return requested
    latest = monthly.latest_due_period(today)
    if latest in options or not options:
        return latest
    return options[0]


def _coverage(programme_ids: list[int], day: datetime.date) -> dict[int, tuple[int, int]]:
    """(students, teachers) among the participants of the counted pairs, per programme.

    One query for any number of programmes; the same definitions as ``school_indicators``.
    """
    mentors = Pair.objects.filter(
        programme_id__in=programme_ids, status__in=COUNTED_PAIRS
    ).values_list(
        "programme_id",
        "mentor__participant_id",
        "mentor__participant__kind",
        "mentor__participant__birth_date",
    )
    mentees = Pair.mentees.through.objects.filter(
        pair__programme_id__in=programme_ids, pair__status__in=COUNTED_PAIRS
    ).values_list(
        "pair__programme_id",
        "mentee__participant_id",
        "mentee__participant__kind",
        "mentee__participant__birth_date",
    )
    people: dict[int, dict[int, tuple[str, datetime.date | None]]] = defaultdict(dict)
    for programme_id, person_id, kind, born in mentors.order_by().union(
        mentees.order_by(), all=True
    ):
        people[programme_id][person_id] = (kind, born)
    result = {}
    for programme_id, persons in people.items():
        students = sum(1 for kind, born in persons.values() if _is_counted_student(kind, born, day))
        teachers = sum(1 for kind, _ in persons.values() if kind == Participant.Kind.TEACHER)
        result[programme_id] = (students, teachers)
    return result


def _count(queryset, path: str = "programme") -> Coalesce:
    """A correlated count per programme, so that one query serves every school."""
    counted = (
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def overview_rows(
    municipality: Municipality,
    year: AcademicYear | None,
    period: datetime.date,
    today: datetime.date | None = None,
) -> list[OverviewRow]:
    """Every school of the municipality with its figures for the period, ordered by name.

    The number of queries does not depend on the number of schools.
    """
    today = today or timezone.localdate()
    day = monthly.snapshot_day(period, today)
    start, end = month_bounds(period)
    schools = list(municipality.schools.order_by("short_name"))
    report = MonthlyReport.objects.filter(programme=OuterRef("pk"), period=period)
    programmes = (
        list(
            Programme.objects.filter(school__in=schools, year=year)
            .select_related("year")
            .annotate(
                pairs_working=_count(Pair.objects.filter(status=Pair.Status.ACTIVE)),
                meetings_period=_count(
                    Meeting.objects.filter(held_on__gte=start, held_on__lte=min(end, day)),
                    "pair__programme",
                ),
                closed_pairs=_count(Pair.objects.filter(status__in=CLOSED_PAIRS)),
                early_closed_pairs=_count(Pair.objects.filter(status=Pair.Status.TERMINATED)),
                report_id=Subquery(report.values("pk")[:1]),
                report_status=Subquery(report.values("status")[:1]),
            )
        )
        if year
        else []
    )
    by_school = {p.school_id: p for p in programmes}
    ids = [p.pk for p in programmes]
    progress = stage_selectors.progress_by_programme(ids, day)
    work_stages = work_stage_by_programme(ids, day)
    coverage = _coverage(ids, day) if ids else {}

    rows = []
    for school in schools:
        programme = by_school.get(school.pk)
        if programme is None:
            rows.append(OverviewRow(school=school, programme=None))
            continue
        students, teachers = coverage.get(programme.pk, (0, 0))
        work = work_stages.get(programme.pk, WorkStage(None))
        rows.append(
            OverviewRow(
                school=school,
                programme=programme,
                progress=progress.get(programme.pk, Progress()),
                current_stage=work.stage,
                lag=work.lag_label,
                students=Coverage(students, programme.students_total),
                teachers=Coverage(teachers, programme.teachers_total),
                pairs_working=programme.pairs_working,
                meetings_period=programme.meetings_period,
                closures=Closures(programme.closed_pairs, programme.early_closed_pairs),
                report_id=programme.report_id,
                report_status=programme.report_status,
            )
        )
    return rows


def duration_curves(
    municipality: Municipality, year: AcademicYear | None, day: datetime.date
) -> tuple[list[survival.Curve], str]:
    """Kaplan–Meier curves by form over all the pairs of the municipality's programmes of the
    year, and their SVG chart; queries do not depend on the number of schools."""
    if year is None:
        return [], ""
    pairs = Pair.objects.filter(programme__school__municipality=municipality, programme__year=year)
    curves = survival.duration_curves(pairs, day)
    title = "Доля пар, продолжающих работу (Каплан — Мейер), все школы"
    return curves, survival.survival_chart(curves, title=title) if curves else ""


def overview_totals(rows: list[OverviewRow]) -> OverviewTotals:
    """Sums over the schools; coverage over the schools that entered their totals."""
    with_students = [r for r in rows if r.students.total]
    with_teachers = [r for r in rows if r.teachers.total]
    return OverviewTotals(
        schools=len(rows),
        progress=Progress(
            total=sum(r.progress.total for r in rows),
            done=sum(r.progress.done for r in rows),
            overdue=sum(r.progress.overdue for r in rows),
        ),
        students=Coverage(
            sum(r.students.involved for r in with_students),
            sum(r.students.total for r in with_students) or None,
        ),
        teachers=Coverage(
            sum(r.teachers.involved for r in with_teachers),
            sum(r.teachers.total for r in with_teachers) or None,
        ),
        pairs_working=sum(r.pairs_working for r in rows),
        meetings_period=sum(r.meetings_period for r in rows),
        reports_done=sum(1 for r in rows if r.report_done),
        closures=Closures(
            sum(r.closures.closed for r in rows), sum(r.closures.early for r in rows)
        ),
    )


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str | Indicator  # an indicator's column reads the indicator's label
    value: object  # OverviewRow -> comparable or None
    numeric: bool = True

    def label_for(self, period: datetime.date) -> str:
        if isinstance(self.label, Indicator):
            return self.label.label_for(period)
        return self.label


COLUMNS = [
    SortColumn("name", "Образовательная организация", lambda r: r.school.short_name.lower(), False),
    SortColumn("stage", "Текущий этап", lambda r: r.stage_number, False),
    SortColumn(
        "progress",
        BY_KEY["roadmap_progress"],
        lambda r: r.progress.percent if r.programme else None,
    ),
    SortColumn("overdue", "Просрочено", lambda r: r.progress.overdue if r.programme else None),
    SortColumn("students", BY_KEY["students_coverage"], lambda r: r.students.share),
    SortColumn("teachers", BY_KEY["teachers_coverage"], lambda r: r.teachers.share),
    SortColumn("pairs", BY_KEY["pairs_active"], lambda r: r.pairs_working if r.programme else None),
    SortColumn(
        "meetings", BY_KEY["meetings_period"], lambda r: r.meetings_period if r.programme else None
    ),
    SortColumn("closures", "Досрочно прекращено", lambda r: r.closures.share),
    SortColumn("report", "Отчёт за месяц", lambda r: REPORT_RANK[r.report_status], False),
]
SORT_COLUMNS = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "name"


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(key, descending) from ``?sort=key`` or ``?sort=-key``; unknown keys sort by name."""
    value = value or ""
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in SORT_COLUMNS:
        return DEFAULT_SORT, False
    return key, descending


def sort_rows(rows: list[OverviewRow], key: str, descending: bool) -> list[OverviewRow]:
    """Sorted by the column; rows without a value (no programme, no totals) always last."""
    column = SORT_COLUMNS[key]
    by_name = sorted(rows, key=lambda r: r.school.short_name.lower())
    known = [r for r in by_name if column.value(r) is not None]
    unknown = [r for r in by_name if column.value(r) is None]
    return sorted(known, key=column.value, reverse=descending) + unknown


def sort_headers(key: str, descending: bool, period: datetime.date) -> list[dict]:
    """Each column with the link that sorts by it and the current direction, if any."""
    headers = []
    for column in COLUMNS:
        active = column.key == key
        headers.append(
            {
                "key": column.key,
                "label": column.label_for(period),
                "numeric": column.numeric,
                "active": active,
                "descending": active and descending,
                "sort": f"-{column.key}" if active and not descending else column.key,
                "aria": ("descending" if descending else "ascending") if active else "none",
            }
        )
    return headers


def not_submitted(rows: list[OverviewRow]) -> list[OverviewRow]:
    """Schools whose report for the period is neither submitted nor accepted."""
    return [row for row in rows if row.programme is not None and not row.report_done]


def monthly_reminders(user, school: School, programme: Programme | None, today=None) -> dict:
    """For the curator and director: the report due to the centre and reports returned by it."""
    if programme is None or not access.can(user, "monthly.submit", school.pk):
        return {"monthly_due": None, "monthly_returned": []}
    today = today or timezone.localdate()
    period = monthly.latest_due_period(today)
    reports = list(
        MonthlyReport.objects.filter(programme=programme).filter(
            Q(period=period) | Q(status=MonthlyReport.Status.RETURNED)
        )
    )
    due = None
    current = next((r for r in reports if r.period == period), None)
    if period in monthly.due_periods(programme, today) and (
        current is None or current.status == MonthlyReport.Status.DRAFT
    ):
        due = {"period": period, "period_name": month_name(period), "programme": programme}
    returned = sorted(
        (r for r in reports if r.status == MonthlyReport.Status.RETURNED),
        key=lambda r: r.period,
    )
    comments = {}
    for event in MonthlyReportEvent.objects.filter(
        report__in=returned,
        action__in=[MonthlyReportEvent.Action.RETURNED, MonthlyReportEvent.Action.REOPENED],
    ).order_by("at", "id"):
        comments[event.report_id] = event.comment
    for report in returned:
        report.return_comment = comments.get(report.pk, "")
    return {"monthly_due": due, "monthly_returned": returned}
