"""Scoring and the whole-base assignment (builders here are shared with the view tests)."""

import itertools

import numpy as np

from registry.matching import assignment, scoring
from registry.models import Competency, MatchingWeights, Mentor, MentoringForm, Pair
from registry.services.pairs import open_load

from .factories import (
    CertificateFactory,
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
)


def student_mentor(school, class_name="9А", competencies=(), offer="", capacity=2, **kwargs):
    person = StudentFactory(
        school=school, class_name=class_name, last_name=kwargs.pop("name", "Орлов")
    )
    consents_for(person)
    mentor = MentorFactory(
        participant=person,
        status=kwargs.pop("status", Mentor.Status.SELECTED),
        offer=offer,
        capacity=capacity,
    )
    mentor.competencies.set([Competency.objects.get_or_create(name=n)[0] for n in competencies])
    return mentor


def teacher_mentor(school, subject="математика", experience=20, competencies=(), name="Белов"):
    person = ParticipantFactory(
        school=school, subject=subject, experience_years=experience, last_name=name
    )
    consents_for(person)
    CertificateFactory(participant=person)
    ConsentFactory(participant=person, kind="teacher_mentoring")
    mentor = MentorFactory(participant=person, status=Mentor.Status.SELECTED, offer="")
    mentor.competencies.set([Competency.objects.get_or_create(name=n)[0] for n in competencies])
    return mentor


def student_mentee(programme, class_name="7Б", request_text="Хочу подтянуть математику", **kw):
    person = StudentFactory(
        school=programme.school, class_name=class_name, last_name=kw.pop("name", "Смирнова")
    )
    consents_for(person)
    return MenteeFactory(programme=programme, participant=person, request_text=request_text, **kw)


def teacher_mentee(programme, subject="физика", experience=1, request_text="", name="Лебедев"):
    person = ParticipantFactory(
        school=programme.school, subject=subject, experience_years=experience, last_name=name
    )
    consents_for(person)
    return MenteeFactory(programme=programme, participant=person, request_text=request_text)


def names(suggestions):
    return [s.mentor.participant.last_name for s in suggestions]


def texts(reasons):
    return " | ".join(r.text for r in reasons)


def test_competence_match_beats_mismatch(programme, request_categories, school):
    mentee = student_mentee(programme)
    student_mentor(school, competencies=["футбол"], offer="Научу играть в футбол", name="Антонов")
    student_mentor(school, competencies=["математика"], name="Яковлев")
    ranked = scoring.rank(mentee)
    assert names(ranked) == ["Яковлев", "Антонов"]
    best = ranked[0]
    assert best.fits and best.score > ranked[1].score
    assert "компетенция «математика» совпадает с запросом" in texts(best.reasons_for)
    assert "подходит форма «Ученик – ученик»" in texts(best.reasons_for)
    assert "наставник старше на 2 класса" in texts(best.reasons_for)
    assert "не совпадают с запросом" in texts(ranked[1].reasons_against)
    assert all(r.weight for r in best.reasons_for)


def test_teacher_subject_and_experience(programme, request_categories, school):
    mentee = teacher_mentee(programme, subject="физика", experience=2)
    teacher_mentor(school, subject="литература", experience=4, name="Анисимова")
    teacher_mentor(school, subject="физика", experience=25, name="Юдина")
    ranked = scoring.rank(mentee)
    assert names(ranked) == ["Юдина", "Анисимова"]
    assert "предмет «физика» совпадает" in texts(ranked[0].reasons_for)
    assert "стаж наставника больше на 23 года" in texts(ranked[0].reasons_for)
    assert "не совпадает" in texts(ranked[1].reasons_against)
    assert "лишь на 2 года" in texts(ranked[1].reasons_against)


def test_mentor_without_free_capacity_ranks_last(programme, request_categories, school):
    mentee = student_mentee(programme)
    busy = student_mentor(school, competencies=["математика"], capacity=1, name="Абрамов")
    student_mentor(school, competencies=["футбол"], name="Яшин")
    pair = Pair.objects.create(
        programme=programme, mentor=busy, form=MentoringForm.objects.get(code="student_student")
    )
    pair.mentees.add(student_mentee(programme, name="Другая"))
    assert scoring.open_loads(school) == {busy.pk: open_load(busy)} == {busy.pk: 1}
    ranked = scoring.rank(mentee)
    assert names(ranked) == ["Яшин", "Абрамов"]
    assert not ranked[-1].fits
    assert "нет свободных мест: занято 1 из 1" in texts(ranked[-1].reasons_against)


