"""Benchmark of the explainable matching on a whole base.

For a generated school of each size (300 waiting mentees × 100 registry mentors by default;
``--sizes 300x100,3000x1000`` adds a municipal pool) it times:
- the floor: scipy.optimize.linear_sum_assignment alone on a random matrix of the same shape
  (mentees × free-capacity slots) — the assignment cannot be faster than this;
- per-pair scoring: registry.matching.scoring.score for every mentee × mentor pair (reasons
  included), after loading the base (Context.for_school, mentor_rows, waiting_mentees) — run once
  when a size has more than a million pairs (two minutes each);
- vectorised scoring: registry.matching.matrix.score_matrix after the same loading;
- proposal: registry.matching.assignment.propose, the whole proposal page's work;
and prints seconds (median of --repeat runs), per-pair/vectorised and proposal/floor ratios.

Runs against a throwaway SQLite file in a temporary directory, migrated first, unless
DATABASE_URL is set (then that database is migrated and written to: never point it at real data).

    .venv/bin/python bench/matching_bench.py [--sizes 300x100,3000x1000] [--repeat 3]
"""

import argparse
import datetime
import statistics

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from benchenv import machine, timed  # noqa: E402  (sets up Django on a throwaway database)
from django.core.management import call_command  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

from mentoring.models import AcademicYear, Municipality, Programme, School  # noqa: E402
from registry.matching import assignment, matrix, scoring  # noqa: E402
from registry.models import (  # noqa: E402
    Competency,
    Consent,
    Mentee,
    Mentor,
    Participant,
    RequestCategory,
)
from stages.services import start_programme  # noqa: E402

SUBJECTS = ["математика", "физика", "литература", "история", "химия", "биология", "информатика"]
SKILLS = ["олимпиады", "проекты", "профориентация", "адаптация", "общение"]


def build_school(mentees: int, mentors: int) -> Programme:
    municipality = Municipality.objects.get_or_create(name="Бенчмарк")[0]
    name = f"Школа {mentees}×{mentors}"
    school = School.objects.create(municipality=municipality, short_name=name, full_name=name)
    year = AcademicYear.objects.get_or_create(
        name="2025/2026",
        defaults={"start_date": datetime.date(2025, 9, 1), "end_date": datetime.date(2026, 8, 31)},
    )[0]
    programme, _ = start_programme(school, year)
    people = []
    for n in range(mentors + mentees):
        grade = 5 + n % 7 if n < mentors else 1 + n % 9
        people.append(
            Participant(
                school=school,
                last_name=f"Фамилия{n}",
                first_name="Имя",
                kind=Participant.Kind.STUDENT,
                birth_date=datetime.date(2026 - 7 - grade, 3, 1),
                class_name=f"{grade}А",
                grade=grade,
            )
        )
    people = Participant.objects.bulk_create(people)
    Consent.objects.bulk_create(
        Consent(
            participant=p,
            kind=kind,
            given_by=Consent.GivenBy.REPRESENTATIVE,
            representative_name="Родитель",
            signed_on=datetime.date(2025, 9, 1),
        )
        for p in people
        for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION)
    )
    tags = [Competency.objects.get_or_create(name=name)[0] for name in SUBJECTS + SKILLS]
    rows = Mentor.objects.bulk_create(
        Mentor(
            school=school,
            participant=p,
            contour=Mentor.Contour.INTERNAL,
            status=Mentor.Status.SELECTED,
            capacity=2 + n % 2,
            offer=f"Помогу с темой «{SKILLS[n % len(SKILLS)]}»",
        )
        for n, p in enumerate(people[:mentors])
    )
    Mentor.competencies.through.objects.bulk_create(
        Mentor.competencies.through(mentor=m, competency=tags[(n + k) % len(tags)])
        for n, m in enumerate(rows)
        for k in (0, 3)
    )
    entries = Mentee.objects.bulk_create(
        Mentee(
            programme=programme,
            participant=p,
            request_text=f"Хочу разобраться: {SUBJECTS[n % len(SUBJECTS)]}",
        )
        for n, p in enumerate(people[mentors:])
    )
    categories = list(RequestCategory.objects.filter(audience="student"))
    Mentee.categories.through.objects.bulk_create(
        Mentee.categories.through(mentee=m, requestcategory=categories[n % len(categories)])
        for n, m in enumerate(entries)
    )
    return programme


def _base(programme):
    school = programme.school
    ctx = scoring.Context.for_school(school)
    mentees = list(assignment.waiting_mentees(programme))
    mentors = list(scoring.mentor_rows(school))
    return ctx, mentees, mentors, [scoring.mentee_stems(mentee) for mentee in mentees]


def score_all(programme):
    ctx, mentees, mentors, requests = _base(programme)
    found = []
    for mentee, wanted in zip(mentees, requests, strict=True):
        found += [scoring.score(mentee, mentor, ctx, wanted) for mentor in mentors]
    return found


def score_vectorised(programme):
    ctx, mentees, mentors, requests = _base(programme)
    return matrix.score_matrix(mentees, mentors, ctx, requests)


def sizes(text: str) -> list[tuple[int, int]]:
    found = []
    for size in text.split(","):
        mentees, _, mentors = size.strip().partition("x")
        found.append((int(mentees), int(mentors)))
    return found


def measure(mentees: int, mentors: int, repeat: int) -> str:
    programme = build_school(mentees, mentors)
    slots = sum(Mentor.objects.filter(school=programme.school).values_list("capacity", flat=True))
    pairs = mentees * mentors
    rng = np.random.default_rng(1)
    floors, per_pair, vectorised, proposals = [], [], [], []
    for run in range(repeat):
        floors.append(timed(linear_sum_assignment, -rng.random((mentees, slots)) * 100)[0])
        if run == 0 or pairs <= 1_000_000:
            seconds, scores = timed(score_all, programme)
            assert len(scores) == pairs
            per_pair.append(seconds)
        seconds, scores = timed(score_vectorised, programme)
        assert scores.value.shape == (mentees, mentors)
        vectorised.append(seconds)
        seconds, (found, unassigned) = timed(assignment.propose, programme)
        assert len(found) + len(unassigned) == mentees
        proposals.append(seconds)
    floor, one, every, whole = (
        statistics.median(x) for x in (floors, per_pair, vectorised, proposals)
    )
    return (
        f"| {mentees} × {mentors} | {slots} | {len(found)} / {len(unassigned)} | {floor:.3f} | "
        f"{one:.2f} | {every:.3f} | {one / every:.0f}× | {whole:.3f} | {whole / floor:.1f}× |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[(300, 100)], help="e.g. 300x100,3000x1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"{datetime.date.today():%d.%m.%Y}, {machine(f'scipy {scipy.__version__}')}")
    print(f"median of {args.repeat} runs\n")
    columns = ["наставляемых × наставников", "мест", "предложено / без пары"]
    columns += ["linear_sum_assignment, с", "оценка по парам, с", "оценка матрицей, с"]
    columns += ["ускорение оценки", "предложение целиком, с", "к нижней границе"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for mentees, mentors in args.sizes:
        print(measure(mentees, mentors, args.repeat), flush=True)


if __name__ == "__main__":
    main()
