"""The monthly report's way: opened on or after the 25th, submitted, returned or accepted."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from mentoring.errors import DomainError
from mentoring.models import AcademicYear, Programme, User
from mentoring.periods import first_of_month, month_bounds

from ..indicators import school_indicators
from ..models import MonthlyReport, MonthlyReportEvent
from ..models.monthly import cutoff_of


class ReportError(DomainError):
    pass


def _event(report: MonthlyReport, action: str, by: User | None, comment: str = "") -> None:
    MonthlyReportEvent.objects.create(report=report, action=action, by=by, comment=comment)


def due_periods(programme: Programme, today: datetime.date | None = None) -> list[datetime.date]:
    """Months of the programme's year whose cut-off (the 25th) has come, newest first."""
    return months_due(programme.year, today or timezone.localdate())


def months_due(year: AcademicYear, today: datetime.date) -> list[datetime.date]:
    """Months of the academic year whose cut-off has come, newest first."""
    periods = []
    month = first_of_month(year.start_date)
    last = first_of_month(min(year.end_date, today))
    while month <= last:
        if cutoff_of(month) <= today:
            periods.append(month)
        month = month_bounds(month)[1] + datetime.timedelta(days=1)
    return list(reversed(periods))


def latest_due_period(today: datetime.date | None = None) -> datetime.date:
    """The newest month whose cut-off has come: this month from the 25th, else the last one."""
    today = today or timezone.localdate()
    month = first_of_month(today)
    if cutoff_of(month) <= today:
        return month
    return first_of_month(month - datetime.timedelta(days=1))


def snapshot_day(period: datetime.date, today: datetime.date | None = None) -> datetime.date:
    """Figures of a month are taken as of its last day, or today while the month runs."""
    today = today or timezone.localdate()
    return min(month_bounds(period)[1], today)


def take_figures(report: MonthlyReport, today: datetime.date | None = None) -> None:
    report.figures = school_indicators(report.programme, snapshot_day(report.period, today))
    report.figures_taken_at = timezone.now()


@transaction.atomic
def open_report(
    programme: Programme, period: datetime.date, *, by: User | None, today=None
) -> MonthlyReport:
    """The school's report for the month, opened (prefilled from the indicators) if need be."""
    today = today or timezone.localdate()
    period = first_of_month(period)
    if period not in due_periods(programme, today):
        raise ReportError(
            f"Отчёт за месяц открывается с {cutoff_of(period):%d.%m.%Y} и только в месяцы "
            f"учебного года {programme.year.name}."
        )
    report, created = MonthlyReport.objects.get_or_create(
        programme=programme, period=period, defaults={"school": programme.school}
    )
    if created:
        take_figures(report, today)
        report.save()
        _event(report, MonthlyReportEvent.Action.OPENED, by)
    return report


def _locked(report: MonthlyReport) -> MonthlyReport:
    return (
        MonthlyReport.objects.select_for_update()
        .select_related("programme__year")
        .get(pk=report.pk)
    )


@transaction.atomic
def refresh(report: MonthlyReport, *, by: User | None, today=None) -> MonthlyReport:
    report = _locked(report)
    if not report.is_editable:
        raise ReportError(
            f"Отчёт в статусе «{report.get_status_display()}»: показатели не обновляются."
        )
    take_figures(report, today)
    report.save(update_fields=["figures", "figures_taken_at"])
    _event(report, MonthlyReportEvent.Action.REFRESHED, by)
    return report


@transaction.atomic
def save_comment(report: MonthlyReport, comment: str, *, by: User | None) -> MonthlyReport:
    report = _locked(report)
    if not report.is_editable:
        raise ReportError(f"Отчёт в статусе «{report.get_status_display()}» не изменяется.")
    report.comment = comment.strip()
    report.save(update_fields=["comment"])
    return report


@transaction.atomic
def submit(report: MonthlyReport, *, by: User | None, comment: str | None = None) -> MonthlyReport:
    report = _locked(report)
    if not report.is_editable:
        raise ReportError(f"Отчёт уже в статусе «{report.get_status_display()}».")
    if comment is not None:
        report.comment = comment.strip()
    report.status = MonthlyReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    report.save(update_fields=["comment", "status", "submitted_at", "submitted_by"])
    _event(report, MonthlyReportEvent.Action.SUBMITTED, by, report.comment)
    return report


def _review(report: MonthlyReport, status: str, action: str, by, comment: str) -> MonthlyReport:
    report.status = status
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    _event(report, action, by, comment.strip())
    return report


@transaction.atomic
def accept(report: MonthlyReport, *, by: User | None, comment: str = "") -> MonthlyReport:
    """Accepted figures are final: nothing but the centre's reopening changes them."""
    report = _locked(report)
    if report.status != MonthlyReport.Status.SUBMITTED:
        raise ReportError("Принять можно только сданный отчёт.")
    return _review(
        report, MonthlyReport.Status.ACCEPTED, MonthlyReportEvent.Action.ACCEPTED, by, comment
    )


@transaction.atomic
def return_report(report: MonthlyReport, *, by: User | None, comment: str) -> MonthlyReport:
    report = _locked(report)
    if report.status != MonthlyReport.Status.SUBMITTED:
        raise ReportError("Вернуть можно только сданный отчёт.")
    if not comment.strip():
        raise ReportError("Напишите, что исправить: без комментария отчёт не возвращается.")
    return _review(
        report, MonthlyReport.Status.RETURNED, MonthlyReportEvent.Action.RETURNED, by, comment
    )


@transaction.atomic
def reopen(report: MonthlyReport, *, by: User | None, comment: str) -> MonthlyReport:
    report = _locked(report)
    if report.status != MonthlyReport.Status.ACCEPTED:
        raise ReportError("Открыть заново можно только принятый отчёт.")
    if not comment.strip():
        raise ReportError("Напишите, зачем отчёт открывается заново.")
    return _review(
        report, MonthlyReport.Status.RETURNED, MonthlyReportEvent.Action.REOPENED, by, comment
    )


def missing_schools(programmes, period: datetime.date) -> list[Programme]:
    """Programmes whose report for the period is not submitted yet (none, draft or returned)."""
    done = set(
        MonthlyReport.objects.filter(
            programme__in=programmes,
            period=period,
            status__in=[MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED],
        ).values_list("programme_id", flat=True)
    )
    return [programme for programme in programmes if programme.pk not in done]
