"""The regional centre's overview: every municipality of the region with its figures, in a
fixed number of queries whatever the number of municipalities and schools."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from mentoring.models import AcademicYear, Municipality, Region
from registry.models import Pair

from ..dashboards.overview import Closures
from ..indicators import COUNTED_PAIRS
from ..models import MonthlyReport

MUNICIPALITY = "programme__school__municipality_id"


@dataclass
class RegionRow:
    municipality: Municipality
    schools: int = 0
    programmes: int = 0
    pairs: dict[str, int] = field(default_factory=dict)
    mentors: int = 0
    mentees: int = 0
    reports_accepted: int = 0

    @property
    def participants(self) -> int:
        return self.mentors + self.mentees

    @property
    def closures(self) -> Closures:
        return Closures(
            self.pairs.get(Pair.Status.COMPLETED, 0) + self.pairs.get(Pair.Status.TERMINATED, 0),
            self.pairs.get(Pair.Status.TERMINATED, 0),
        )

    def pairs_in(self, status: str) -> int:
        return self.pairs.get(status, 0)


def _per_municipality(queryset, path: str = MUNICIPALITY, **counts) -> dict[int, dict]:
    return {
        row[path]: row
        for row in queryset.order_by().values(path).annotate(**counts).values(path, *counts)
    }


def region_rows(
    region: Region, year: AcademicYear | None, period: datetime.date
) -> list[RegionRow]:
    """One row per municipality of the region, ordered by name: schools, programmes of the
    year, pairs by status, mentors and mentees of the counted pairs, and the monthly reports of
    ``period`` the municipal centre accepted."""
    municipalities = list(
        Municipality.objects.filter(region=region)
        .annotate(school_count=Count("schools", distinct=True))
        .order_by("name")
    )
    rows = {m.pk: RegionRow(m, schools=m.school_count) for m in municipalities}
    if year is not None and rows:
        municipality_of = dict(
            year.programmes.filter(school__municipality__region=region)
            .order_by()
            .values_list("pk", "school__municipality_id")
        )
        ids = list(municipality_of)
        # Counted per programme and summed per municipality: a mentor belongs to one school
        # and a mentee to one programme, and a school has one programme a year, so the
        # distinct counts of the programmes add up to the municipality's. Grouping by the
        # programme needs no joins and no region-wide sort.
        counted = Q(status__in=COUNTED_PAIRS)
        per_programme = (
            Pair.objects.filter(programme_id__in=ids)
            .order_by()
            .values("programme_id")
            .annotate(
                mentors=Count("mentor", distinct=True, filter=counted),
                **{f"n_{status}": Count("pk", filter=Q(status=status)) for status in Pair.Status},
            )
        )
        mentees = (
            Pair.mentees.through.objects.filter(
                pair__programme_id__in=ids, pair__status__in=COUNTED_PAIRS
            )
            .order_by()
            .values_list("pair__programme_id")
            .annotate(n=Count("mentee_id", distinct=True))
        )
        reports = _per_municipality(
            MonthlyReport.objects.filter(
                programme__school__municipality__region=region,
                programme__year=year,
                period=period,
                status=MonthlyReport.Status.ACCEPTED,
            ),
            n=Count("pk"),
        )
        for mun in municipality_of.values():
            rows[mun].programmes += 1
        for counts in per_programme:
            row = rows[municipality_of[counts["programme_id"]]]
            row.mentors += counts["mentors"]
            for status in Pair.Status:
                if counts[f"n_{status}"]:
                    row.pairs[status] = row.pairs.get(status, 0) + counts[f"n_{status}"]
        for programme_id, n in mentees:
            rows[municipality_of[programme_id]].mentees += n
        for mun, row in rows.items():
            row.reports_accepted = reports.get(mun, {}).get("n", 0)
    return list(rows.values())


@dataclass
class RegionTotals:
    municipalities: int
    schools: int
    programmes: int
    pairs: dict[str, int]
    mentors: int
    mentees: int
    reports_accepted: int
    closures: Closures

    @property
    def participants(self) -> int:
        return self.mentors + self.mentees

    def pairs_in(self, status: str) -> int:
        return self.pairs.get(status, 0)


def region_totals(rows: list[RegionRow]) -> RegionTotals:
    pairs: dict[str, int] = defaultdict(int)
    for row in rows:
        for status, n in row.pairs.items():
            pairs[status] += n
    return RegionTotals(
        municipalities=len(rows),
        schools=sum(r.schools for r in rows),
        programmes=sum(r.programmes for r in rows),
        pairs=dict(pairs),
        mentors=sum(r.mentors for r in rows),
        mentees=sum(r.mentees for r in rows),
        reports_accepted=sum(r.reports_accepted for r in rows),
        closures=Closures(
            sum(r.closures.closed for r in rows), sum(r.closures.early for r in rows)
        ),
    )
