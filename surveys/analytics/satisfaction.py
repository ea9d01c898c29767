"""Satisfaction index: the mean of all scale answers of a distribution, as 0–100 %."""

from django.db.models import Avg, Count, Q

from ..models import Distribution, Question, Questionnaire

SCALE_MIN, SCALE_MAX = 1, 10


def satisfaction_index(mean: float | None) -> float | None:
    """(mean − 1) / 9 · 100, rounded to one decimal; None without answers."""
    if mean is None:
        return None
    return round((mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100, 1)


def satisfaction_distributions(programme) -> list[Distribution]:
    """The programme's satisfaction distributions, each with .index and .answered (one query)."""
    scale = Q(responses__answers__question__kind=Question.Kind.SCALE)
    distributions = list(
        Distribution.objects.filter(
            programme=programme, questionnaire__purpose=Questionnaire.Purpose.SATISFACTION
        )
        .select_related("questionnaire")
        .annotate(
            scale_mean=Avg("responses__answers__number", filter=scale),
            answered=Count("responses", distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    for distribution in distributions:
        distribution.index = satisfaction_index(distribution.scale_mean)
    return distributions
