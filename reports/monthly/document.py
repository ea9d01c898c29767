"""A school's monthly report to the municipal centre as a document (PDF, XLSX): the stored
figures of the report, exactly as on its page, with its status and the school's comment."""

from __future__ import annotations

from mentoring.files import document_name

from ..documents import Document, Facts, Paragraph, Section
from ..models import MonthlyReport
from ..monitoring.common import by_form_table, indicator_groups, indicator_table


def monthly_report_document(report: MonthlyReport) -> Document:
    school = report.school
    facts: list[tuple[str, object]] = [
        ("Школа", school.short_name),
        ("Отчётный месяц", report.period_name),
        ("Статус отчёта", report.get_status_display()),
    ]
    if report.figures_taken_at:
        facts.append(("Показатели сняты", report.figures_taken_at))
    if report.submitted_at:
        facts.append(("Сдан в МНЦ", report.submitted_at))
    if report.reviewed_at:
        facts.append(("Рассмотрен", report.reviewed_at))
    figures = report.figures or {}
    tables = [
        indicator_table(figures, report.period, caption=group, indicators=indicators)
        for group, indicators in indicator_groups()
    ]
    comment = report.comment.strip() or "нет"
    return Document(
        title="Отчёт о мониторинге реализации целевой модели наставничества",
        subtitle=f"за {report.period_name}",
        organisation=school.full_name,
        meta=[("Школа", school.short_name), ("Отчётный месяц", report.period_name)],
        sections=[
            Section(
                heading="Сведения об отчёте",
                blocks=[Facts(facts), Paragraph(f"Комментарий школы: {comment}")],
                sheet_title="Отчёт",
            ),
            Section(heading="Показатели", blocks=tables, sheet_title="Показатели"),
            Section(
                heading="Участники по формам наставничества",
                blocks=[by_form_table(figures.get("by_form", []), caption="")],
                sheet_title="По формам",
            ),
        ],
        xlsx_layout="sheet_per_section",
        filename=document_name(school.short_name, "Отчёт в МНЦ", detail=report.period_name),
    )
