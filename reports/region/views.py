"""The regional centre's overview of its municipalities, with the way down to each municipal
overview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentoring.lookups import region_for
from mentoring.models import AcademicYear
from mentoring.periods import month_name, period_key
from registry.models import Pair

from ..dashboards import overview as municipal
from . import overview

PAIR_COLUMNS = [
    (Pair.Status.DRAFT, "Проекты"),
    (Pair.Status.APPROVED, "Утверждены"),
    (Pair.Status.ACTIVE, "Работают"),
    (Pair.Status.COMPLETED, "Завершили"),
    (Pair.Status.TERMINATED, "Прекращены досрочно"),
]


@login_required
def region_overview(request, region_id):
    region = region_for(request, region_id)
    today = timezone.localdate()
    year = AcademicYear.objects.current(today)
    periods = municipal.year_periods(year, today)
    period = municipal.choose_period(request.GET.get("period"), periods, today)
    rows = overview.region_rows(region, year, period)
    totals = overview.region_totals(rows)
    return render(
        request,
        "reports/region_overview.html",
        {
            "region": region,
            "year": year,
            "period_key": period_key(period),
            "period_name": month_name(period),
            "periods": [(period_key(p), month_name(p)) for p in periods],
            "pair_columns": PAIR_COLUMNS,
            "rows": [(row, [row.pairs_in(status) for status, _ in PAIR_COLUMNS]) for row in rows],
            "totals": totals,
            "total_pairs": [totals.pairs_in(status) for status, _ in PAIR_COLUMNS],
            "closure_note": municipal.CLOSURE_NOTE,
        },
    )
