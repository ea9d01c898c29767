"""152-ФЗ: withdrawal of consent takes the person out of active work; anonymisation on request."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from registry.models import (
    AnonymisationRecord,
    Consent,
    DiaryEntry,
    Meeting,
    Mentee,
    Mentor,
    MentoringForm,
    Pair,
    Participant,
)
from registry.services import privacy

from ..events import events_log  # noqa: F401
from .factories import ConsentFactory, MenteeFactory, StudentFactory, consents_for

DAY = datetime.timedelta(days=1)
REASON = "Отзыв согласия на обработку персональных данных"


def make_pair(programme, mentor, *mentees, status=Pair.Status.ACTIVE):
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status=status,
        starts_on=timezone.localdate() - 30 * DAY,
    )
    pair.mentees.set(mentees)
    for mentee in mentees:
        mentee.status = Mentee.Status.PAIRED
        mentee.save()
    return pair


def student_mentee(programme, last_name, **fields):
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=programme.school, last_name=last_name, **fields),
    )
    consents_for(mentee.participant)
    return mentee


@pytest.fixture
def active_mentor(mentor):
    mentor.status = Mentor.Status.ACTIVE
    mentor.save()
    consents_for(mentor.participant)
    return mentor


def _withdraw(client, consent, day=None):
    return client.post(
        reverse("registry:consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": (day or timezone.localdate()).isoformat()},
        follow=True,
    )


def test_mentor_withdrawal_terminates_their_pairs(client, programme, curator, active_mentor, forms):
    first = student_mentee(programme, "Орлова")
    second = student_mentee(programme, "Зуев")
    pairs = [
        make_pair(programme, active_mentor, first),
        make_pair(programme, active_mentor, second),
    ]
    consent = active_mentor.participant.consents.get(kind=Consent.Kind.PERSONAL_DATA)
    client.force_login(curator)
    page = _withdraw(client, consent).content.decode()
    assert "Наставник выведен из 2 пар" in page
    assert "«Не участвует»" in page
    for pair in pairs:
        pair.refresh_from_db()
        assert pair.status == Pair.Status.TERMINATED
        assert pair.termination_reason == REASON
        assert pair.ends_on == timezone.localdate()
    for mentee in (first, second):
        mentee.refresh_from_db()
        assert mentee.status == Mentee.Status.WAITING
    active_mentor.refresh_from_db()
    consent.refresh_from_db()
    assert active_mentor.status == Mentor.Status.INACTIVE
    assert consent.withdrawn_on == timezone.localdate()


def test_mentee_leaves_a_group_which_keeps_working(programme, active_mentor, curator, forms):
    leaving = student_mentee(programme, "Орлова")
    staying = student_mentee(programme, "Зуев")
    group = make_pair(programme, active_mentor, leaving, staying)
    alone = student_mentee(programme, "Белова")
    single = make_pair(programme, active_mentor, alone)
    consent = leaving.participant.consents.get(kind=Consent.Kind.PARTICIPATION)
    outcome = privacy.withdraw_consent(consent, timezone.localdate(), by=curator)
    group.refresh_from_db()
    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert group.status == Pair.Status.ACTIVE
    assert list(group.mentees.all()) == [staying]
    assert leaving.status == Mentee.Status.LEFT and staying.status == Mentee.Status.PAIRED
    assert outcome.groups_left == [group] and "«Выбыл»" in outcome.summary()
    consent = alone.participant.consents.get(kind=Consent.Kind.PERSONAL_DATA)
    outcome = privacy.withdraw_consent(consent, timezone.localdate(), by=curator)
    single.refresh_from_db()
    alone.refresh_from_db()
    assert single.status == Pair.Status.TERMINATED and single.termination_reason == REASON
    assert alone.status == Mentee.Status.LEFT
    assert outcome.mentee_pairs_terminated == [single]
    active_mentor.refresh_from_db()
    assert active_mentor.status == Mentor.Status.ACTIVE


def test_pending_survey_invitations_are_cancelled(programme, curator, mentee):
    from surveys.models import Distribution, Invitation, Questionnaire

    consents_for(mentee.participant)
    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Анкета", purpose="other", audience="all"
    )
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка",
        deadline=timezone.localdate() + 7 * DAY,
    )
    invitation = Invitation.objects.create(
        distribution=distribution,
        participant=mentee.participant,
        respondent_name="Смирнова Ольга",
        expires_at=timezone.now() + 7 * DAY,
    )
    consent = mentee.participant.consents.get(kind=Consent.Kind.PERSONAL_DATA)
    outcome = privacy.withdraw_consent(consent, timezone.localdate(), by=curator)
    invitation.refresh_from_db()
    assert invitation.is_expired
    assert "приглашений на анкеты отменено: 1" in outcome.summary()


def test_withdrawal_keeps_work_while_another_consent_of_the_kind_is_active(
    programme, curator, active_mentor, forms, mentee
):
    pair = make_pair(programme, active_mentor, mentee)
    ConsentFactory(participant=active_mentor.participant, kind=Consent.Kind.PERSONAL_DATA)
    consent = active_mentor.participant.consents.filter(kind=Consent.Kind.PERSONAL_DATA).first()
    outcome = privacy.withdraw_consent(consent, timezone.localdate(), by=curator)
    pair.refresh_from_db()
    assert outcome.still_active_consent and pair.status == Pair.Status.ACTIVE


@pytest.fixture
def finished_history(programme, active_mentor, mentee, forms, curator):
    """A mentee with a finished pair, meetings, diaries, a scan and sensitive categories."""
    consents_for(mentee.participant, representative=True)
    participant = mentee.participant
    participant.birth_date = datetime.date(2013, 5, 4)
    participant.class_name = "7Б"
    participant.phone = "+7 900 000-00-00"
    participant.email = "olga@example.ru"
    participant.notes = "Любит шахматы"
    participant.save()
    mentee.request_text = "Трудно с математикой после переезда"
    mentee.save()
    consent = participant.consents.first()
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4"))
    pair = make_pair(programme, active_mentor, mentee)
    Meeting.objects.create(
        pair=pair, held_on=timezone.localdate(), topic="Знакомство со Смирновой Ольгой"
    )
    Meeting.objects.create(pair=pair, held_on=timezone.localdate(), topic="Разбор задач")
    DiaryEntry.objects.create(
        pair=pair,
        diary="mentor",
        written_on=timezone.localdate(),
        text="Смирнова справилась с задачами",
    )
    DiaryEntry.objects.create(
        pair=pair, diary="mentee", mentee=mentee, written_on=timezone.localdate(), text="Мне легче"
    )
    privacy.finish_pair(pair, by=curator)
    return mentee


def test_anonymisation_erases_and_keeps(client, curator, finished_history, events_log):  # noqa: F811
    mentee = finished_history
    participant = mentee.participant
    scan_path = participant.consents.exclude(scan="").get().scan.path
    pair = mentee.pairs.get()
    client.force_login(curator)
    url = reverse("registry:participant_anonymise", args=[participant.pk])
    page = client.get(url).content.decode()
    assert "Будет стёрто" in page and "утверждённые приказы" in page.lower()
    assert "ОБЕЗЛИЧИТЬ" in page
    response = client.post(
        url, {"reason": "Заявление матери от 01.06", "confirmation": "ОБЕЗЛИЧИТЬ"}
    )
    assert response.status_code == 302
    participant = Participant.objects.get(pk=participant.pk)
    assert participant.full_name == f"Участник № {participant.pk}"
    assert participant.birth_date is None
    assert (participant.phone, participant.email, participant.notes) == ("", "", "")
    assert participant.class_name == "7" and participant.grade == 7
    mentee.refresh_from_db()
    assert mentee.request_text == ""
    assert not mentee.categories.filter(sensitive=True).exists()
    assert mentee.categories.filter(code="low_results").exists()
    consents = list(participant.consents.all())
    assert len(consents) == 2 and all(c.signed_on for c in consents)
    assert all(not c.scan and not c.representative_name for c in consents)
    assert not os.path.exists(scan_path)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED and pair.starts_on and pair.ends_on
    assert pair.meetings.count() == 2
    assert "Смирнов" not in " ".join(pair.meetings.values_list("topic", flat=True))
    texts = list(pair.diary.values_list("diary", "text"))
    assert texts == [("mentor", "[обезличено] справилась с задачами")]
    record = AnonymisationRecord.objects.get(participant=participant)
    assert record.by == curator and record.reason == "Заявление матери от 01.06"
    [event] = events_log.named("participant.anonymised")
    assert (event["user"], event["participant"], event["record"]) == (
        curator.pk,
        participant.pk,
        record.pk,
    )
    assert "Смирнов" not in str(events_log.lines)
    detail = client.get(participant.get_absolute_url()).content.decode()
    assert "Смирнова" not in detail


def test_anonymisation_is_refused_with_an_open_pair(
    client, curator, programme, active_mentor, mentee, forms
):
    make_pair(programme, active_mentor, mentee)
    client.force_login(curator)
    url = reverse("registry:participant_anonymise", args=[mentee.participant_id])
    page = client.get(url).content.decode()
    assert "работает в открытых парах или группах (1)" in page
    client.post(url, {"reason": "Заявление", "confirmation": "ОБЕЗЛИЧИТЬ"})
    assert not AnonymisationRecord.objects.exists()
    with pytest.raises(privacy.PrivacyError):
        privacy.anonymise_participant(mentee.participant, by=curator, reason="Заявление")


def test_anonymisation_needs_the_word(client, curator, mentee):
    client.force_login(curator)
    url = reverse("registry:participant_anonymise", args=[mentee.participant_id])
    page = client.post(url, {"reason": "Заявление", "confirmation": "да"}).content.decode()
    assert "Введите слово ОБЕЗЛИЧИТЬ" in page
    mentee.participant.refresh_from_db()
    assert mentee.participant.last_name == "Смирнова"


def test_anonymisation_access(client, mentee, working_group, other_curator, director):
    url = reverse("registry:participant_anonymise", args=[mentee.participant_id])
    client.force_login(working_group)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x", "confirmation": "ОБЕЗЛИЧИТЬ"}).status_code == 403
    client.force_login(other_curator)
    assert client.get(url).status_code == 404
    client.force_login(director)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302
