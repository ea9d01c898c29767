"""Missing documents are shown before a pair is formed: on the suggestions and selection pages."""

import pytest
from django.urls import reverse

from registry.models import Mentor
from registry.services.pairs import pair_problems

from .factories import (
    ConsentFactory,
    InterviewFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
)
from .test_matching import student_mentee, student_mentor


def _row(html: str, mentor) -> str:
    return html.split(f'data-mentor="{mentor.pk}"', 1)[1].split("</tr>", 1)[0]


@pytest.fixture
def without_parents_consent(programme, request_categories):
    person = StudentFactory(school=programme.school, class_name="7Б", last_name="Смирнова")
    return MenteeFactory(programme=programme, participant=person, request_text="математика")


def test_a_match_without_parents_consent_names_the_blocker_instead_of_the_button(
    client, curator, school, forms, without_parents_consent
):
    mentor = student_mentor(school, competencies=["математика"], name="Яковлев")
    mentee = without_parents_consent
    client.force_login(curator)
    html = client.get(reverse("registry:mentee_suggestions", args=[mentee.pk])).content.decode()
    row = _row(html, mentor)
    refusal = pair_problems(mentee.programme, mentor, [mentee], forms["student_student"])
    assert refusal[0].endswith(": нет согласий родителя (законного представителя)")
    assert refusal[0] in row
    assert reverse("registry:consent_create", args=[mentee.participant_id]) in row
    assert "Сформировать пару" not in row


def test_a_teacher_without_a_certificate_is_blocked_for_a_minor(
    client, curator, school, programme, request_categories
):
    teacher = ParticipantFactory(school=school, subject="математика", last_name="Белов")
    consents_for(teacher)
    ConsentFactory(participant=teacher, kind="teacher_mentoring")
    blocked = MentorFactory(participant=teacher, status=Mentor.Status.SELECTED, offer="")
    ready = student_mentor(school, competencies=["математика"], name="Яковлев")
    mentee = student_mentee(programme)
    client.force_login(curator)
    html = client.get(reverse("registry:mentee_suggestions", args=[mentee.pk])).content.decode()
    row = _row(html, blocked)
    assert "нужна действующая справка об отсутствии судимости" in row
    assert reverse("registry:certificate_create", args=[teacher.pk]) in row
    assert "Сформировать пару" not in row
    assert "Сформировать пару" in _row(html, ready)


def test_the_selection_page_names_recommended_mentors_without_documents(
    client, curator, school, programme
):
    teacher = ParticipantFactory(school=school, last_name="Белов", first_name="Пётр")
    mentor = MentorFactory(participant=teacher, status=Mentor.Status.CANDIDATE)
    InterviewFactory(programme=programme, mentor=mentor, decision="recommend")
    client.force_login(curator)
    html = client.get(reverse("registry:selection", args=[programme.pk])).content.decode()
    warning = html.split('id="missing-documents"', 1)[1].split("</div>", 1)[0]
    assert teacher.full_name in warning
    assert "нет согласия на обработку персональных данных" in warning
    assert "нет справки об отсутствии судимости" in warning
