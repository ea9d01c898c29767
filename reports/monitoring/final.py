"""The programme's final report (отчёт по итогам программы, stage 7): the result of every pair
and group, the two monitoring stages, best practices and awards.

No request categories appear: pairs are described by form, status, meetings, plan tasks and the
growth measured in monitoring stage 2.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from mentoring.models import Programme
from registry.models import Award, Case, Pair, PlanItem
from surveys.analytics.growth import pair_growth

from ..documents import Column, Document, Facts, Paragraph, Row, Section, Table
from .common import growth_blocks, quality_blocks, stage1_quality, stage2_growth
from .school import programme_header, satisfaction_table

PAIR_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Наставник", width=22),
    Column("Наставляемые", width=28),
    Column("Форма", width=16),
    Column("Статус", width=16),
    Column("Встреч проведено", width=10, kind="number"),
    Column("Задач ИПР выполнено", width=10, kind="number"),
    Column("Задач ИПР всего", width=10, kind="number"),
    Column("Рост (этап 2)", width=20),
]
CASE_COLUMNS = [
    Column("Практика", width=24),
    Column("Форма", width=14),
    Column("Что было сделано", width=36),
    Column("Результаты", width=36),
    Column("Можно публиковать", width=10),
]
AWARD_COLUMNS = [
    Column("Поощрение", width=30),
    Column("Кому", width=36),
    Column("Дата", width=12, kind="date"),
    Column("Формулировка", width=40),
]
PAIR_TONES = {Pair.Status.COMPLETED: "success", Pair.Status.TERMINATED: "muted"}


def _pairs(programme: Programme):
    return (
        Pair.objects.filter(programme=programme)
        .exclude(status=Pair.Status.DRAFT)
        .select_related("mentor__participant", "form")
        .prefetch_related("mentees__participant")
        .annotate(
            meetings_held=Count("meetings", distinct=True),
            tasks_total=Count(
                "plans__items",
                filter=~Q(plans__items__status=PlanItem.Status.DROPPED),
                distinct=True,
            ),
            tasks_done=Count(
                "plans__items", filter=Q(plans__items__status=PlanItem.Status.DONE), distinct=True
            ),
        )
        .order_by("form__position", "mentor__participant__last_name", "pk")
    )


def _growth_text(growth: tuple[int, int] | None) -> str:
    if not growth:
        return "не измерялся"
    improved, measured = growth
    return f"улучшились {improved} из {measured}"


def _award_recipient(award: Award) -> str:
    if award.recipient_name:
        return award.recipient_name
    if award.mentor:
        return award.mentor.participant.full_name
    if award.pair:
        return str(award.pair)
    return ""


def final_report_document(programme: Programme, today: datetime.date | None = None) -> Document:
    today = today or timezone.localdate()
    growth = pair_growth(programme)
    pairs = list(_pairs(programme))
    rows = []
    for number, pair in enumerate(pairs, start=1):
        mentees = sorted(m.participant.full_name for m in pair.mentees.all())
        rows.append(
            Row(
                [
                    number,
                    pair.mentor.participant.full_name,
                    ", ".join(mentees),
                    pair.form.name,
                    pair.get_status_display(),
                    pair.meetings_held,
                    pair.tasks_done,
                    pair.tasks_total,
                    _growth_text(growth.get(pair.pk)),
                ],
                tone=PAIR_TONES.get(pair.status, ""),
            )
        )
    statuses = Counter(pair.get_status_display() for pair in pairs)
    facts = [("Пар и групп (утверждённых)", len(pairs))]
    facts += [(label, statuses[label]) for label in Pair.Status.labels if statuses[label]]
    facts += [
        ("Встреч проведено", sum(p.meetings_held for p in pairs)),
        ("Задач ИПР выполнено", sum(p.tasks_done for p in pairs)),
        ("Задач ИПР всего (без снятых)", sum(p.tasks_total for p in pairs)),
        ("Пар с замерами роста", len(growth)),
    ]
    cases = Case.objects.filter(programme=programme).select_related("form")
    awards = Award.objects.filter(programme=programme).select_related(
        "mentor__participant", "pair__mentor__participant", "pair__form"
    )
    return Document(
        title="Отчёт по итогам программы наставничества",
        meta=[("Школа", programme.school.short_name), ("Данные на", f"{today:%d.%m.%Y}")],
        sections=[
            Section(heading="Итоги", blocks=[Facts(facts)], sheet_title="Итоги"),
            Section(
                heading="Результаты пар и групп",
                blocks=[
                    Table(PAIR_COLUMNS, rows, empty_text="Утверждённых пар и групп нет"),
                    Paragraph(
                        "Рост — число характеристик этапа 2, улучшившихся от входа к выходу, из "
                        "измеренных в паре в обеих точках. Снятые задачи ИПР не считаются.",
                        style="small",
                    ),
                ],
                sheet_title="Пары и группы",
            ),
            Section(
                heading="Мониторинг, этап 1. Качество реализации программы",
                blocks=quality_blocks(stage1_quality(programme)),
                sheet_title="Этап 1",
            ),
            Section(
                heading="Мониторинг, этап 2. Рост участников (вход → выход)",
                blocks=[*growth_blocks(stage2_growth(programme)), satisfaction_table(programme)],
                sheet_title="Этап 2",
            ),
            Section(
                heading="Лучшие практики",
                blocks=[
                    Table(
                        CASE_COLUMNS,
                        [
                            Row(
                                [
                                    case.title,
                                    case.form.name if case.form else "",
                                    case.what_was_done,
                                    case.results,
                                    case.publishable,
                                ]
                            )
                            for case in cases
                        ],
                        empty_text="Практики не добавлены",
                    )
                ],
                sheet_title="Практики",
            ),
            Section(
                heading="Поощрения",
                blocks=[
                    Table(
                        AWARD_COLUMNS,
                        [
                            Row(
                                [
                                    award.get_kind_display(),
                                    _award_recipient(award),
                                    award.awarded_on,
                                    award.note,
                                ]
                            )
                            for award in awards
                        ],
                        empty_text="Поощрений нет",
                    )
                ],
                sheet_title="Поощрения",
            ),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=(
            f"Итоги программы {programme.school.short_name} {programme.year.name.replace('/', '-')}"
        ),
        **programme_header(programme),
    )