def test_younger_student_mentor_is_against(programme, request_categories, school):
    mentee = student_mentee(programme, class_name="7Б")
    student_mentor(school, class_name="6А", competencies=["математика"], name="Абрамов")
    student_mentor(school, class_name="9А", name="Яшин")
    ranked = scoring.rank(mentee)
    assert names(ranked) == ["Яшин", "Абрамов"]
    younger = ranked[-1]
    assert not younger.fits and younger.form is None
    assert "наставник учится в более старшем классе (6А и 7Б)" in texts(younger.reasons_against)
    assert "наставник младше на 1 класс" in texts(younger.reasons_against)


def test_not_in_registry_is_never_first(programme, request_categories, school):
    mentee = student_mentee(programme)
    student_mentor(
        school, competencies=["математика"], status=Mentor.Status.CANDIDATE, name="Абрамов"
    )
    student_mentor(school, class_name="8А", name="Яшин")
    ranked = scoring.rank(mentee)
    assert names(ranked) == ["Яшин", "Абрамов"]
    assert "не в реестре наставников (статус «Кандидат»)" in texts(ranked[1].reasons_against)


def test_weights_change_the_order(programme, request_categories, school):
    mentee = student_mentee(programme)
    student_mentor(school, class_name="8А", competencies=["математика"], name="Абрамов")
    student_mentor(school, class_name="10А", name="Яшин")
    assert names(scoring.rank(mentee)) == ["Абрамов", "Яшин"]
    MatchingWeights.objects.create(school=school, weights={"competence": 0, "age": 100})
    assert names(scoring.rank(mentee)) == ["Яшин", "Абрамов"]


def brute_force(matrix, fits, slots):
    """The best total over every assignment (each mentee to a mentor or to nobody)."""
    best = 0.0
    rows, cols = matrix.shape
    for choice in itertools.product([None, *range(cols)], repeat=rows):
        used = [choice.count(j) for j in range(cols)]
        if any(used[j] > slots[j] for j in range(cols)):
            continue
        if any(j is not None and not fits[i, j] for i, j in enumerate(choice)):
            continue
        best = max(best, sum(matrix[i, j] for i, j in enumerate(choice) if j is not None))
    return best


def test_best_assignment_matches_brute_force_on_random_cases():
    rng = np.random.default_rng(7)
    for _ in range(30):
        matrix = rng.integers(1, 100, size=(4, 3)).astype(float)
        fits = rng.random((4, 3)) > 0.3
        slots = list(rng.integers(0, 3, size=3))
        chosen = assignment.best_assignment(matrix, fits, slots)
        assert all(fits[i, j] for i, j in chosen)
        assert all(sum(1 for _, j in chosen if j == col) <= slots[col] for col in range(3))
        total = sum(matrix[i, j] for i, j in chosen)
        assert total == brute_force(matrix, fits, slots)


def test_whole_base_assignment_is_optimal_and_respects_capacity(
    programme, request_categories, school
):
    mentees = [
        student_mentee(programme, class_name="5А", name="Анина"),
        student_mentee(programme, class_name="6А", request_text="Физика и олимпиады", name="Бобов"),
        student_mentee(programme, class_name="7А", request_text="Адаптация", name="Вагин"),
        student_mentee(programme, class_name="8А", name="Галкин"),
    ]
    mentors = [
        student_mentor(school, class_name="9А", competencies=["математика"], capacity=2),
        student_mentor(school, class_name="8Б", competencies=["физика"], capacity=1),
        student_mentor(school, class_name="10А", offer="Помогу с адаптацией", capacity=1),
    ]
    proposals, unassigned = assignment.propose(programme)
    ctx = scoring.Context.for_school(school)
    grid = [[scoring.score(m, t, ctx) for t in scoring.mentor_rows(school)] for m in mentees]
    matrix = np.array([[s.score for s in row] for row in grid], dtype=float)
    fits = np.array([[s.fits for s in row] for row in grid])
    order = [s.mentor.pk for s in grid[0]]
    slots = [next(t.capacity for t in mentors if t.pk == pk) for pk in order]
    assert sum(p.score for p in proposals) == brute_force(matrix, fits, slots)
    load = {t.pk: sum(1 for p in proposals if p.mentor.pk == t.pk) for t in mentors}
    assert all(load[t.pk] <= t.capacity for t in mentors)
    assert len(proposals) + len(unassigned) == 4


def test_unassigned_mentee_is_reported(programme, request_categories, school):
    student_mentee(programme)
    teacher = teacher_mentee(programme)
    student_mentor(school, competencies=["математика"])
    proposals, unassigned = assignment.propose(programme)
    assert [p.mentee for p in proposals] != [teacher]
    assert [u.mentee for u in unassigned] == [teacher]
    reasons = " | ".join(unassigned[0].reasons)
    assert "нет подходящего наставника" in reasons
    assert "психолого-педагогическая поддержка" in reasons
