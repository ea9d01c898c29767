"""The scores of every mentee × mentor pair at once, as ``scoring.score`` gives them one by one.

The request and competency overlaps are products of sparse stem matrices. Every other rule is
evaluated by its own function of ``scoring`` once per distinct combination of what it reads
(kinds, grades, experience, documents: far fewer combinations than pairs, even for a
municipality) and spread over the matrix by index, so the rules and their constants stay in one
place. Reasons are not built here: ``scoring.score`` explains the pairs a page shows.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..document_checks import Flags
from ..models import Mentee, Mentor
from ..services.pairs import people_problems
from .scoring import (
    CRITERIA,
    Context,
    Request,
    _age,
    _mentor_profile,
    age_key,
    capacity_fraction,
    competence_fraction,
    document_key,
    form_fit,
    form_key,
    free_places,
    subject_fraction,
    subject_stems,
)


@dataclass
class Scores:
    """``value[i, j]`` and ``fits[i, j]`` are ``score(mentees[i], mentors[j]).score`` and
    ``.fits``."""

    value: np.ndarray
    fits: np.ndarray


def _overlaps(left: Sequence[set], right: Sequence[set]) -> np.ndarray:
    """``overlap[i, j]``: ``left[i] & right[j]`` is not empty (a product of sparse incidences)."""
    vocabulary: dict[str, int] = {}

    def incidence(sets):
        columns = [vocabulary.setdefault(s, len(vocabulary)) for found in sets for s in found]
        pointers = np.cumsum([0] + [len(found) for found in sets])
        return np.ones(len(columns), dtype=np.int32), np.array(columns, dtype=np.intp), pointers

    a, b = incidence(left), incidence(right)
    size = max(len(vocabulary), 1)
    a = sparse.csr_matrix(a, shape=(len(left), size))
    b = sparse.csr_matrix(b, shape=(len(right), size))
    return (a @ b.T).toarray() > 0


def _by_combination(
    rule: Callable,
    mentees: Sequence,
    mentee_key: Callable[[object], Hashable],
    mentors: Sequence,
    mentor_key: Callable[[object], Hashable],
    dtype=float,
) -> np.ndarray:
    """``rule(mentee, mentor)`` for every pair, evaluated once per distinct pair of keys."""

    def index(rows, key):
        seen: dict[Hashable, int] = {}
        firsts, positions = [], []
        for row in rows:
            k = key(row)
            if k not in seen:
                seen[k] = len(firsts)
                firsts.append(row)
            positions.append(seen[k])
        return firsts, np.array(positions, dtype=np.intp)

    mentee_firsts, mentee_at = index(mentees, mentee_key)
    mentor_firsts, mentor_at = index(mentors, mentor_key)
    table = np.array(
        [[rule(mentee, mentor) for mentor in mentor_firsts] for mentee in mentee_firsts],
        dtype=dtype,
    ).reshape(len(mentee_firsts), len(mentor_firsts))
    return table[mentee_at[:, None], mentor_at[None, :]]


def score_matrix(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], ctx: Context, requests: Sequence[Request]
) -> Scores:
    """The scores and fitness of every pair; ``requests[i]`` is ``mentee_stems(mentees[i])``."""
    shape = (len(mentees), len(mentors))
    if not all(shape):
        return Scores(np.zeros(shape), np.zeros(shape, dtype=bool))
    profiles = [_mentor_profile(mentor, ctx) for mentor in mentors]
    wanted = [request.every for request in requests]

    competencies = [set().union(*(own for _, own in profile[0])) for profile in profiles]
    matched = _overlaps(wanted, competencies)
    offered = _overlaps(wanted, [profile[1] for profile in profiles])
    table = np.array([[competence_fraction(m, o) for o in (False, True)] for m in (False, True)])
    competence = table[matched.astype(np.intp), offered.astype(np.intp)]
    asks = np.array([bool(stems) for stems in wanted])[:, None]

    subjects = [subject_stems(mentee.participant) for mentee in mentees]
    own = [profile[2] | union for profile, union in zip(profiles, competencies, strict=True)]
    subject = np.where(_overlaps(subjects, own), subject_fraction(True), subject_fraction(False))
    teaches = np.array([bool(stems) for stems in subjects])[:, None]

    def fitting_form(mentee, mentor):
        fraction = form_fit(mentor, mentee, ctx)[0]
        return np.nan if fraction is None else fraction

    form = _by_combination(
        fitting_form,
        mentees,
        lambda mentee: form_key(mentee.participant),
        mentors,
        lambda mentor: form_key(mentor.participant),
    )
    form_fits = ~np.isnan(form)

    def age_fraction(mentee, mentor):
        fraction = _age(mentor, mentee)[0]
        return np.nan if fraction is None else fraction

    age = _by_combination(
        age_fraction,
        mentees,
        lambda mentee: age_key(mentee.participant),
        mentors,
        lambda mentor: age_key(mentor.participant),
    )

    free = np.array([free_places(mentor, ctx) for mentor in mentors])
    capacity = np.array([capacity_fraction(m, f) for m, f in zip(mentors, free, strict=True)])

    # The same additions, in the same order, as ``scoring.score``.
    parts = {
        "competence": (competence, asks),
        "subject": (subject, teaches),
        "form": (np.where(form_fits, form, 0.0), True),
        "age": (age, ~np.isnan(age)),
        "capacity": (capacity[None, :], True),
    }
    w = ctx.weights
    total, points = np.zeros(shape, dtype=np.int64), np.zeros(shape)
    for key in CRITERIA:
        fraction, applies = parts[key]
        total = total + np.where(applies, w[key], 0)
        points = np.where(applies, points + w[key] * fraction, points)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(total > 0, np.rint(100 * points / np.maximum(total, 1)), 0.0)

    flags = {}

    def flags_of(person):
        return flags[person.pk]

    def documents_fit(mentee, mentor):
        flags[mentor.participant_id] = Flags.of(mentor)
        flags[mentee.participant_id] = Flags.of(mentee)
        return not people_problems(mentor.participant, [mentee.participant], ctx.today, flags_of)

    documents = _by_combination(
        documents_fit,
        mentees,
        lambda mentee: document_key(mentee.participant, Flags.of(mentee), ctx.today),
        mentors,
        lambda mentor: document_key(mentor.participant, Flags.of(mentor), ctx.today),
        dtype=bool,
    )
    in_registry = np.array([mentor.in_registry for mentor in mentors])
    mentor_people = np.array([mentor.participant_id for mentor in mentors])
    mentee_people = np.array([mentee.participant_id for mentee in mentees])
    waits = np.array([bool(ctx.rematch_waits.get(m.participant_id)) for m in mentees])
    fits = (
        documents
        & form_fits
        & in_registry[None, :]
        & (free > 0)[None, :]
        & (mentee_people[:, None] != mentor_people[None, :])
        & ~waits[:, None]
    )
    value = np.where(fits, np.maximum(value, 1), value)
    return Scores(value, fits)
