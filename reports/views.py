from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import municipality_for, school_for
from mentoring.models import AcademicYear, Programme, School
from mentoring.periods import month_name, period_key
from registry import selectors as registry_selectors
from registry.services import work as registry_work
from registry.services.year_turn_plan import pending_turn
from stages import selectors as stage_selectors

from . import overview
from .models import Order


def order_reminders(user, school: School) -> dict:
    """What waits for the director (approval) and for the curator (returned drafts)."""
    orders = Order.objects.filter(school=school).order_by("updated_at")
    return {
        "awaiting_approval": list(orders.filter(status=Order.Status.SUBMITTED))
        if access.can(user, "order.approve", school.pk)
        else [],
        "returned_orders": list(orders.filter(status=Order.Status.RETURNED))
        if access.can(user, "order.draft", school.pk)
        else [],
    }


@login_required
def school_dashboard(request, school_id):
    school = school_for(request, school_id)
    year = AcademicYear.objects.current()
    programme = (
        Programme.objects.filter(school=school, year=year).select_related("year").first()
        if year
        else None
    )
    context = {
        "school": school,
        "year": year,
        "programme": programme,
        "other_programmes": school.programmes.select_related("year").exclude(
            pk=getattr(programme, "pk", None)
        ),
        "can_edit": access.can(request.user, "roadmap.edit", school.pk),
        "is_staff": access.can(request.user, "records.read", school.pk),
        "can_see_names": access.can(request.user, "names.read", school.pk),
        "year_turn_from": pending_turn(school)
        if access.can(request.user, "year.turn", school.pk)
        else None,
    }
    context.update(order_reminders(request.user, school))
    context.update(overview.monthly_reminders(request.user, school, programme))
    if programme:
        today = timezone.localdate()
        stages = stage_selectors.stage_progress(programme, today)
        context.update(
            documents=registry_selectors.document_summary(programme, today)
            if access.can(request.user, "records.read", school.pk)
            else None,
            stale_pairs=registry_work.stale_pairs(programme, 30, today),
            stages=stages,
            overall=stage_selectors.overall_progress(stages),
            overdue=stage_selectors.overdue_items(programme, today),
            upcoming=stage_selectors.upcoming_items(programme, 14, today),
        )
    return render(request, "reports/school_dashboard.html", context)


@login_required
def municipality_overview(request, municipality_id):
    municipality = municipality_for(request, municipality_id)
    today = timezone.localdate()
    year = AcademicYear.objects.current(today)
    periods = overview.year_periods(year, today)
    period = overview.choose_period(request.GET.get("period"), periods, today)
    sort, descending = overview.parse_sort(request.GET.get("sort"))
    rows = overview.overview_rows(municipality, year, period, today)
    return render(
        request,
        "reports/municipality_overview.html",
        {
            "municipality": municipality,
            "year": year,
            "period": period,
            "period_key": period_key(period),
            "period_name": month_name(period),
            "quarter": (period.month - 1) // 3 + 1,
            "periods": [(period_key(p), month_name(p)) for p in periods],
            "sort": f"-{sort}" if descending else sort,
            "headers": overview.sort_headers(sort, descending, period),
            "rows": overview.sort_rows(rows, sort, descending),
            "totals": overview.overview_totals(rows),
            "not_submitted": overview.not_submitted(rows),
        },
    )
