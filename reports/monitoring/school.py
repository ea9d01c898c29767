"""A school's own monitoring report: the indicators now (by group), participants by form,
monitoring stage 1 (quality of the programme) and stage 2 (growth of the participants).

No request categories appear: the figures are counts, the stages — survey analytics.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Programme
from surveys.analytics.satisfaction import satisfaction_distributions

from ..documents import Column, Document, Paragraph, Row, Section, Table
from ..indicators import school_indicators
from .common import (
    by_form_table,
    duration_blocks,
    growth_blocks,
    indicator_groups,
    indicator_table,
    quality_blocks,
    stage1_quality,
    stage2_growth,
)


def satisfaction_table(programme: Programme) -> Table:
    columns = [
        Column("Анкета удовлетворённости", width=40),
        Column("Ответов", width=10, kind="number"),
        Column("Индекс, %", width=10, kind="number"),
    ]
    rows = [
        Row([d.title or d.questionnaire.title, d.answered, d.index])
        for d in satisfaction_distributions(programme)
    ]
    return Table(columns, rows, empty_text="Анкеты удовлетворённости не рассылались")


def programme_header(programme: Programme) -> dict:
    return {
        "organisation": programme.school.full_name,
        "subtitle": f"{programme.year.name} учебный год",
    }


def school_monitoring_document(
    programme: Programme, today: datetime.date | None = None
) -> Document:
    today = today or timezone.localdate()
    figures = school_indicators(programme, today)
    indicator_tables = [
        indicator_table(figures, today, caption=group, indicators=indicators)
        for group, indicators in indicator_groups()
    ]
    return Document(
        title="Отчёт о мониторинге программы наставничества",
        meta=[("Школа", programme.school.short_name), ("Данные на", f"{today:%d.%m.%Y}")],
        sections=[
            Section(heading="Показатели", blocks=indicator_tables, sheet_title="Показатели"),
            Section(
                heading="Участники по формам наставничества",
                blocks=[by_form_table(figures["by_form"], caption="")],
                sheet_title="По формам",
            ),
            Section(
                heading="Этап 1. Качество реализации программы",
                blocks=quality_blocks(stage1_quality(programme)),
                sheet_title="Этап 1",
            ),
            Section(
                heading="Этап 2. Рост участников (вход → выход)",
                blocks=growth_blocks(stage2_growth(programme)),
                sheet_title="Этап 2",
            ),
            Section(
                heading="Продолжительность работы пар",
                blocks=duration_blocks(programme, today),
                sheet_title="Продолжительность пар",
            ),
            Section(
                heading="Удовлетворённость участников",
                blocks=[
                    satisfaction_table(programme),
                    Paragraph(
                        "Индекс — средний балл шкальных ответов, пересчитанный в 0–100 %.",
                        style="small",
                    ),
                ],
                sheet_title="Удовлетворённость",
            ),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(
            programme.school.short_name,
            "Мониторинг программы наставничества",
            detail=programme.year.name.replace("/", "-"),
        ),
        **programme_header(programme),
    )
