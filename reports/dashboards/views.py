"""The school's dashboard, the municipal centre's overview and its drill-down into a school."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import municipality_for, school_for
from mentoring.models import AcademicYear, Programme, School
from mentoring.periods import month_name, period_key
from registry import selectors as registry_selectors
from registry import work_stage
from registry.services import attention as registry_attention
from registry.services import work as registry_work
from registry.services.year_turn_plan import pending_turn
from stages import selectors as stage_selectors

from ..indicators import INDICATORS, format_figure, school_indicators
from ..models import MonthlyReport, Order
from ..reminders import dashboard as user_reminders
from . import overview

SENSITIVE_LINE = "Конфиденциальные категории (ОВЗ, трудная жизненная ситуация, поведение)"


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
    context["reminders"] = user_reminders.for_user(request.user, school, timezone.localdate())
    if programme:
        today = timezone.localdate()
        stages = stage_selectors.stage_progress(programme, today)
        context.update(
            documents=registry_selectors.document_summary(programme, today)
            if access.can(request.user, "records.read", school.pk)
            else None,
            attention_count=len(registry_attention.programme_concerns(programme, today))
            if access.can(request.user, "records.read", school.pk)
            else None,
            stale_pairs=registry_work.stale_pairs(programme, 30, today).prefetch_related(
                "mentees__participant"
            ),
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
    curves, duration_chart = overview.duration_curves(municipality, year, today)
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
            "stage_definition": work_stage.DEFINITION,
            "totals": overview.overview_totals(rows),
            "not_submitted": overview.not_submitted(rows),
            "closure_note": overview.CLOSURE_NOTE,
            "duration_curves": curves,
            "duration_chart": duration_chart,
        },
    )


def indicator_groups(figures: dict, day) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(label, formatted value)]) in the order of ``INDICATORS``; ``day`` names the
    month of the counts of the period."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for indicator in INDICATORS:
        groups.setdefault(indicator.group, []).append(
            (indicator.label_for(day), format_figure(figures.get(indicator.key), indicator.kind))
        )
    return list(groups.items())


@login_required
def school_overview(request, municipality_id, school_id):
    """A school's current figures, read-only, for the centre (and the school's own staff)."""
    school = school_for(request, school_id, related=("municipality",))
    if school.municipality_id != municipality_id:
        raise Http404("Школа не найдена")
    today = timezone.localdate()
    year = AcademicYear.objects.current(today)
    programme = school.programmes.filter(year=year).select_related("year").first() if year else None
    context = {
        "school": school,
        "municipality": school.municipality,
        "year": year,
        "programme": programme,
        "today": today,
        "is_officer": access.can(request.user, "municipality.read", school.pk),
        "reports": MonthlyReport.objects.filter(school=school)
        .select_related("programme__year")
        .order_by("-period"),
    }
    if programme:
        figures = school_indicators(programme, today)
        sensitive = access.can(request.user, "sensitive.read", school.pk)
        rows, hidden = registry_selectors.request_map(programme, sensitive=sensitive)
        context.update(
            groups=indicator_groups(figures, today),
            by_form=figures["by_form"],
            request_rows=rows,
            sensitive_hidden=None if sensitive else hidden,
            sensitive_line=SENSITIVE_LINE,
        )
    return render(request, "reports/school_overview.html", context)
