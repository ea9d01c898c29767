"""What the monitoring documents share: the restriction mark, indicator cells, the schools of a
municipality in a year, and the tables of monitoring stages 1 and 2 of a programme."""

from __future__ import annotations

import datetime

from mentoring.models import AcademicYear, Municipality, Programme
from registry.selectors import closure_rates
from surveys.analytics import survival
from surveys.analytics.effect import BENCHMARK_TEXT
from surveys.analytics.growth import Characteristic, GrowthRow, growth_report
from surveys.analytics.quality import QualityReport, latest_quality_distribution, quality_report
from surveys.analytics.summary import question_summaries

from ..documents import Chart, Column, Paragraph, Row, Table
from ..indicators import INDICATORS, Indicator

FOR_OFFICIAL_USE = "Для служебного пользования"
NOT_RUN_STAGE_1 = "Анкета мониторинга этапа 1 (качество программы) в школе не проводилась."
NOT_RUN_STAGE_2 = (
    "Нет характеристик, измеренных на входе и на выходе у одних и тех же участников пары."
)


def indicator_kind(indicator: Indicator) -> str:
    """The document column kind: shares are percent cells, counts and the index — numbers."""
    return "percent" if indicator.kind == "percent" else "number"


def indicator_groups() -> list[tuple[str, list[Indicator]]]:
    groups: dict[str, list[Indicator]] = {}
    for indicator in INDICATORS:
        groups.setdefault(indicator.group, []).append(indicator)
    return list(groups.items())


def indicator_table(
    figures: dict, day: datetime.date, *, caption: str = "", indicators=None
) -> Table:
    """Indicator by indicator: counts and the index in «Значение», shares in «Доля»; ``day``
    names the month of the counts of the period."""
    rows = []
    for indicator in INDICATORS if indicators is None else indicators:
        value = figures.get(indicator.key)
        percent = indicator.kind == "percent"
        rows.append(
            Row(
                [
                    indicator.group,
                    indicator.label_for(day),
                    None if percent else value,
                    value if percent else None,
                ]
            )  # fmt: skip
        )
    columns = [
        Column("Раздел", width=18),
        Column("Показатель", width=44),
        Column("Значение", width=12, kind="number"),
        Column("Доля", width=10, kind="percent"),
    ]
    return Table(columns, rows, caption=caption)


def by_form_table(items: list[dict], *, caption: str = "Участники по формам наставничества"):
    columns = [
        Column("Форма наставничества", width=30),
        Column("Пар и групп", width=12, kind="number"),
        Column("Наставников", width=12, kind="number"),
        Column("Наставляемых", width=12, kind="number"),
    ]
    rows = [Row([item["form"], item["pairs"], item["mentors"], item["mentees"]]) for item in items]
    return Table(columns, rows, caption=caption, empty_text="Нет пар и групп")


def programmes_on(municipality: Municipality, day: datetime.date):
    """The municipality's programmes of the academic year containing ``day``, by school."""
    return (
        Programme.objects.filter(
            school__municipality=municipality,
            year__start_date__lte=day,
            year__end_date__gte=day,
        )
        .select_related("school", "year")
        .order_by("school__short_name", "school_id")
    )


def academic_year_of(year_start: int) -> AcademicYear | None:
    """The stored academic year that begins in ``year_start`` (2026 → 2026/2027)."""
    return AcademicYear.objects.filter(start_date__year=year_start).order_by("start_date").first()


def stage1_quality(programme: Programme) -> QualityReport | None:
    """Stage 1 of the latest quality questionnaire of the programme; None where none was run."""
    distribution = latest_quality_distribution(programme)
    if distribution is None:
        return None
    report = quality_report(question_summaries([distribution]))
    return None if report.is_empty else report


def stage2_growth(programme: Programme) -> list[Characteristic]:
    return growth_report(programme)


def aspects_text(aspects) -> str:
    return "; ".join(f"{aspect.text} ({aspect.mean:g})" for aspect in aspects) or "—"


def quality_blocks(quality: QualityReport | None) -> list:
    if quality is None:
        return [Paragraph(NOT_RUN_STAGE_1)]
    columns = [
        Column("Аспект программы (вопрос анкеты)", width=60),
        Column("Средний балл (1–10)", width=14, kind="number"),
        Column("Оценка", width=18),
    ]
    ranked = Table(
        columns,
        [Row([a.text, a.mean, a.verdict or "—"]) for a in quality.ranked],
        caption="Сильные стороны — средний балл от 7, слабые — до 5",
    )
    blocks = [
        Paragraph(f"Сильные стороны: {aspects_text(quality.strengths)}."),
        Paragraph(f"Слабые стороны: {aspects_text(quality.weaknesses)}."),
        ranked,
    ]
    if quality.gaps:
        gap_columns = [
            Column("Ожидания", width=36),
            Column("Реальный результат", width=36),
            Column("Ожидания, балл", width=10, kind="number"),
            Column("Результат, балл", width=10, kind="number"),
            Column("Разница", width=10, kind="number"),
        ]
        blocks.append(
            Table(
                gap_columns,
                [
                    Row([g.expected, g.real, g.expected_mean, g.real_mean, g.difference])
                    for g in quality.gaps
                ],
                caption="Ожидания участников против реальных результатов",
            )
        )
    return blocks


