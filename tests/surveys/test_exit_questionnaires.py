import datetime

import pytest

from registry.models import Consent, MentoringForm, Pair, Participant
from registry.signals import pair_closed, phrases
from surveys.models import Distribution, Invitation, Occasion, Question
from surveys.receivers import send_exit_questionnaires
from tests.registry.factories import (
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

PARENT = "Иванова Елена Петровна"


def closed_pair(programme, mentees, *, status=Pair.Status.COMPLETED):
    pair = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=programme.school)),
        form=MentoringForm.objects.get(code="student_student"),
        status=status,
        starts_on=datetime.date(2026, 2, 1),
    )
    pair.mentees.set(mentees)
    return pair


def minor(programme, *, parent=True):
    mentee = MenteeFactory(programme=programme)
    if parent:
        consents_for(mentee.participant)
    return mentee


def adult(programme):
    return MenteeFactory(
        programme=programme,
        participant=ParticipantFactory(school=programme.school, kind=Participant.Kind.TEACHER),
    )


def close(pair, curator, early=False):
    """The phrase of the surveys' receiver (other apps may answer the signal too)."""
    said = dict(pair_closed.send(sender=Pair, pair=pair, early=early, by=curator))
    return phrases([(None, said[send_exit_questionnaires])])


def exits(pair):
    return {
        distribution.questionnaire.code: distribution
        for distribution in Distribution.objects.filter(pair=pair, occasion=Occasion.EXIT)
    }


def test_closing_sends_exit_questionnaires_to_mentor_mentees_and_parent(programme, curator):
    child = minor(programme)
    teacher = adult(programme)
    pair = closed_pair(programme, [child, teacher], status=Pair.Status.TERMINATED)

    said = close(pair, curator, early=True)

    assert said == ["Отправлены анкеты завершения: наставнику, наставляемым (2), родителям (1)"]
    sent = exits(pair)
    assert set(sent) == {"exit_mentors", "exit_mentees", "exit_parents"}
    assert [i.participant_id for i in sent["exit_mentors"].invitations.all()] == [
        pair.mentor.participant_id
    ]
    assert {i.participant_id for i in sent["exit_mentees"].invitations.all()} == {
        child.participant_id,
        teacher.participant_id,
    }
    parent = sent["exit_parents"].invitations.get()
    assert parent.respondent_name == PARENT
    assert parent.participant_id == child.participant_id
    assert parent.user_id is None
    assert all(d.deadline == datetime.date(2026, 12, 26) for d in sent.values())
    assert Invitation.objects.filter(pair=pair).count() == 4


def test_a_minor_without_a_known_parent_is_named_in_the_phrase(programme, curator):
    child = minor(programme, parent=False)
    pair = closed_pair(programme, [child])

    said = close(pair, curator)

    assert said == [
        "Отправлены анкеты завершения: наставнику, наставляемым (1); анкета родителю не "
        f"отправлена — родитель не указан в согласии ({child.participant.short_name})"
    ]
    assert "exit_parents" not in exits(pair)


def test_a_withdrawn_consent_does_not_name_the_parent(programme, curator):
    child = minor(programme)
    Consent.objects.filter(participant=child.participant).update(
        withdrawn_on=datetime.date(2026, 11, 20)
    )
    pair = closed_pair(programme, [child])
    close(pair, curator)
    assert "exit_parents" not in exits(pair)


def test_the_latest_parent_in_the_consents_is_asked(programme, curator):
    child = minor(programme)
    ConsentFactory(
        participant=child.participant,
        given_by=Consent.GivenBy.REPRESENTATIVE,
        representative_name="Петров Олег Ильич",
        signed_on=datetime.date(2026, 11, 25),
    )
    pair = closed_pair(programme, [child])
    close(pair, curator)
    assert exits(pair)["exit_parents"].invitations.get().respondent_name == "Петров Олег Ильич"


def test_no_parent_questionnaire_for_adults(programme, curator):
    pair = closed_pair(programme, [adult(programme)])
    assert close(pair, curator) == ["Отправлены анкеты завершения: наставнику, наставляемым (1)"]
    assert set(exits(pair)) == {"exit_mentors", "exit_mentees"}


def test_closing_signal_twice_sends_nothing_twice(programme, curator):
    pair = closed_pair(programme, [minor(programme)])
    close(pair, curator)
    assert close(pair, curator) == []
    assert Distribution.objects.filter(pair=pair).count() == 3
    assert Invitation.objects.filter(pair=pair).count() == 3


def test_the_parent_answers_by_personal_link_and_the_answer_belongs_to_the_pair(
    client, programme, curator
):
    child = MenteeFactory(programme=programme, participant=StudentFactory(school=programme.school))
    consents_for(child.participant)
    pair = closed_pair(programme, [child])
    close(pair, curator)
    invitation = exits(pair)["exit_parents"].invitations.get()

    page = client.get(f"/a/{invitation.token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Анкета при завершении работы пары: родитель" in html
    assert "1 — совсем нет, 5 — в полной мере" in html
    data = {}
    for question in invitation.distribution.questionnaire.questions.all():
        if question.kind == Question.Kind.SCALE_5:
            data[f"q{question.pk}"] = "5"
        elif question.kind == Question.Kind.YES_NO:
            data[f"q{question.pk}"] = "1"
        elif question.kind == Question.Kind.SINGLE:
            data[f"q{question.pk}"] = question.options[0]
    assert client.post(f"/a/{invitation.token}/", data).status_code == 200
    invitation.refresh_from_db()
    assert invitation.response.pair_id == pair.pk
    assert invitation.response.answers.filter(number=5).count() == 3
