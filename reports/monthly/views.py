"""Monthly reports to the municipal centre: the school opens and submits, the centre reviews."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from mentoring import access
from mentoring.lookups import programme_for
from mentoring.periods import PeriodError, month_name, parse_period

from ..indicators import INDICATORS
from ..models import MonthlyReport
from ..models.monthly import cutoff_of
from . import services

WRITE_DENIED = "Отчёт в МНЦ готовят куратор и директор школы."
REVIEW_DENIED = "Принимать и возвращать отчёты может специалист муниципального центра."


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _report(request, report_id) -> MonthlyReport:
    return get_object_or_404(
        MonthlyReport.objects.for_user(request.user).select_related(
            "school__municipality", "programme__year", "submitted_by", "reviewed_by"
        ),
        pk=report_id,
    )


def figure_rows(figures: dict, period: datetime.date) -> list[dict]:
    """The stored figures with their labels for the report's month, grouped as in
    ``INDICATORS``."""
    groups: list[dict] = []
    for indicator in INDICATORS:
        if not groups or groups[-1]["name"] != indicator.group:
            groups.append({"name": indicator.group, "rows": []})
        groups[-1]["rows"].append(
            {
                "indicator": indicator,
                "label": indicator.label_for(period),
                "value": figures.get(indicator.key),
            }
        )
    return groups


@login_required
def monthly_list(request, programme_id):
    programme = programme_for(request, programme_id)
    reports = {r.period: r for r in programme.monthly_reports.all()}
    periods = services.due_periods(programme)
    rows = [{"period": p, "name": month_name(p), "report": reports.get(p)} for p in periods]
    return render(
        request,
        "reports/monthly/list.html",
        {
            "programme": programme,
            "school": programme.school,
            "rows": rows,
            "can_write": access.can(request.user, "monthly.submit", programme.school_id),
            "cutoff_day": cutoff_of(datetime.date(2000, 1, 1)).day,
        },
    )


@login_required
def monthly_open(request, programme_id):
    programme = programme_for(request, programme_id)
    if not access.can(request.user, "monthly.submit", programme.school_id):
        raise PermissionDenied(WRITE_DENIED)
    if request.method != "POST":
        return redirect("reports:monthly_list", programme.pk)
    try:
        period = parse_period(request.POST.get("period"))
    except PeriodError:
        messages.error(request, "Выберите месяц отчёта.")
        return redirect("reports:monthly_list", programme.pk)
    try:
        report = services.open_report(programme, period, by=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reports:monthly_list", programme.pk)
    return redirect(report)


@login_required
def monthly_report(request, report_id):
    report = _report(request, report_id)
    can_write = access.can(request.user, "monthly.submit", report.school_id)
    can_review = access.can(request.user, "monthly.review", report.school_id)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(WRITE_DENIED)
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.save_comment(report, form.cleaned_data["comment"], by=request.user)
            except services.ReportError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Комментарий сохранён.")
            return redirect(report)
    else:
        form = CommentForm(initial={"comment": report.comment})
    return render(
        request,
        "reports/monthly/report.html",
        {
            "report": report,
            "programme": report.programme,
            "school": report.school,
            "groups": figure_rows(report.figures, report.period),
            "by_form": report.figures.get("by_form", []),
            "events": report.events.select_related("by"),
            "form": form,
            "review_form": CommentForm(),
            "can_write": can_write,
            "can_review": can_review,
        },
    )


ACTIONS = {
    # name: (service, needs reviewer, success message, takes comment)
    "refresh": (services.refresh, False, "Показатели обновлены по текущим данным.", False),
    "submit": (services.submit, False, "Отчёт сдан в муниципальный центр.", False),
    "accept": (services.accept, True, "Отчёт принят. Показатели зафиксированы.", True),
    "return": (services.return_report, True, "Отчёт возвращён школе на доработку.", True),
    "reopen": (services.reopen, True, "Отчёт открыт заново: школа может его исправить.", True),
}


@login_required
def monthly_action(request, report_id, action):
    report = _report(request, report_id)
    try:
        service, reviewer, success, takes_comment = ACTIONS[action]
    except KeyError:
        raise Http404("Неизвестное действие с отчётом.") from None
    if reviewer and not access.can(request.user, "monthly.review", report.school_id):
        raise PermissionDenied(REVIEW_DENIED)
    if not reviewer and not access.can(request.user, "monthly.submit", report.school_id):
        raise PermissionDenied(WRITE_DENIED)
    if request.method != "POST":
        return redirect(report)
    kwargs = {"by": request.user}
    if takes_comment:
        form = CommentForm(request.POST)
        kwargs["comment"] = form.cleaned_data["comment"] if form.is_valid() else ""
    elif action == "submit" and "comment" in request.POST:
        kwargs["comment"] = request.POST["comment"][:5000]
    try:
        service(report, **kwargs)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(report)