EFFECT_COLUMNS = [
    Column("Величина эффекта g [95 % ДИ]", width=18),
    Column("Сравнение с ориентиром", width=16),
]
EFFECT_NOTE = (
    "Величина эффекта — g Хеджеса по парам, измеренным на входе и на выходе (положительная — "
    "улучшение, для тревожности и выгорания — снижение); «в пределах ориентира» — 95 % "
    "доверительный интервал содержит 0,21; при числе пар меньше 3 эффект не считается. "
    f"{BENCHMARK_TEXT}."
)


def effect_cells(row: GrowthRow) -> list[str]:
    effect = row.effect
    if effect is None or not effect.available:
        return ["—", effect.reason if effect else ""]
    return [effect.text, effect.reading]


def growth_blocks(characteristics: list[Characteristic]) -> list:
    if not characteristics:
        return [Paragraph(NOT_RUN_STAGE_2)]
    columns = [
        Column("Характеристика", width=26),
        Column("Пар с замерами", width=9, kind="number"),
        Column("Вход", width=8, kind="number"),
        Column("Выход", width=8, kind="number"),
        Column("Изменение", width=9, kind="number"),
        Column("Итог", width=12),
        *EFFECT_COLUMNS,
    ]
    rows = [
        Row(
            [
                c.name,
                c.total.pairs,
                c.total.input_mean,
                c.total.output_mean,
                c.total.change,
                c.total.verdict,
                *effect_cells(c.total),
            ],
            tone="success" if c.total.improved else "",
        )
        for c in characteristics
    ]
    form_columns = [
        Column("Характеристика", width=22),
        Column("Форма наставничества", width=22),
        Column("Пар с замерами", width=9, kind="number"),
        Column("Изменение", width=9, kind="number"),
        *EFFECT_COLUMNS,
    ]
    form_rows = [
        Row([c.name, row.label, row.pairs, row.change, *effect_cells(row)])
        for c in characteristics
        for row in c.by_form
    ]
    improved = sum(1 for c in characteristics if c.total.improved)
    return [
        Paragraph(
            f"Улучшились {improved} из {len(characteristics)} измеренных характеристик "
            "(для тревожности и выгорания улучшение — снижение)."
        ),
        Table(columns, rows, caption="Школа в целом: средние по парам, вход → выход"),
        Table(form_columns, form_rows, caption="По формам наставничества"),
        Paragraph(EFFECT_NOTE, style="small"),
    ]


DURATION_TITLE = "Доля пар, продолжающих работу (Каплан — Мейер)"
DURATION_NOTE = (
    "Кривая Каплана — Мейера: событие — досрочное прекращение; завершившие работу пары учитываются "
    "до дня окончания, работающие — до дня отчёта (цензурирование); пара, продолжающая работу "
    "прошлого учебного года, считается от начала первой."
)


def duration_blocks(programme: Programme, day: datetime.date) -> list:
    """Pair-duration curves by form with 3/6/12-month shares and the early-closure rates."""
    pairs = programme.pairs.all()
    curves = survival.duration_curves(pairs, day)
    blocks: list = []
    if curves:
        blocks += [
            Chart(survival.survival_chart(curves, title=DURATION_TITLE), DURATION_TITLE),
            Table(
                [
                    Column("Форма наставничества", width=26),
                    Column("Пар", width=8, kind="number"),
                    Column("Досрочно прекращено", width=12, kind="number"),
                    Column("Через 3 месяца", width=10),
                    Column("Через 6 месяцев", width=10),
                    Column("Через 12 месяцев", width=10),
                    Column("Медиана продолжительности", width=18),
                ],
                [
                    Row([c.label, c.pairs, c.early, *c.milestone_texts, c.median_text])
                    for c in curves
                ],
                caption="Доля пар, продолжающих работу",
            ),
            Paragraph(DURATION_NOTE, style="small"),
        ]
    else:
        blocks.append(Paragraph("Пар с датой начала работы нет."))
    rates = closure_rates(pairs)
    blocks += [
        Table(
            [
                Column("Форма наставничества", width=30),
                Column("Закрыто пар", width=10, kind="number"),
                Column("Из них досрочно", width=10, kind="number"),
                Column("Досрочно прекращено", width=12, kind="percent"),
            ],
            [
                Row(
                    [label, rate.closed, rate.early, rate.rate],
                    tone="warning" if rate.above_benchmark else "",
                )
                for label, rate in [*rates.by_form, ("Все формы", rates.total)]
            ],
            caption="Досрочное прекращение среди закрытых пар",
        ),
        Paragraph(survival.CLOSURE_BENCHMARK_TEXT, style="small"),
    ]
    return blocks
