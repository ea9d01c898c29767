"""The May assessment of the quality of the schools' mentoring programmes (roadmap 4.3).

Per school: roadmap completion, pairs completed and terminated early, coverage of students,
satisfaction index, monitoring stage 1 (strengths and weaknesses, where the school ran the
quality questionnaire) and stage 2 (characteristics improved of measured), and a verdict by the
transparent rule in ``CRITERIA`` and ``VERDICTS`` — printed in the document itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import AcademicYear, Municipality, Programme
from surveys.analytics.quality import QualityReport

from ..documents import Column, Document, Paragraph, Row, Section, Table
from ..indicators import ratio, school_indicators
from .common import aspects_text, programmes_on, stage1_quality

HIGH = "высокое"
SUFFICIENT = "достаточное"
ATTENTION = "требует внимания"


@dataclass(frozen=True)
class Criterion:
    key: str
    text: str


# Each criterion is met or not; a criterion without data (no questionnaire, no measurements,
# no pairs) is not met: the assessment rewards what the school can show.
ROADMAP_FROM = 0.8
COVERAGE_FROM = 0.2
SATISFACTION_FROM = 70.0
GROWTH_SHARE_FROM = 0.5
TERMINATED_UP_TO = 0.1
CRITERIA = [
    Criterion("roadmap", f"дорожная карта выполнена не менее чем на {ROADMAP_FROM:.0%}"),
    Criterion("coverage", f"охват обучающихся от 10 лет — не менее {COVERAGE_FROM:.0%}"),
    Criterion("satisfaction", f"индекс удовлетворённости — не ниже {SATISFACTION_FROM:g} из 100"),
    Criterion(
        "growth",
        f"на этапе 2 улучшилось не менее {GROWTH_SHARE_FROM:.0%} измеренных характеристик",
    ),
    Criterion(
        "terminated",
        f"досрочно прекращено не более {TERMINATED_UP_TO:.0%} утверждённых пар и групп",
    ),
]
# (least criteria met, verdict), from the highest.
VERDICTS = [(4, HIGH), (2, SUFFICIENT), (0, ATTENTION)]


def rule_text() -> str:
    criteria = "; ".join(f"{n}) {c.text}" for n, c in enumerate(CRITERIA, start=1))
    return (
        f"Правило оценки. Критерии: {criteria}. Критерий без данных считается невыполненным. "
        f"Оценка «{HIGH}» — выполнено не менее {VERDICTS[0][0]} из {len(CRITERIA)} критериев, "
        f"«{SUFFICIENT}» — {VERDICTS[1][0]}–{VERDICTS[0][0] - 1}, «{ATTENTION}» — меньше "
        f"{VERDICTS[1][0]}."
    )


def terminated_share(figures: dict) -> float | None:
    """Terminated early among the pairs that got past the draft."""
    started = sum(
        figures.get(key) or 0
        for key in ("pairs_approved", "pairs_active", "pairs_completed", "pairs_terminated")
    )
    return ratio(figures.get("pairs_terminated") or 0, started)


def criteria_met(figures: dict) -> dict[str, bool]:
    def at_least(value, threshold) -> bool:
        return value is not None and value >= threshold

    measured = figures.get("growth_characteristics") or 0
    terminated = terminated_share(figures)
    return {
        "roadmap": at_least(figures.get("roadmap_progress"), ROADMAP_FROM),
        "coverage": at_least(figures.get("students_coverage"), COVERAGE_FROM),
        "satisfaction": at_least(figures.get("satisfaction_index"), SATISFACTION_FROM),
        "growth": bool(measured)
        and at_least(ratio(figures.get("growth_improved") or 0, measured), GROWTH_SHARE_FROM),
        "terminated": terminated is not None and terminated <= TERMINATED_UP_TO,
    }


def quality_verdict(figures: dict) -> tuple[str, int]:
    """(verdict, number of criteria met) of a school's indicator figures."""
    met = sum(criteria_met(figures).values())
    for least, verdict in VERDICTS:
        if met >= least:
            return verdict, met
    return ATTENTION, met


@dataclass
class SchoolQuality:
    programme: Programme
    figures: dict
    quality: QualityReport | None
    verdict: str
    met: int


def assessment_day(year: AcademicYear, today: datetime.date) -> datetime.date:
    return min(today, year.end_date)


