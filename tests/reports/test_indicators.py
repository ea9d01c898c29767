"""Indicators against a programme counted by hand."""

import datetime

import pytest
from django.utils import timezone

from registry.models import Meeting, Pair
from reports.indicators import INDICATORS, combine, school_indicators
from surveys.models import Distribution, Invitation, Questionnaire
from tests.registry.factories import (
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

DAY = datetime.date(2026, 11, 26)


def born(age: int) -> datetime.date:
    return datetime.date(DAY.year - age, 1, 15)


@pytest.fixture
def counted(programme, forms):
    """Two counted pairs, a draft and a terminated one, meetings in and out of the month."""
    programme.students_total, programme.teachers_total = 100, 20
    programme.save()
    school = programme.school

    def mentee(participant):
        return MenteeFactory(programme=programme, participant=participant)

    student_mentor = MentorFactory(participant=StudentFactory(school=school, birth_date=born(16)))
    active = Pair.objects.create(
        programme=programme,
        mentor=student_mentor,
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
    )
    active.mentees.set(
        [
            mentee(StudentFactory(school=school, birth_date=born(12))),
            mentee(StudentFactory(school=school, birth_date=born(9))),
        ]
    )
    teacher_mentor = MentorFactory(participant=ParticipantFactory(school=school))
    approved = Pair.objects.create(
        programme=programme,
        mentor=teacher_mentor,
        form=forms["teacher_teacher"],
        status=Pair.Status.APPROVED,
    )
    approved.mentees.set([mentee(ParticipantFactory(school=school))])
    for status in (Pair.Status.DRAFT, Pair.Status.TERMINATED):
        other = Pair.objects.create(
            programme=programme,
            mentor=MentorFactory(participant=StudentFactory(school=school, birth_date=born(15))),
            form=forms["student_student"],
            status=status,
        )
        other.mentees.set([mentee(StudentFactory(school=school, birth_date=born(11)))])

    for held_on in (
        datetime.date(2026, 11, 3),
        datetime.date(2026, 11, 20),
        datetime.date(2026, 10, 15),
        datetime.date(2026, 11, 28),  # after the reporting day: not counted
    ):
        Meeting.objects.create(pair=active, held_on=held_on, topic="Встреча")

    questionnaire = Questionnaire.objects.create(
        school=school, title="Анкета", purpose="other", audience="all"
    )
    distribution = Distribution.objects.create(
        questionnaire=questionnaire, programme=programme, title="Рассылка", deadline=DAY
    )
    for index in range(4):
        Invitation.objects.create(
            distribution=distribution,
            respondent_name=f"Участник {index}",
            expires_at=timezone.now() + datetime.timedelta(days=5),
            answered_at=timezone.now() if index < 3 else None,
        )
    return programme


def test_figures_match_the_hand_count(counted):
    figures = school_indicators(counted, DAY)
    assert figures["mentors"] == 2
    assert figures["mentees"] == 3
    # the 16-year-old mentor and the 12-year-old mentee; the 9-year-old is under 10
    assert figures["students_involved"] == 2
    assert figures["students_coverage"] == 0.02
    assert figures["teachers_involved"] == 2
    assert figures["teachers_coverage"] == 0.1
    assert (
        figures["pairs_draft"],
        figures["pairs_approved"],
        figures["pairs_active"],
        figures["pairs_terminated"],
    ) == (1, 1, 1, 1)
    assert figures["meetings_period"] == 2
    assert figures["meetings_total"] == 3
    assert (figures["invitations_total"], figures["invitations_answered"]) == (4, 3)
    assert figures["response_rate"] == 0.75
    assert figures["roadmap_total"] == counted.roadmap_items.exclude(status="cancelled").count()
    assert figures["satisfaction_index"] is None
    assert figures["by_form"] == [
        {"form": "Ученик – ученик", "pairs": 1, "mentors": 1, "mentees": 2},
        {"form": "Учитель – учитель", "pairs": 1, "mentors": 1, "mentees": 1},
    ]
    assert {indicator.key for indicator in INDICATORS} <= set(figures)


def test_coverage_is_unknown_without_the_school_totals(counted):
    counted.students_total = None
    counted.save()
    assert school_indicators(counted, DAY)["students_coverage"] is None


def test_combine_adds_up_and_takes_ratios_of_sums():
    first = {
        "mentors": 2,
        "students_involved": 2,
        "students_total": 100,
        "teachers_involved": 1,
        "teachers_total": 10,
        "roadmap_done": 5,
        "roadmap_total": 10,
        "invitations_answered": 1,
        "invitations_total": 2,
        "satisfaction_index": 80.0,
        "by_form": [{"form": "Ученик – ученик", "pairs": 1, "mentors": 1, "mentees": 2}],
    }
    second = {
        "mentors": 3,
        "students_involved": 8,
        "students_total": 100,
        "teachers_involved": 0,
        "teachers_total": None,
        "roadmap_done": 5,
        "roadmap_total": 30,
        "invitations_answered": 3,
        "invitations_total": 6,
        "satisfaction_index": None,
        "by_form": [],
    }
    total = combine([first, second])
    assert total["mentors"] == 5
    assert total["students_coverage"] == 0.05
    assert total["teachers_coverage"] == 0.1
    assert total["roadmap_progress"] == 0.25
    assert total["response_rate"] == 0.5
    assert total["satisfaction_index"] == 80.0
    assert total["by_form"] == [{"form": "Ученик – ученик", "pairs": 1, "mentors": 1, "mentees": 2}]
