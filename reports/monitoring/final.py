"""The programme's final report (отчёт по итогам программы, stage 7): the result of every pair
and group, the two monitoring stages, best practices and awards.

No request categories appear: pairs are described by form, status, meetings, plan tasks and the
growth measured in monitoring stage 2.

Two versions (``named``, from the ``names.read`` permission): the school's staff get the
participants' names; the municipal officer gets the report depersonalised — pairs numbered, with
form, number of mentees, status and results; practices only those the school marked «можно
публиковать»; awards by kind and date, the recipient as a role or a pair's number, without the
wording.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Programme
from registry.models import Award, Case, Pair, PlanItem
from surveys.analytics.growth import pair_growth

from ..documents import Column, Document, Facts, Paragraph, Row, Section, Table
from .common import (
    duration_blocks,
    growth_blocks,
    quality_blocks,
    stage1_quality,
    stage2_growth,
)
from .school import programme_header, satisfaction_table

RESULT_COLUMNS = [
    Column("Статус", width=16),
    Column("Встреч проведено", width=10, kind="number"),
    Column("Задач ИПР выполнено", width=10, kind="number"),
    Column("Задач ИПР всего", width=10, kind="number"),
    Column("Рост (этап 2)", width=20),
]
PAIR_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Наставник", width=22),
    Column("Наставляемые", width=28),
    Column("Форма", width=16),
    *RESULT_COLUMNS,
]
DEPERSONALISED_PAIR_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Форма", width=22),
    Column("Наставляемых", width=12, kind="number"),
    *RESULT_COLUMNS,
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
DEPERSONALISED_AWARD_COLUMNS = AWARD_COLUMNS[:3]
DEPERSONALISED_NOTE = (
    "Обезличенная версия для муниципального наставнического центра: без имён участников; "
    "пары и группы пронумерованы, практики — только отмеченные школой «можно публиковать»."
)
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


def _award_role(award: Award, numbers: dict[int, int]) -> str:
    """The recipient without a name: a pair by its number in the report, or a role."""
    if award.pair_id in numbers:
        return f"пара (группа) № {numbers[award.pair_id]}"
    if award.mentor:
        return f"наставник ({award.mentor.participant.get_kind_display().lower()})"
    if award.kind == Award.Kind.PARENTS_LETTER:
        return "родители наставляемого"
    return ""


def _pair_row(number: int, pair: Pair, growth, *, named: bool) -> Row:
    results = [
        pair.get_status_display(),
        pair.meetings_held,
        pair.tasks_done,
        pair.tasks_total,
        _growth_text(growth.get(pair.pk)),
    ]
    mentees = pair.mentees.all()
    if named:
        names = ", ".join(sorted(m.participant.full_name for m in mentees))
        who = [pair.mentor.participant.full_name, names, pair.form.name]
    else:
        who = [pair.form.name, len(mentees)]
    return Row([number, *who, *results], tone=PAIR_TONES.get(pair.status, ""))


def final_report_document(
    programme: Programme, *, named: bool, today: datetime.date | None = None
) -> Document:
    """``named``: with participants' names (the school's staff), else depersonalised."""
    today = today or timezone.localdate()
    growth = pair_growth(programme)
    pairs = list(_pairs(programme))
    numbers = {pair.pk: number for number, pair in enumerate(pairs, start=1)}
    rows = [_pair_row(numbers[pair.pk], pair, growth, named=named) for pair in pairs]
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
    if not named:
        cases = cases.filter(publishable=True)
    awards = Award.objects.filter(programme=programme).select_related(
        "mentor__participant", "pair__mentor__participant", "pair__form"
    )
    if named:
        award_table = Table(
            AWARD_COLUMNS,
            [
                Row([a.get_kind_display(), _award_recipient(a), a.awarded_on, a.note])
                for a in awards
            ],
            empty_text="Поощрений нет",
        )
    else:
        award_table = Table(
            DEPERSONALISED_AWARD_COLUMNS,
            [Row([a.get_kind_display(), _award_role(a, numbers), a.awarded_on]) for a in awards],
            empty_text="Поощрений нет",
        )
    return Document(
        title="Отчёт по итогам программы наставничества",
        meta=[("Школа", programme.school.short_name), ("Данные на", f"{today:%d.%m.%Y}")],
        sections=[
            Section(
                heading="Итоги",
                blocks=[Facts(facts)] if named else [Facts(facts), Paragraph(DEPERSONALISED_NOTE)],
                sheet_title="Итоги",
            ),
            Section(
                heading="Результаты пар и групп",
                blocks=[
                    Table(
                        PAIR_COLUMNS if named else DEPERSONALISED_PAIR_COLUMNS,
                        rows,
                        empty_text="Утверждённых пар и групп нет",
                    ),
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
                heading="Продолжительность работы пар",
                blocks=duration_blocks(programme, today),
                sheet_title="Продолжительность пар",
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
            Section(heading="Поощрения", blocks=[award_table], sheet_title="Поощрения"),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(
            programme.school.short_name,
            "Итоги программы наставничества",
            detail=programme.year.name.replace("/", "-"),
        ),
        **programme_header(programme),
    )
