"""The whole-base proposal: waiting mentees assigned to registry mentors, best total score.

Each mentor with free places becomes that many slots; ``scipy.optimize.linear_sum_assignment``
maximises the total score over the mentee × slot matrix. An unfit pair costs the same as leaving
the mentee without a mentor (0), so it is never preferred and is dropped from the result: the
assignment is a maximum-weight matching under the capacities.

The scores come from ``matrix.score_matrix`` (every pair at once); ``scoring.score`` explains
only what the page shows: the proposed pairs and, for a mentee no mentor fits, the whole row.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..document_checks import with_document_flags
from ..models import Mentee
from .matrix import score_matrix
from .scoring import Context, Reason, Suggestion, mentee_stems, mentor_rows, score

SUPPORT = "Рекомендуется психолого-педагогическая поддержка и продолжение поиска наставника."


@dataclass
class Proposal:
    mentee: Mentee
    suggestion: Suggestion

    @property
    def mentor(self):
        return self.suggestion.mentor

    @property
    def score(self) -> int:
        return self.suggestion.score

    @property
    def reasons(self) -> list[Reason]:
        return self.suggestion.reasons_for


@dataclass
class Unassigned:
    mentee: Mentee
    reasons: list[str]


def best_assignment(
    matrix: np.ndarray, fits: np.ndarray, slots: list[int]
) -> list[tuple[int, int]]:
    """(row, column) of the mentee × mentor matrix maximising the total score under capacities.

    ``slots[j]`` is how many mentees mentor ``j`` may still take; ``fits`` marks allowed pairs.
    """
    columns = [j for j, free in enumerate(slots) for _ in range(max(free, 0))]
    if not columns or not len(matrix):
        return []
    gain = np.where(fits, matrix, 0.0)[:, columns]
    rows, picked = linear_sum_assignment(-gain)
    return [(int(i), columns[k]) for i, k in zip(rows, picked, strict=True) if fits[i, columns[k]]]


def waiting_mentees(programme):
    return with_document_flags(
        programme.mentees.filter(status=Mentee.Status.WAITING)
        .select_related("participant", "programme__school")
        .prefetch_related("categories")
        .order_by("participant__last_name", "participant__first_name", "pk"),
        "participant",
    )


def propose(programme, *, ctx: Context | None = None, sensitive: bool = False):
    """(proposals, unassigned) for the waiting mentees of the programme.

    The same for every reader; ``sensitive`` (without ``ctx``) only changes the explanations.
    """
    school = programme.school
    ctx = ctx or Context.for_school(school, explain_sensitive=sensitive)
    mentees = list(waiting_mentees(programme))
    mentors = list(mentor_rows(school))
    requests = [mentee_stems(mentee) for mentee in mentees]
    scores = score_matrix(mentees, mentors, ctx, requests)
    slots = [mentor.capacity - ctx.loads.get(mentor.pk, 0) for mentor in mentors]
    chosen = dict(best_assignment(scores.value, scores.fits, slots))
    proposals, unassigned = [], []
    for i, (mentee, wanted) in enumerate(zip(mentees, requests, strict=True)):
        if i in chosen:
            proposals.append(Proposal(mentee, score(mentee, mentors[chosen[i]], ctx, wanted)))
            continue
        fitting = int(scores.fits[i].sum())
        if fitting:
            reasons = [
                f"подходящие наставники ({fitting}) заняты теми, кому они подходят больше",
                SUPPORT,
            ]
        else:
            reasons = _why([score(mentee, mentor, ctx, wanted) for mentor in mentors])
        unassigned.append(Unassigned(mentee, reasons))
    proposals.sort(key=lambda p: -p.score)
    return proposals, unassigned


def _why(row: list[Suggestion]) -> list[str]:
    """Why no mentor fits the mentee: the commonest hard reasons of the row."""
    if not row:
        return ["в базе наставников школы никого нет", SUPPORT]
    common = Counter(
        reason.text for s in row for reason in s.reasons_against if reason.hard
    ).most_common(2)
    return (
        ["нет подходящего наставника"]
        + [f"{text} ({count} из {len(row)})" for text, count in common]
        + [SUPPORT]
    )
