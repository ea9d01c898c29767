"""The counts of the school pages (request map, documents on the dashboard) read one school."""

import pytest

from registry import selectors
from registry.models import Mentee, Mentor, RequestCategory

from .factories import (
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    ready_mentee,
    ready_teacher_mentor,
)


def test_request_map_counts_the_programme_only_in_one_query(
    programme, other_programme, request_categories, django_assert_num_queries
):
    MenteeFactory(programme=programme, categories=["gifted", "ovz"])
    MenteeFactory(programme=programme, categories=["gifted"], status=Mentee.Status.PAIRED)
    MenteeFactory(programme=programme, categories=["ovz"], status=Mentee.Status.LEFT)
    MenteeFactory(programme=other_programme, categories=["gifted", "burnout"])

    with django_assert_num_queries(1):
        visible, hidden = selectors.request_map(programme, sensitive=True)

    categories = list(RequestCategory.objects.order_by("audience", "position", "pk"))
    assert [row.category.code for row in visible] == [c.code for c in categories]
    counts = {row.category.code: (row.total, row.waiting, row.paired) for row in visible}
    assert counts["gifted"] == (2, 1, 1)
    assert counts["ovz"] == (2, 1, 0)
    assert counts["burnout"] == (0, 0, 0)
    assert hidden == 0
    assert visible[0].category.get_audience_display() == "Обучающиеся"

    visible, hidden = selectors.request_map(programme, sensitive=False)
    assert "ovz" not in {row.category.code for row in visible}
    assert hidden == 2


@pytest.mark.today("2026-11-26")
def test_document_summary_counts_the_school_only(programme, other_programme, today):
    ready_teacher_mentor(programme.school)
    MentorFactory(participant=ParticipantFactory(school=programme.school))  # no documents
    MentorFactory(
        participant=ParticipantFactory(school=programme.school), status=Mentor.Status.INACTIVE
    )
    ready_mentee(programme)
    MenteeFactory(programme=programme, participant=StudentFactory(school=programme.school))
    MentorFactory(participant=ParticipantFactory(school=other_programme.school))
    MenteeFactory(programme=other_programme)

    summary = selectors.document_summary(programme, today)

    assert summary == selectors.DocumentSummary(
        without_parental_consent=1, mentors_missing_documents=1, mentees_missing_documents=1
    )
