"""Monitoring stage 1: strengths and weaknesses, expectations against real results."""

from dataclasses import dataclass

from ..models import Distribution, Questionnaire
from .summary import QuestionSummary

STRONG_FROM = 7
WEAK_UP_TO = 5
TOP = 3
STRENGTH = "сильная сторона"
WEAKNESS = "слабая сторона"
EXPECTATION_PREFIX = "ожидаем"
RESULT_PREFIX = "реальн"
EXPECTATION_MEASURE = "ожидания"
RESULT_MEASURE = "результат"


@dataclass
class Aspect:
    text: str
    mean: float
    verdict: str


@dataclass
class ExpectationGap:
    expected: str
    real: str
    expected_mean: float
    real_mean: float
    difference: float


@dataclass
class QualityReport:
    ranked: list[Aspect]
    strengths: list[Aspect]
    weaknesses: list[Aspect]
    gaps: list[ExpectationGap]

    @property
    def is_empty(self) -> bool:
        return not self.ranked


def verdict(value: float) -> str:
    if value >= STRONG_FROM:
        return STRENGTH
    if value <= WEAK_UP_TO:
        return WEAKNESS
    return ""


def _rated(summaries: list[QuestionSummary]) -> list[QuestionSummary]:
    return [s for s in summaries if s.is_scale and s.mean is not None]


def _is(summary: QuestionSummary, prefix: str, measure: str) -> bool:
    question = summary.question
    return (
        question.text.strip().lower().startswith(prefix)
        or question.measure.strip().lower() == measure
    )


def expectation_gaps(summaries: list[QuestionSummary]) -> list[ExpectationGap]:
    """«Ожидаем…» questions paired in order with «Реальн…» ones; difference = real − expected."""
    rated = _rated(summaries)
    expected = [s for s in rated if _is(s, EXPECTATION_PREFIX, EXPECTATION_MEASURE)]
    real = [s for s in rated if _is(s, RESULT_PREFIX, RESULT_MEASURE) and s not in expected]
    return [
        ExpectationGap(
            expected=before.question.text,
            real=after.question.text,
            expected_mean=before.mean,
            real_mean=after.mean,
            difference=round(after.mean - before.mean, 2),
        )
        for before, after in zip(expected, real, strict=False)
    ]


def quality_report(summaries: list[QuestionSummary]) -> QualityReport:
    """Scale questions by mean: up to 3 strengths (≥ 7) and 3 weaknesses (≤ 5)."""
    ranked = sorted(_rated(summaries), key=lambda s: (-s.mean, s.question.position))
    aspects = [Aspect(s.question.text, s.mean, verdict(s.mean)) for s in ranked]
    return QualityReport(
        ranked=aspects,
        strengths=[a for a in aspects if a.verdict == STRENGTH][:TOP],
        weaknesses=[a for a in reversed(aspects) if a.verdict == WEAKNESS][:TOP],
        gaps=expectation_gaps(summaries),
    )


def latest_quality_distribution(programme) -> Distribution | None:
    """The programme's latest distribution of a stage 1 (quality) questionnaire."""
    return (
        Distribution.objects.filter(
            programme=programme, questionnaire__purpose=Questionnaire.Purpose.MONITORING_QUALITY
        )
        .select_related("questionnaire")
        .order_by("-created_at", "-id")
        .first()
    )
