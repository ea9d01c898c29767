"""Monitoring stage 2: input → output change of each measured characteristic.

A respondent counts only when they answered both an input-phase and an output-phase
distribution of the same questionnaire in the programme (matched by Response.participant).
A respondent's value is the mean of their scale answers to the characteristic's questions;
a pair's value is the mean of its respondents; a form's and the school's — the mean of the pairs.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from registry.models import Pair

from ..models import Answer, Phase, Question, Questionnaire
from .effect import EffectSize, effect_size
from .figures import mean

IMPROVED = "улучшение"
WORSENED = "ухудшение"
UNCHANGED = "без изменений"


@dataclass
class GrowthRow:
    label: str
    input_mean: float
    output_mean: float
    pairs: int = 1
    change: float = field(init=False)
    improved: bool = field(init=False)
    higher_is_better: bool = True
    effect: EffectSize | None = None  # Hedges' g over the pairs (``effect``); None for one pair

    def __post_init__(self) -> None:
        raw = self.output_mean - self.input_mean
        self.improved = raw > 0 if self.higher_is_better else raw < 0
        self.change = round(raw, 2)
        self.input_mean = round(self.input_mean, 2)
        self.output_mean = round(self.output_mean, 2)

    @property
    def verdict(self) -> str:
        if self.improved:
            return IMPROVED
        return UNCHANGED if self.change == 0 else WORSENED


@dataclass
class Characteristic:
    name: str
    higher_is_better: bool
    by_pair: list[GrowthRow]
    by_form: list[GrowthRow]
    total: GrowthRow


def _answers(programme):
    return (
        Answer.objects.filter(
            response__distribution__programme=programme,
            response__distribution__questionnaire__purpose=Questionnaire.Purpose.MONITORING_GROWTH,
            response__participant__isnull=False,
            question__kind=Question.Kind.SCALE,
            number__isnull=False,
        )
        .exclude(question__measure="")
        .values_list(
            "question__measure",
            "question__higher_is_better",
            "response__distribution__questionnaire_id",
            "response__participant_id",
            "response__phase",
            "response__distribution__phase",
            "response__pair_id",
            "number",
        )
    )


def _collect(programme):
    """measure key → (questionnaire, participant) → phase → numbers; plus names and pairs."""
    values = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    names, better, pair_of = {}, {}, {}
    for row in _answers(programme):
        measure, higher, questionnaire_id, participant_id, phase, fallback, pair_id, number = row
        phase = phase or fallback
        if phase not in (Phase.INPUT, Phase.OUTPUT):
            continue
        key = measure.strip().lower()
        names.setdefault(key, measure.strip())
        better.setdefault(key, higher)
        respondent = (questionnaire_id, participant_id)
        values[key][respondent][phase].append(number)
        if pair_id and (phase == Phase.OUTPUT or (key, respondent) not in pair_of):
            pair_of[(key, respondent)] = pair_id
    return values, names, better, pair_of


def _pair_means(respondents, key, pair_of) -> dict[int, tuple[float, float]]:
    per_pair = defaultdict(lambda: ([], []))
    for respondent, phases in respondents.items():
        pair_id = pair_of.get((key, respondent))
        if pair_id is None or not phases[Phase.INPUT] or not phases[Phase.OUTPUT]:
            continue
        per_pair[pair_id][0].append(mean(phases[Phase.INPUT]))
        per_pair[pair_id][1].append(mean(phases[Phase.OUTPUT]))
    return {pair_id: (mean(ins), mean(outs)) for pair_id, (ins, outs) in per_pair.items()}


def _row(label, means: list[tuple[float, float]], higher: bool, *, effect=True) -> GrowthRow:
    return GrowthRow(
        label=label,
        input_mean=mean(value for value, _ in means),
        output_mean=mean(value for _, value in means),
        pairs=len(means),
        higher_is_better=higher,
        effect=effect_size(means, higher_is_better=higher) if effect else None,
    )


def growth_report(programme) -> list[Characteristic]:
    """One entry per characteristic measured at both points in at least one pair."""
    values, names, better, pair_of = _collect(programme)
    measured = {key: _pair_means(values[key], key, pair_of) for key in values}
    pair_ids = {pair_id for means in measured.values() for pair_id in means}
    pairs = Pair.objects.select_related("form", "mentor__participant").in_bulk(pair_ids)
    result = []
    for key in sorted(measured, key=lambda k: names[k].lower()):
        means, higher = measured[key], better[key]
        if not means:
            continue
        ordered = sorted(means, key=lambda pair_id: str(pairs[pair_id]))
        by_form = defaultdict(list)
        for pair_id in ordered:
            by_form[pairs[pair_id].form].append(means[pair_id])
        result.append(
            Characteristic(
                name=names[key],
                higher_is_better=higher,
                by_pair=[_row(str(pairs[p]), [means[p]], higher, effect=False) for p in ordered],
                by_form=[
                    _row(form.name, rows, higher)
                    for form, rows in sorted(by_form.items(), key=lambda item: item[0].position)
                ],
                total=_row("Школа в целом", list(means.values()), higher),
            )
        )
    return result


def pair_growth(programme) -> dict[int, tuple[int, int]]:
    """pair id → (characteristics improved, characteristics measured at both points)."""
    values, _names, better, pair_of = _collect(programme)
    result: dict[int, list[int]] = {}
    for key in values:
        for pair_id, (before, after) in _pair_means(values[key], key, pair_of).items():
            improved = after > before if better[key] else after < before
            entry = result.setdefault(pair_id, [0, 0])
            entry[0] += int(improved)
            entry[1] += 1
    return {pair_id: (improved, measured) for pair_id, (improved, measured) in result.items()}
