"""The vectorised scores equal the per-pair ``scoring.score`` on random schools, and the proposal
is the one the per-pair grid gave."""

import datetime
import random
from collections import Counter

import numpy as np
import pytest

from registry.matching import assignment, scoring
from registry.matching.matrix import score_matrix
from registry.models import (
    Certificate,
    Competency,
    Consent,
    MatchingWeights,
    Mentee,
    Mentor,
    MentoringForm,
    Pair,
    Participant,
    RequestCategory,
)
from registry.services.pairs import REMATCH_WAIT_DAYS

from .factories import ConsentFactory, MenteeFactory, MentorFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

SUBJECTS = ["математика", "физика", "литература", "история", "химия", "", "информатика"]
SKILLS = ["олимпиады", "проекты", "профориентация", "адаптация", "общение", "здоровье"]
REQUESTS = [
    "Хочу подтянуть математику",
    "Нужна помощь с проектом по физике",
    "Адаптация в новом коллективе",
    "",
    "Профориентация и выбор профессии",
    "Трудности в общении с одноклассниками",
]
OFFERS = ["", "Помогу с олимпиадами по математике", "Расскажу о профессии", "Проекты и химия"]


def _person(rng, school, today, n, *, student: bool):
    if student:
        grade = rng.randint(1, 11)
        age = 6 + grade + rng.choice([0, 0, 0, 1])
        born = today - datetime.timedelta(days=365 * age + rng.randint(-200, 200))
        return ParticipantFactory(
            school=school,
            last_name=f"Ученик{n}",
            kind=Participant.Kind.STUDENT,
            class_name=f"{grade}{rng.choice('АБ')}",
            birth_date=rng.choice([born, born, born, None]),
            position="",
            subject="",
        )
    return ParticipantFactory(
        school=school,
        last_name=f"Взрослый{n}",
        kind=rng.choice([Participant.Kind.TEACHER] * 3 + [Participant.Kind.PROFESSIONAL]),
        subject=rng.choice(SUBJECTS),
        experience_years=rng.choice([None, 0, 1, 3, 4, 5, 8, 20]),
    )


def _documents(rng, person, today):
    if rng.random() < 0.85:
        minor = person.is_minor(today)
        for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION):
            by_parent = minor if rng.random() < 0.9 else not minor
            ConsentFactory(
                participant=person,
                kind=kind,
                given_by=Consent.GivenBy.REPRESENTATIVE if by_parent else Consent.GivenBy.SELF,
            )
    if rng.random() < 0.6:
        Certificate.objects.create(
            participant=person,
            kind=Certificate.Kind.CRIMINAL_RECORD,
            issued_on=today - datetime.timedelta(days=300),
            valid_until=today + datetime.timedelta(days=rng.randint(-30, 300)),
        )
    if person.kind == Participant.Kind.TEACHER and rng.random() < 0.8:
        ConsentFactory(participant=person, kind=Consent.Kind.TEACHER_MENTORING)


