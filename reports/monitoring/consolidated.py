"""The municipal centre's consolidated monthly report across its schools (сид 002, раздел 9,
item 4.2: monthly, on the 25th).

A school's figures are those of its monthly report whatever its status (the stored snapshot), or,
when the school has not opened its report, the live indicators as of the download day (the last
day of the month for a past month). The municipality's row is ``combine()`` of the schools': sums
of counts, ratios of the sums.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Municipality, Programme, School
from mentoring.percent import whole_percent
from mentoring.periods import month_name
from surveys.analytics.charts import bar_chart

from ..documents import Chart, Column, Document, Facts, Paragraph, Row, Section, Table
from ..indicators import INDICATORS, combine, school_indicators
from ..models import MonthlyReport
from ..monthly.services import snapshot_day
from .common import by_form_table, indicator_groups, indicator_kind, indicator_table, programmes_on

TOTAL_LABEL = "Итого по муниципалитету"
NOT_SUBMITTED = "Не сдан: данные на дату выгрузки"
STATUS_LABELS = {
    MonthlyReport.Status.ACCEPTED: "Принят",
    MonthlyReport.Status.SUBMITTED: "Сдан",
    MonthlyReport.Status.RETURNED: "Возвращён на доработку",
    MonthlyReport.Status.DRAFT: "Готовится",
}
STATUS_TONES = {
    MonthlyReport.Status.ACCEPTED: "success",
    MonthlyReport.Status.RETURNED: "warning",
    None: "danger",
}
SUMMARY_SHEET = "Сводка"


@dataclass
class SchoolPeriodRow:
    school: School
    programme: Programme
    report: MonthlyReport | None
    figures: dict
    status: str

    @property
    def is_live(self) -> bool:
        """The figures are computed now, not a stored report's snapshot."""
        return self.report is None or not self.report.figures


def status_label(report: MonthlyReport | None) -> str:
    return NOT_SUBMITTED if report is None else STATUS_LABELS[report.status]


def period_rows(
    municipality: Municipality,
    period: datetime.date,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[SchoolPeriodRow]:
    """One row per school having a programme in the academic year of ``period``; ``progress``
    hears (schools done, schools) after each school."""
    today = today or timezone.localdate()
    period = period.replace(day=1)
    programmes = list(programmes_on(municipality, period))
    reports = {
        report.programme_id: report
        for report in MonthlyReport.objects.filter(programme__in=programmes, period=period)
    }
    rows = []
    for programme in programmes:
        report = reports.get(programme.pk)
        if report is not None and report.figures:
            figures = report.figures
        else:
            figures = school_indicators(programme, snapshot_day(period, today))
        rows.append(
            SchoolPeriodRow(
                school=programme.school,
                programme=programme,
                report=report,
                figures=figures,
                status=status_label(report),
            )
        )
        if progress:
            progress(len(rows), len(programmes))
    return rows


def _tone(row: SchoolPeriodRow) -> str:
    return STATUS_TONES.get(row.report.status if row.report else None, "")


def _summary_table(
    rows: list[SchoolPeriodRow], total: dict, period: datetime.date, indicators, caption=""
) -> Table:
    columns = [Column("Школа", width=26), Column("Статус отчёта", width=16)]
    columns += [Column(i.label_for(period), width=12, kind=indicator_kind(i)) for i in indicators]
    body = [
        Row(
            [row.school.short_name, row.status] + [row.figures.get(i.key) for i in indicators],
            tone=_tone(row),
        )
        for row in rows
    ]
    body.append(Row([TOTAL_LABEL, _submitted_text(rows)] + [total.get(i.key) for i in indicators]))
    return Table(columns, body, caption=caption, empty_text="В муниципалитете нет программ")


def _submitted_text(rows: list[SchoolPeriodRow]) -> str:
    done = sum(
        1
        for row in rows
        if row.report
        and row.report.status in (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)
    )
    return f"сдано {done} из {len(rows)}"


def _charts(rows: list[SchoolPeriodRow], period: datetime.date) -> list[Chart]:
    def percent(value) -> int:
        return whole_percent(value or 0)

    coverage = [(r.school.short_name, percent(r.figures.get("students_coverage"))) for r in rows]
    meetings = [(r.school.short_name, r.figures.get("meetings_period") or 0) for r in rows]
    pairs = [(r.school.short_name, r.figures.get("pairs_active") or 0) for r in rows]
    name = month_name(period)
    return [
        Chart(bar_chart(coverage, title="Охват обучающихся, %"), "Охват обучающихся, %"),
        Chart(bar_chart(meetings, title=f"Встречи за {name}"), f"Встречи пар и групп за {name}"),
        Chart(bar_chart(pairs, title="Работающие пары и группы"), "Работающие пары и группы"),
    ]


def _school_section(row: SchoolPeriodRow, period: datetime.date) -> Section:
    report = row.report
    facts = [("Статус отчёта", row.status)]
    if report is not None and report.submitted_at:
        facts.append(("Сдан", report.submitted_at))
    if report is not None and report.reviewed_at:
        facts.append(("Рассмотрен", report.reviewed_at))
    if row.is_live:
        facts.append(("Показатели", "рассчитаны на дату выгрузки"))
    elif report.figures_taken_at:
        facts.append(("Показатели сняты", report.figures_taken_at))
    blocks = [
        Facts(facts),
        indicator_table(row.figures, period),
        by_form_table(row.figures.get("by_form", [])),
        Paragraph(
            f"Комментарий школы: {report.comment}"
            if report is not None and report.comment
            else "Комментарий школы: нет."
        ),
    ]
    return Section(heading=row.school.short_name, blocks=blocks, sheet_title=row.school.short_name)


def consolidated_document(
    municipality: Municipality,
    period: datetime.date,
    today: datetime.date | None = None,
    *,
    wide: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """``wide``: one summary table with every indicator (XLSX); otherwise a table per group of
    indicators, which fits a landscape page (PDF)."""
    today = today or timezone.localdate()
    period = period.replace(day=1)
    rows = period_rows(municipality, period, today, progress)
    total = combine([row.figures for row in rows])
    if wide:
        summary_blocks = [_summary_table(rows, total, period, INDICATORS)]
    else:
        summary_blocks = [
            _summary_table(rows, total, period, indicators, caption=group)
            for group, indicators in indicator_groups()
        ]
    summary_blocks += [
        Paragraph(
            "Итог по муниципалитету: суммы показателей школ; доли — отношение сумм (охват — по "
            "школам, указавшим численность); индекс удовлетворённости — среднее по школам. "
            f"Школы без сданного отчёта показаны по данным на {today:%d.%m.%Y}.",
            style="small",
        ),
    ]
    if not wide:
        summary_blocks += _charts(rows, period)
    summary_blocks.append(by_form_table(total["by_form"], caption="Муниципалитет по формам"))
    name = month_name(period)
    return Document(
        title="Сводный отчёт о мониторинге реализации целевой модели наставничества",
        subtitle=f"за {name}",
        organisation=municipality.centre_name or municipality.name,
        meta=[
            ("Муниципалитет", municipality.name),
            ("Отчётный месяц", name),
            ("Школ", str(len(rows))),
            ("Сформирован", f"{today:%d.%m.%Y}"),
        ],
        sections=[
            Section(heading="Сводка по школам", blocks=summary_blocks, sheet_title=SUMMARY_SHEET),
            *[_school_section(row, period) for row in rows],
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(municipality.name, "Сводный мониторинг", detail=f"{period:%m.%Y}"),
    )
