from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from mentoring import access
from mentoring.models import AcademicYear, Municipality, Programme, School
from registry import selectors as registry_selectors
from registry.services import work as registry_work
from registry.services.year_turn_plan import pending_turn
from stages import selectors as stage_selectors

from . import overview
from .builders.roadmap import roadmap_document
from .documents import document_response
from .models import Order
from .models.monthly import month_name
from .orders.services import can_approve, can_draft

EXPORT_FORMATS = {"pdf", "xlsx"}


def order_reminders(user, school: School) -> dict:
    """What waits for the director (approval) and for the curator (returned drafts)."""
    orders = Order.objects.filter(school=school).order_by("updated_at")
    return {
        "awaiting_approval": list(orders.filter(status=Order.Status.SUBMITTED))
        if can_approve(user, school.pk)
        else [],
        "returned_orders": list(orders.filter(status=Order.Status.RETURNED))
        if can_draft(user, school.pk)
        else [],
    }


@login_required
def school_dashboard(request, school_id):
    school = get_object_or_404(School.objects.for_user(request.user), pk=school_id)
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
        "can_edit": access.can_edit_school(request.user, school.pk),
        "is_staff": access.has_school_role(request.user, school.pk, access.SCHOOL_STAFF),
        "can_see_names": access.can_see_names(request.user, school.pk),
        "year_turn_from": pending_turn(school)
        if access.has_school_role(request.user, school.pk, access.YEAR_TURNERS)
        else None,
    }
    context.update(order_reminders(request.user, school))
    context.update(overview.monthly_reminders(request.user, school, programme))
    if programme:
        today = timezone.localdate()
        stages = stage_selectors.stage_progress(programme, today)
        context.update(
            documents=registry_selectors.document_summary(programme, today)
            if access.has_school_role(request.user, school.pk, access.SCHOOL_STAFF)
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
    municipality = get_object_or_404(
        Municipality.objects.for_user(request.user), pk=municipality_id
    )
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
            "period_key": overview.period_key(period),
            "period_name": month_name(period),
            "quarter": (period.month - 1) // 3 + 1,
            "periods": [(overview.period_key(p), month_name(p)) for p in periods],
            "sort": f"-{sort}" if descending else sort,
            "headers": overview.sort_headers(sort, descending, period),
            "rows": overview.sort_rows(rows, sort, descending),
            "totals": overview.overview_totals(rows),
            "not_submitted": overview.not_submitted(rows),
        },
    )


@login_required
def roadmap_export(request, programme_id, fmt):
    programme = get_object_or_404(
        Programme.objects.for_user(request.user).select_related("school", "year"),
        pk=programme_id,
    )
    if fmt not in EXPORT_FORMATS:
        raise Http404("Неизвестный формат документа")
    return document_response(roadmap_document(programme), fmt)
