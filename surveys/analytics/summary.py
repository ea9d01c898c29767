"""Per-question figures of one distribution, or of several distributions of one questionnaire."""

from collections import Counter
from dataclasses import dataclass, field

from ..models import Answer, Distribution, Question
from .figures import mean, rounded

YES, NO = "Да", "Нет"
CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO}


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    options: list[tuple[str, int]] = field(default_factory=list)
    scale: list[tuple[int, int]] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def is_scale(self) -> bool:
        return self.question.is_scale

    @property
    def has_options(self) -> bool:
        return self.question.kind in CHOICE_KINDS


def _questionnaire_id(distributions: list[Distribution]) -> int:
    ids = {distribution.questionnaire_id for distribution in distributions}
    if len(ids) != 1:
        raise ValueError("distributions must share one questionnaire")
    return ids.pop()


def _options(question: Question, rows: list[tuple]) -> list[tuple[str, int]]:
    if question.kind == Question.Kind.YES_NO:
        counts = Counter(number for _text, number, _choices in rows if number is not None)
        return [(YES, counts[1]), (NO, counts[0])]
    counts = Counter(choice for _text, _number, choices in rows for choice in choices or [])
    listed = [(str(option), counts.pop(option, 0)) for option in question.options]
    # Options removed from the questionnaire after answers came in are still counted.
    return listed + sorted(counts.items())


def _summary(question: Question, rows: list[tuple]) -> QuestionSummary:
    summary = QuestionSummary(question=question, answered=len(rows))
    if question.is_scale:
        numbers = [number for _text, number, _choices in rows if number is not None]
        counts = Counter(numbers)
        summary.scale = [(value, counts[value]) for value in question.scale_values]
        summary.mean = rounded(mean(numbers))
    elif question.kind in CHOICE_KINDS:
        summary.options = _options(question, rows)
    else:
        summary.texts = [text for text, _number, _choices in rows if text.strip()]
    return summary


def question_summaries(distributions) -> list[QuestionSummary]:
    """One summary per question, in questionnaire order; two queries whatever the answer count."""
    if isinstance(distributions, Distribution):
        distributions = [distributions]
    distributions = list(distributions)
    questionnaire_id = _questionnaire_id(distributions)
    questions = list(
        Question.objects.filter(questionnaire_id=questionnaire_id).order_by("position", "id")
    )
    rows: dict[int, list[tuple]] = {question.pk: [] for question in questions}
    answers = (
        Answer.objects.filter(response__distribution__in=distributions)
        .order_by("response__submitted_at", "id")
        .values_list("question_id", "text", "number", "choices")
    )
    for question_id, text, number, choices in answers:
        rows.setdefault(question_id, []).append((text, number, choices))
    return [_summary(question, rows[question.pk]) for question in questions]