def quality_rows(
    municipality: Municipality, year: AcademicYear, today: datetime.date | None = None
) -> list[SchoolQuality]:
    today = today or timezone.localdate()
    day = assessment_day(year, today)
    rows = []
    for programme in programmes_on(municipality, year.start_date).filter(year=year):
        figures = school_indicators(programme, day)
        verdict, met = quality_verdict(figures)
        rows.append(SchoolQuality(programme, figures, stage1_quality(programme), verdict, met))
    return rows


VERDICT_TONES = {HIGH: "success", SUFFICIENT: "", ATTENTION: "warning"}
ASSESSMENT_COLUMNS = [
    Column("Школа", width=24),
    Column("Дорожная карта", width=11, kind="percent"),
    Column("Пар завершили работу", width=11, kind="number"),
    Column("Пар прекращено досрочно", width=11, kind="number"),
    Column("Охват обучающихся", width=11, kind="percent"),
    Column("Индекс удовлетворённости", width=12, kind="number"),
    Column("Этап 2: улучшилось", width=11, kind="number"),
    Column("Этап 2: измерено", width=11, kind="number"),
    Column("Критериев выполнено", width=11, kind="number"),
    Column("Оценка", width=16),
]
STAGES_COLUMNS = [
    Column("Школа", width=20),
    Column("Этап 1: сильные стороны", width=34),
    Column("Этап 1: слабые стороны", width=34),
    Column("Этап 2: рост участников", width=22),
]


def _assessment_row(row: SchoolQuality) -> Row:
    f = row.figures
    return Row(
        [
            row.programme.school.short_name,
            f.get("roadmap_progress"),
            f.get("pairs_completed"),
            f.get("pairs_terminated"),
            f.get("students_coverage"),
            f.get("satisfaction_index"),
            f.get("growth_improved"),
            f.get("growth_characteristics"),
            row.met,
            row.verdict,
        ],
        tone=VERDICT_TONES[row.verdict],
    )


def _stages_row(row: SchoolQuality) -> Row:
    if row.quality is None:
        strengths = weaknesses = "анкета этапа 1 не проводилась"
    else:
        strengths = aspects_text(row.quality.strengths)
        weaknesses = aspects_text(row.quality.weaknesses)
    measured = row.figures.get("growth_characteristics") or 0
    growth = (
        f"улучшились {row.figures.get('growth_improved') or 0} из {measured} характеристик"
        if measured
        else "замеров на входе и выходе нет"
    )
    return Row([row.programme.school.short_name, strengths, weaknesses, growth])


def quality_assessment_document(
    municipality: Municipality, year: AcademicYear, today: datetime.date | None = None
) -> Document:
    today = today or timezone.localdate()
    rows = quality_rows(municipality, year, today)
    counts = {verdict: sum(1 for r in rows if r.verdict == verdict) for _, verdict in VERDICTS}
    summary = ", ".join(f"«{verdict}» — {count}" for verdict, count in counts.items())
    return Document(
        title="Оценка качества реализации программ наставничества",
        subtitle=f"{year.name} учебный год",
        organisation=municipality.centre_name or municipality.name,
        meta=[
            ("Муниципалитет", municipality.name),
            ("Данные на", f"{assessment_day(year, today):%d.%m.%Y}"),
            ("Школ", str(len(rows))),
        ],
        sections=[
            Section(
                heading="Оценка по школам",
                blocks=[
                    Paragraph(f"Школ с оценкой: {summary}."),
                    Table(ASSESSMENT_COLUMNS, [_assessment_row(r) for r in rows]),
                ],
                sheet_title="Оценка",
            ),
            Section(
                heading="Мониторинг: этап 1 (качество) и этап 2 (рост участников)",
                blocks=[
                    Table(STAGES_COLUMNS, [_stages_row(r) for r in rows]),
                    Paragraph(
                        "Этап 1 — по последней анкете мониторинга качества школы: сильные "
                        "стороны — средний балл от 7, слабые — до 5 (шкала 1–10). Этап 2 — "
                        "характеристики, измеренные на входе и выходе у одних и тех же "
                        "участников.",
                        style="small",
                    ),
                ],
                sheet_title="Этапы мониторинга",
            ),
            Section(
                heading="Правило оценки",
                blocks=[Paragraph(rule_text())],
                sheet_title="Правило",
            ),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(
            municipality.name, "Оценка качества программ", detail=year.name.replace("/", "-")
        ),
    )