def random_school(programme, today, seed: int, mentees: int, mentors: int):
    """A school with random people, documents, loads, early closures and weights."""
    rng = random.Random(seed)
    school = programme.school
    MatchingWeights.objects.update_or_create(
        school=school,
        defaults={"weights": {key: rng.choice([0, 5, 15, 35, 100]) for key in scoring.CRITERIA}},
    )
    skills = [Competency.objects.get_or_create(name=n)[0] for n in SUBJECTS[:-1] + SKILLS]
    categories = list(RequestCategory.objects.all())
    assert any(c.sensitive for c in categories)
    rows = []
    for n in range(mentors):
        person = _person(rng, school, today, n, student=rng.random() < 0.6)
        _documents(rng, person, today)
        mentor = MentorFactory(
            participant=person,
            status=rng.choice([Mentor.Status.SELECTED] * 4 + [Mentor.Status.CANDIDATE]),
            capacity=rng.choice([0, 1, 2, 3]),
            offer=rng.choice(OFFERS),
        )
        mentor.competencies.set(rng.sample(skills, rng.randint(0, 3)))
        rows.append(mentor)
    waiting = []
    for n in range(mentees):
        if n == 0:
            person = rows[0].participant  # a mentor who also waits for a mentor
        else:
            person = _person(rng, school, today, mentors + n, student=rng.random() < 0.75)
            _documents(rng, person, today)
        mentee = MenteeFactory(
            programme=programme, participant=person, request_text=rng.choice(REQUESTS)
        )
        mentee.categories.set(rng.sample(categories, rng.randint(0, 2)))
        waiting.append(mentee)
    forms = list(MentoringForm.objects.all())
    for k, mentee in enumerate(rng.sample(waiting, max(1, mentees // 5))):
        days = rng.randint(0, REMATCH_WAIT_DAYS + 5) if k else REMATCH_WAIT_DAYS - 1
        ended = today - datetime.timedelta(days=days)
        Pair.objects.create(
            programme=programme,
            mentor=rng.choice(rows),
            form=rng.choice(forms),
            status=Pair.Status.TERMINATED,
            ends_on=ended,
        ).mentees.add(mentee)
    for mentor in rng.sample(rows, max(1, mentors // 4)):
        busy = MenteeFactory(programme=programme, status=Mentee.Status.PAIRED)
        Pair.objects.create(
            programme=programme, mentor=mentor, form=rng.choice(forms), status=Pair.Status.ACTIVE
        ).mentees.add(busy)
    return waiting


def reference_propose(programme, ctx):
    """The proposal as it was computed from the per-pair grid of ``scoring.score``."""
    mentees = list(assignment.waiting_mentees(programme))
    mentors = list(scoring.mentor_rows(programme.school))
    grid = [
        [scoring.score(mentee, mentor, ctx, scoring.mentee_stems(mentee)) for mentor in mentors]
        for mentee in mentees
    ]
    shape = (len(mentees), len(mentors))
    matrix = np.array([[s.score for s in row] for row in grid], dtype=float).reshape(shape)
    fits = np.array([[s.fits for s in row] for row in grid], dtype=bool).reshape(shape)
    slots = [mentor.capacity - ctx.loads.get(mentor.pk, 0) for mentor in mentors]
    chosen = dict(assignment.best_assignment(matrix, fits, slots))
    proposals, unassigned = [], []
    for i, mentee in enumerate(mentees):
        if i in chosen:
            proposals.append(assignment.Proposal(mentee, grid[i][chosen[i]]))
            continue
        fitting = [s for s in grid[i] if s.fits]
        if fitting:
            reasons = [
                f"подходящие наставники ({len(fitting)}) заняты теми, кому они подходят больше",
                assignment.SUPPORT,
            ]
        elif not grid[i]:
            reasons = ["в базе наставников школы никого нет", assignment.SUPPORT]
        else:
            common = Counter(
                r.text for s in grid[i] for r in s.reasons_against if r.hard
            ).most_common(2)
            reasons = ["нет подходящего наставника"]
            reasons += [f"{text} ({count} из {len(grid[i])})" for text, count in common]
            reasons += [assignment.SUPPORT]
        unassigned.append(assignment.Unassigned(mentee, reasons))
    proposals.sort(key=lambda p: -p.score)
    return proposals, unassigned


def shown(proposals, unassigned):
    return (
        [
            (
                p.mentee.pk,
                p.mentor.pk,
                p.score,
                p.suggestion.form,
                p.suggestion.role_model,
                [(r.text, r.weight) for r in p.suggestion.reasons_for],
                [(r.text, r.hard) for r in p.suggestion.reasons_against],
            )
            for p in proposals
        ],
        [(u.mentee.pk, u.reasons) for u in unassigned],
    )


@pytest.mark.parametrize(
    ("seed", "mentees", "mentors"), [(1, 4, 3), (2, 12, 7), (3, 25, 12), (4, 40, 18)]
)
def test_matrix_equals_per_pair_scores_and_proposal_is_unchanged(
    programme, today, seed, mentees, mentors
):
    random_school(programme, today, seed, mentees, mentors)
    sensitive = seed % 2 == 0
    ctx = scoring.Context.for_school(programme.school, explain_sensitive=sensitive)
    assert ctx.rematch_waits, "some mentee waits after an early closure"
    people = list(assignment.waiting_mentees(programme))
    mentors_ = list(scoring.mentor_rows(programme.school))
    requests = [scoring.mentee_stems(mentee) for mentee in people]
    scores = score_matrix(people, mentors_, ctx, requests)
    expected = np.array(
        [
            [scoring.score(mentee, mentor, ctx, wanted).score for mentor in mentors_]
            for mentee, wanted in zip(people, requests, strict=True)
        ]
    )
    fits = np.array(
        [[scoring.score(mentee, mentor, ctx).fits for mentor in mentors_] for mentee in people]
    )
    assert scores.value.shape == expected.shape == (mentees, mentors)
    assert np.abs(scores.value - expected).max() < 1e-9
    assert (scores.fits == fits).all()
    # The random school has both kinds of pairs, and the same-grade role model decides some.
    assert fits.any() and (~fits).any()
    before = reference_propose(programme, scoring.Context.for_school(programme.school))
    after = assignment.propose(programme, ctx=scoring.Context.for_school(programme.school))
    assert shown(*after) == shown(*before)
    assert after[0], "something is proposed"


def test_same_grade_role_model_and_weights_reach_the_matrix(programme, today):
    random_school(programme, today, 5, 30, 15)
    MatchingWeights.objects.filter(school=programme.school).update(
        weights={"competence": 0, "subject": 0, "form": 10, "age": 0, "capacity": 0}
    )
    ctx = scoring.Context.for_school(programme.school)
    people = list(assignment.waiting_mentees(programme))
    mentors_ = list(scoring.mentor_rows(programme.school))
    scores = score_matrix(people, mentors_, ctx, [scoring.mentee_stems(m) for m in people])
    # Only the form counts: 100 for a usual form, 50 for «равный – равному» of one grade.
    assert set(np.unique(scores.value[scores.fits])) <= {50.0, 100.0}
    same_grade = [
        (i, j)
        for i, mentee in enumerate(people)
        for j, mentor in enumerate(mentors_)
        if scoring.score(mentee, mentor, ctx).role_model
        and scoring.score(mentee, mentor, ctx).role_model.same_grade
    ]
    assert same_grade
    assert all(scores.value[i, j] == 50 for i, j in same_grade)


def test_empty_school_gives_empty_matrix(programme):
    ctx = scoring.Context.for_school(programme.school)
    scores = score_matrix([], [], ctx, [])
    assert scores.value.shape == (0, 0)
    assert assignment.propose(programme, ctx=ctx) == ([], [])
