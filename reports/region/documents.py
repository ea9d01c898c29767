"""The regional centre's documents for a month, built from the monthly reports the municipal
centres accepted: the consolidated regional report and the federal monitoring indicators of the
target model.

A municipality's figures are ``combine()`` of its schools' accepted reports, the region's —
``combine()`` of all of them (sums of counts, ratios of the sums), the rule of the municipal
consolidated report (reports/monitoring/consolidated.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Municipality, Region
from mentoring.periods import month_name

from ..documents import Column, Document, Facts, Paragraph, Row, Section, Table
from ..indicators import BY_KEY, INDICATORS, combine
from ..models import MonthlyReport
from ..monitoring.common import by_form_table, indicator_groups, indicator_kind, indicator_table

TOTAL_LABEL = "Итого по региону"
SUMMARY_SHEET = "Сводка"
SOURCE_NOTE = (
    "Источник — ежемесячные отчёты школ, принятые муниципальными наставническими центрами "
    "(МНЦ). Показатели муниципалитета — суммы по его школам, доли — отношение сумм (охват — по "
    "школам, указавшим численность); индекс удовлетворённости — среднее по школам. Школы, "
    "отчёт которых за месяц не принят, в расчёт не входят."
)
# The indicators of the federal monitoring of the target model that the reports carry.
FEDERAL_KEYS = (
    "mentors",
    "mentees",
    "students_total",
    "students_involved",
    "students_coverage",
    "teachers_total",
    "teachers_involved",
    "teachers_coverage",
    "pairs_approved",
    "pairs_active",
    "pairs_completed",
    "pairs_terminated",
)


@dataclass
class MunicipalityMonth:
    municipality: Municipality
    schools: int
    reports: list[MonthlyReport]
    figures: dict

    @property
    def accepted_text(self) -> str:
        return f"принято {len(self.reports)} из {self.schools}"


def region_months(region: Region, period: datetime.date) -> list[MunicipalityMonth]:
    """Every municipality of the region with its schools' accepted reports of ``period``; two
    queries whatever the size of the region."""
    municipalities = (
        Municipality.objects.filter(region=region)
        .annotate(school_count=Count("schools"))
        .order_by("name")
    )
    reports: dict[int, list[MonthlyReport]] = {}
    accepted = (
        MonthlyReport.objects.filter(
            programme__school__municipality__region=region,
            period=period.replace(day=1),
            status=MonthlyReport.Status.ACCEPTED,
        )
        .select_related("school")
        .order_by("school__short_name")
    )
    for report in accepted:
        reports.setdefault(report.school.municipality_id, []).append(report)
    return [
        MunicipalityMonth(
            municipality=m,
            schools=m.school_count,
            reports=reports.get(m.pk, []),
            figures=combine([r.figures for r in reports.get(m.pk, [])]),
        )
        for m in municipalities
    ]


def region_total(months: list[MunicipalityMonth]) -> dict:
    return combine([report.figures for month in months for report in month.reports])


def _summary_table(months, total, period, indicators, caption="", *, width=12, forms=()) -> Table:
    """Municipality × indicators with «Итого по региону»; ``forms`` adds a column of pairs and
    groups per form of mentoring."""

    def form_pairs(figures: dict) -> list:
        counts = {item["form"]: item["pairs"] for item in figures.get("by_form", [])}
        return [counts.get(form, 0) for form in forms]

    columns = [Column("Муниципалитет", width=28), Column("Отчёты школ", width=16)]
    columns += [
        Column(i.label_for(period), width=width, kind=indicator_kind(i)) for i in indicators
    ]
    columns += [Column(f"Пар и групп: {form}", width=width, kind="number") for form in forms]
    body = [
        Row(
            [m.municipality.name, m.accepted_text]
            + [m.figures.get(i.key) for i in indicators]
            + form_pairs(m.figures)
        )
        for m in months
    ]
    accepted = sum(len(m.reports) for m in months)
    schools = sum(m.schools for m in months)
    body.append(
        Row(
            [TOTAL_LABEL, f"принято {accepted} из {schools}"]
            + [total.get(i.key) for i in indicators]
            + form_pairs(total)
        )
    )
    return Table(columns, body, caption=caption, empty_text="В регионе нет муниципалитетов")


def _municipality_section(month: MunicipalityMonth, period: datetime.date) -> Section:
    municipality = month.municipality
    facts = [("Муниципалитет", municipality.name), ("Отчёты школ", month.accepted_text)]
    if municipality.centre_name:
        facts.insert(1, ("МНЦ", municipality.centre_name))
    schools = Table(
        [Column("Школа", width=30), Column("Отчёт принят", width=16)],
        [Row([r.school.short_name, r.reviewed_at]) for r in month.reports],
        caption="Школы с принятым отчётом",
        empty_text="Ни один отчёт за месяц не принят",
    )
    return Section(
        heading=municipality.name,
        blocks=[
            Facts(facts),
            indicator_table(month.figures, period),
            by_form_table(month.figures.get("by_form", [])),
            schools,
        ],
        sheet_title=municipality.name,
    )


def _meta(region: Region, period: datetime.date, months, today) -> list[tuple[str, str]]:
    return [
        ("Регион", region.name),
        ("Отчётный месяц", month_name(period)),
        ("Муниципалитетов", str(len(months))),
        ("Сформирован", f"{today:%d.%m.%Y}"),
    ]


def region_consolidated_document(
    region: Region,
    period: datetime.date,
    today: datetime.date | None = None,
    *,
    wide: bool = True,
) -> Document:
    """``wide``: one summary table with every indicator (XLSX); otherwise a table per group of
    indicators, which fits a landscape page (PDF)."""
    today = today or timezone.localdate()
    period = period.replace(day=1)
    months = region_months(region, period)
    total = region_total(months)
    if wide:
        summary = [_summary_table(months, total, period, INDICATORS)]
    else:
        summary = [
            _summary_table(months, total, period, indicators, caption=group)
            for group, indicators in indicator_groups()
        ]
    summary += [
        Paragraph(SOURCE_NOTE, style="small"),
        by_form_table(total["by_form"], caption="Регион по формам наставничества"),
    ]
    return Document(
        title="Сводный отчёт региона о мониторинге реализации целевой модели наставничества",
        subtitle=f"за {month_name(period)}",
        organisation=region.centre_name or region.name,
        meta=_meta(region, period, months, today),
        sections=[
            Section(heading="Сводка по муниципалитетам", blocks=summary, sheet_title=SUMMARY_SHEET),
            *[_municipality_section(month, period) for month in months],
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(region.name, "Сводный мониторинг", detail=f"{period:%m.%Y}"),
    )


def federal_indicators_document(
    region: Region, period: datetime.date, today: datetime.date | None = None
) -> Document:
    """«Показатели мониторинга целевой модели наставничества»: participants, coverage of pupils
    from 10 years and of teachers, pairs by status and by form, per municipality and for the
    region."""
    today = today or timezone.localdate()
    period = period.replace(day=1)
    months = region_months(region, period)
    total = region_total(months)
    indicators = [BY_KEY[key] for key in FEDERAL_KEYS]
    forms = [item["form"] for item in total["by_form"]]
    table = _summary_table(months, total, period, indicators, width=14, forms=forms)
    return Document(
        title="Показатели мониторинга целевой модели наставничества",
        subtitle=f"{region.name}, {month_name(period)}",
        organisation=region.centre_name or region.name,
        meta=_meta(region, period, months, today),
        sections=[
            Section(
                heading="Показатели по муниципалитетам",
                blocks=[table, Paragraph(SOURCE_NOTE, style="small")],
                sheet_title="Показатели",
            )
        ],
        orientation="landscape",
        filename=document_name(region.name, "Показатели целевой модели", detail=f"{period:%m.%Y}"),
    )
