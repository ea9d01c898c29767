"""The personal-data map (mentoring/personal_data.py) is complete, and anonymisation and the
subject-access export follow it."""

import dataclasses
import datetime
import json
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from mentoring import personal_data
from mentoring.models import CalendarFeed, Membership, Role
from mentoring.personal_data import Action
from registry.models import (
    Attendance,
    Award,
    Case,
    Competency,
    DevelopmentPlan,
    DiaryEntry,
    Interview,
    Meeting,
    Mentee,
    Mentor,
    MentoringAgreement,
    MentoringDuty,
    MentoringForm,
    Pair,
    Participant,
    PlanItem,
    PortfolioFile,
    SupportContact,
    TrainingCertificate,
    TrainingSession,
)
from registry.services import privacy
from reports.builders.personal_data_parts import shown
from reports.builders.subject_access import subject_access_parts
from reports.models import NameOverride
from reports.orders.services import create_order
from surveys.models import Answer, Distribution, Invitation, Question, Questionnaire, Response

from ..factories import UserFactory, member
from ..registry.factories import (
    CertificateFactory,
    MenteeFactory,
    MentorFactory,
    StudentFactory,
    TrainingCourseFactory,
    consents_for,
    days_ago,
)

NAME = "Гайдамак"
OTHER_MENTOR = "Белов"
# Kept fields that anonymisation itself changes: it is a change of the record, by the curator.
CHANGED_BY_ANONYMISATION = {
    ("registry.Participant", "updated_at"),
    ("registry.Participant", "updated_by"),
    ("registry.Mentor", "updated_at"),
    ("registry.Mentee", "updated_at"),
}


def _project_models():
    base = str(settings.BASE_DIR)
    return [
        model
        for model in apps.get_models()
        if apps.get_app_config(model._meta.app_label).path.startswith(base)
        and ".venv" not in apps.get_app_config(model._meta.app_label).path
    ]


# --- the map is complete ---------------------------------------------------------------------


def test_every_field_of_a_declared_model_is_classified():
    problems = [
        p for entry in personal_data.declarations() for p in personal_data.unclassified(entry)
    ]
    assert problems == []


def test_every_model_that_links_to_people_is_declared():
    declared = {entry.model_class for entry in personal_data.declarations()}
    linked = {model for model in _project_models() if personal_data.holds_people(model)}
    assert {Participant, Mentee, Pair, Answer, Invitation} <= linked
    assert sorted(model._meta.label for model in linked - declared) == []


def test_a_new_unclassified_field_fails_the_check():
    entry = personal_data.declaration(Participant)
    without_phone = dataclasses.replace(
        entry, fields=tuple(f for f in entry.fields if f.name != "phone")
    )
    assert personal_data.unclassified(without_phone) == [
        "registry.Participant.phone: not classified"
    ]
    unexplained = dataclasses.replace(
        entry, fields=(*entry.fields[:-1], dataclasses.replace(entry.fields[-1], reason=""))
    )
    assert personal_data.unclassified(unexplained) == [
        f"registry.Participant.{entry.fields[-1].name}: kept without a reason"
    ]


@isolate_apps("registry")
def test_a_new_model_holding_people_is_caught():
    class Note(models.Model):  # noqa: DJ008
        participant = models.ForeignKey(Participant, on_delete=models.CASCADE)
        text = models.TextField()

        class Meta:
            app_label = "registry"

    class Weather(models.Model):  # noqa: DJ008
        day = models.DateField()

        class Meta:
            app_label = "registry"

    assert personal_data.holds_people(Note)
    assert not personal_data.holds_people(Weather)


# --- a person with something in every record of the map ---------------------------------------


def _pair(programme, mentor, mentee, **fields):
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status=Pair.Status.COMPLETED,
        starts_on=days_ago(90),
        ends_on=days_ago(5),
        **fields,
    )
    pair.mentees.set([mentee])
    return pair


def _survey(programme, person, curator):
    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Обратная связь", purpose="other", audience="all"
    )
    text = Question.objects.create(
        questionnaire=questionnaire, text="Что было полезно?", kind="text"
    )
    scale = Question.objects.create(
        questionnaire=questionnaire, text="Насколько полезно?", kind="scale", position=1
    )
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка обратной связи",
        deadline=days_ago(10),
        created_by=curator,
    )
    invitation = Invitation.objects.create(
        distribution=distribution,
        participant=person,
        respondent_name=f"{NAME} Ольга Сергеевна",
        expires_at=timezone.now() - datetime.timedelta(days=10),
        answered_at=timezone.now() - datetime.timedelta(days=12),
    )
    response = Response.objects.create(
        distribution=distribution, invitation=invitation, participant=person, phase="exit"
    )
    Answer.objects.create(response=response, question=text, text="Разбирали олимпиадные задачи")
    Answer.objects.create(response=response, question=scale, number=9, choices=["9"])


@pytest.fixture
def person(programme, forms, request_categories, curator, school):
    """A tenth-grader who mentored a younger student and was herself a mentee, now finished."""
    account = UserFactory(
        username="gaidamak", last_name=NAME, first_name="Ольга", email="olga@example.ru"
    )
    Membership.objects.create(user=account, role=Role.MENTOR, school=school)
    CalendarFeed.objects.create(user=account)
    participant = StudentFactory(
        school=school,
        last_name=NAME,
        first_name="Ольга",
        middle_name="Сергеевна",
        class_name="10А",
        birth_date=datetime.date(timezone.localdate().year - 16, 3, 14),
        position="староста",
        subject="физика",
        experience_years=1,
        organisation="Кружок робототехники",
        phone="+7 900 111-22-33",
        email="olga@example.ru",
        notes="Просила звонить после 16:00",
        user=account,
    )
    consents_for(participant)
    consent = participant.consents.first()
    consent.notes = "Принесла мама"
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4"))
    certificate = CertificateFactory(participant=participant, kind="medical")
    certificate.scan.save("certificate.pdf", ContentFile(b"%PDF-1.4"))

    mentor = MentorFactory(participant=participant, portfolio="Победитель олимпиады по физике")
    mentor.competencies.set(Competency.from_text("физика, робототехника"))
    portfolio = PortfolioFile(mentor=mentor, title="Диплом олимпиады")
    portfolio.file.save("diploma.pdf", ContentFile(b"%PDF-1.4"))
    Interview.objects.create(
        mentor=mentor,
        programme=programme,
        held_on=days_ago(100),
        readiness=Interview.Readiness.HIGH,
        decision=Interview.Decision.RECOMMEND,
        notes="Ольга спокойно объясняет",
        recorded_by=curator,
    )
    course = TrainingCourseFactory(programme=programme)
    session = TrainingSession.objects.create(course=course, held_on=days_ago(18), topic="Роль")
    Attendance.objects.create(session=session, mentor=mentor, present=True)
    TrainingCertificate.objects.create(
        course=course, mentor=mentor, number="ШН-17", hours=16, issued_on=days_ago(5)
    )

    younger = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=school, last_name="Зуев", first_name="Пётр"),
    )
    own_pair = _pair(
        programme,
        mentor,
        younger,
        goal="Гайдамак поможет с физикой",
        termination_reason="",
        mentor_allowance="без доплаты (ученица)",
    )
    Meeting.objects.create(
        pair=own_pair,
        held_on=days_ago(60),
        topic="Знакомство с Ольгой",
        outcome="Гайдамак рассказала о себе",
        duration_minutes=40,
        recorded_by=curator,
    )
    DiaryEntry.objects.create(
        pair=own_pair, diary="mentor", written_on=days_ago(59), text="Провела с Гайдамак урок"
    )
    Case.objects.create(
        programme=programme,
        pair=own_pair,
        title="Практика Гайдамак",
        what_was_done="Ольга вела кружок",
        results="Гайдамак с младшим учеником собрали робота",
    )
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=mentor,
        pair=own_pair,
        recipient_name=f"{NAME} Ольга",
        awarded_on=days_ago(4),
        note="Гайдамак — лучший наставник",
    )
    order = create_order(programme, "pairs", by=curator)
    order.pairs.add(own_pair)

    entry = MenteeFactory(
        programme=programme,
        participant=participant,
        request_text="Хочу поступить в инженерный класс",
        source="Анкета запросов",
        categories=["low_results", "ovz"],
    )
    elder_user = member(Role.MENTOR, school, username="belov", last_name=OTHER_MENTOR)
    elder = MentorFactory(
        participant=StudentFactory(
            school=school, last_name=OTHER_MENTOR, first_name="Андрей", user=elder_user
        )
    )
    their_pair = _pair(
        programme,
        elder,
        entry,
        goal="Подготовка Ольги к олимпиаде",
        termination_reason="Ольга перешла в другой класс",
        rematch_note="Ольге нужен новый наставник до олимпиады",
        mentor_allowance="1 500 ₽ наставнику",
    )
    Meeting.objects.create(
        pair=their_pair, held_on=days_ago(30), topic="Задачи", recorded_by=elder_user
    )
    DiaryEntry.objects.create(
        pair=their_pair,
        diary="mentee",
        mentee=entry,
        written_on=days_ago(29),
        text="Стало понятнее",
        author=account,
    )
    SupportContact.objects.create(
        pair=their_pair,
        contacted_on=days_ago(20),
        channel=SupportContact.Channel.PHONE,
        person=SupportContact.Person.PARENT,
        mentee=entry,
        notes="Мама Гайдамак рада занятиям",
        follow_up="Узнать у Ольги об олимпиаде",
        follow_up_on=days_ago(-5),
        recorded_by=curator,
    )
    plan = DevelopmentPlan.objects.create(pair=their_pair, mentee=entry, goal="Олимпиада")
    PlanItem.objects.create(plan=plan, task="Решить 20 задач", expected_result="Призёр")

    agreement = MentoringAgreement.objects.create(
        mentor=mentor,
        number="7",
        signed_on=days_ago(40),
        contract_number="12",
        contract_date=days_ago(400),
        starts_on=days_ago(39),
        ends_on=days_ago(-100),
        content="Гайдамак помогает готовить лабораторные работы",
        amount=3000,
        local_act="Положение об оплате труда",
        ended_on=days_ago(2),
        ended_by="employee",
        notice_on=days_ago(10),
        end_reason="Ольга перешла на другую работу",
        updated_by=curator,
    )
    agreement.mentees.add(elder.participant)
    MentoringDuty.objects.create(
        mentor=mentor,
        basis="job_description",
        document="Инструкция",
        since=days_ago(3),
        updated_by=curator,
    )
    _survey(programme, participant, curator)
    NameOverride.objects.create(
        school=school, nominative=participant.full_name, dative="Гайдамак Ольге Сергеевне"
    )
    return participant


def _value(row, name):
    model_field = row._meta.get_field(name)
    if model_field.many_to_many:
        return sorted(getattr(row, name).values_list("pk", flat=True))
    value = getattr(row, model_field.attname)
    if isinstance(model_field, models.FileField):
        return value.name or ""
    return value


def _blank(row, mapped):
    blank = mapped.blank_for(row)
    if row._meta.get_field(mapped.name).many_to_many:
        return sorted(item.pk for item in blank)
    return blank


def _audit_trail(person) -> str:
    """The logged changes of the person's participant, consents, certificates, mentor and mentee
    entries."""
    from auditlog.models import LogEntry

    ids = {
        "participant": [person.pk],
        "consent": list(person.consents.values_list("pk", flat=True)),
        "certificate": list(person.certificates.values_list("pk", flat=True)),
        "mentor": list(Mentor.objects.filter(participant=person).values_list("pk", flat=True)),
        "mentee": list(person.mentee_entries.values_list("pk", flat=True)),
    }
    entries = [
        [entry.object_repr, entry.changes]
        for model, pks in ids.items()
        for entry in LogEntry.objects.filter(
            content_type__app_label="registry",
            content_type__model=model,
            object_pk__in=[str(pk) for pk in pks],
        )
    ]
    return json.dumps(entries, ensure_ascii=False)


# --- anonymisation does what the map says -----------------------------------------------------


def test_anonymisation_erases_exactly_the_erase_fields(person, curator):
    names = [person.full_name, person.last_name, person.first_name, person.middle_name]
    pattern = privacy.name_pattern(names)
    before, blanks, files = {}, {}, []
    for entry in personal_data.persons_records():
        rows = list(entry.rows_of(person))
        if entry.model != "registry.AnonymisationRecord":
            assert rows, f"the world has no {entry.model} of the person"
        for row in rows:
            key = (entry.model, row.pk)
            before[key] = {f.name: _value(row, f.name) for f in entry.fields}
            blanks[key] = {f.name: _blank(row, f) for f in entry.with_action(Action.ERASE)}
            files += [
                getattr(row, f.name).path
                for f in entry.fields
                if f.name in ("scan", "file") and getattr(row, f.name)
            ]
    for entry in personal_data.persons_records():
        for mapped in [] if entry.delete else entry.with_action(Action.ERASE):
            keys = [key for key in before if key[0] == entry.model]
            assert any(before[key][mapped.name] != blanks[key][mapped.name] for key in keys), (
                f"nothing to erase in {entry.model}.{mapped.name}"
            )
    scrubbed = {
        entry.model: {row.pk: {f.name: getattr(row, f.name) for f in fields} for row in rows}
        for entry in personal_data.declarations()
        if (fields := entry.with_action(Action.SCRUB))
        and (rows := list(entry.model_class.objects.all()))
    }
    for model, rows in scrubbed.items():
        for name in next(iter(rows.values())):
            assert any(NAME in texts[name] or "Ольг" in texts[name] for texts in rows.values()), (
                f"no name to scrub in {model}.{name}"
            )

    assert NAME in _audit_trail(person)

    privacy.anonymise_participant(person, by=curator, reason="Заявление матери")

    assert NAME not in _audit_trail(person)

    for entry in personal_data.persons_records():
        model = entry.model_class
        for (label, pk), values in before.items():
            if label != entry.model:
                continue
            row = model.objects.filter(pk=pk).first()
            if entry.delete:
                assert row is None, f"{label} #{pk} is not deleted"
                continue
            for mapped in entry.fields:
                now = _value(row, mapped.name)
                if mapped.action == Action.ERASE:
                    assert now == blanks[(label, pk)][mapped.name], f"{label}.{mapped.name}"
                elif mapped.action == Action.KEEP and (label, mapped.name) not in (
                    CHANGED_BY_ANONYMISATION
                ):
                    assert now == values[mapped.name], f"{label}.{mapped.name} changed"
    for model, rows in scrubbed.items():
        model_class = apps.get_model(model)
        for pk, texts in rows.items():
            row = model_class.objects.filter(pk=pk).first()
            if row is None:  # the person's own diary: deleted
                continue
            for name, text in texts.items():
                assert getattr(row, name) == privacy.scrub(text, pattern), f"{model}.{name}"
    assert all(not os.path.exists(path) for path in files)
    assert not NameOverride.objects.exists()
    assert Participant.objects.get(pk=person.pk).full_name == f"Участник № {person.pk}"


def test_the_confirmation_page_lists_the_map(client, curator, person):
    client.force_login(curator)
    page = client.get(reverse("registry:participant_anonymise", args=[person.pk])).content
    page = page.decode()
    for line in personal_data.erased_lines() + personal_data.kept_lines():
        assert escape(line) in page
    assert "Исправления склонения ФИО участника — удаляются" in personal_data.erased_lines()


# --- the subject-access export shows every field of the map -----------------------------------


def test_the_export_has_a_column_for_every_field_of_the_map(person, curator):
    """Before anonymisation and after it (the record of anonymisation exists only then)."""
    parts = subject_access_parts(person)
    privacy.anonymise_participant(person, by=curator, reason="Заявление")
    parts += subject_access_parts(Participant.objects.get(pk=person.pk))
    shown_fields = {pair for part in parts for pair in part.fields}
    expected = {
        (entry.model, mapped.name)
        for entry in personal_data.persons_records()
        for mapped in entry.fields
    }
    assert expected - shown_fields == set()
    assert ("reports.NameOverride", "dative") in shown_fields
    for part in parts:
        titles = [title for title, _ in part.facts] or [column.title for column in part.columns]
        assert len(titles) == len(set(titles)), part.heading


def test_the_export_holds_the_persons_values_and_nobody_elses(client, curator, person):
    client.force_login(curator)
    url = reverse("reports:subject_access_export", args=[person.pk, "json"])
    data = json.loads(client.get(url).content)
    text = json.dumps(data, ensure_ascii=False)
    sections = {section["heading"]: section for section in data["sections"]}
    for entry in personal_data.persons_records():
        for row in entry.rows_of(person):
            for mapped in entry.fields:
                model_field = row._meta.get_field(mapped.name)
                if model_field.is_relation or (entry.model, mapped.name) == (
                    "registry.Pair",
                    "mentor_allowance",
                ):
                    continue
                value = shown(row, mapped.name)
                if isinstance(value, str) and value and mapped.name != "password":
                    assert json.dumps(value, ensure_ascii=False)[1:-1] in text, (
                        f"{entry.model}.{mapped.name}: {value}"
                    )
    assert sections["Участник"]["facts"]["Телефон"] == "+7 900 111-22-33"
    assert sections["Учётная запись"]["facts"]["Логин"] == "gaidamak"
    assert sections["Учётная запись"]["facts"]["Пароль"] == "задан"
    assert sections["Роли учётной записи"]["rows"][0]["Роль"] == "Наставник"
    assert "без доплаты (ученица)" in text and "1 500 ₽" not in text
    assert OTHER_MENTOR not in text and "Зуев" not in text
    meetings = {row["Тема"]: row for row in sections["Встречи"]["rows"]}
    assert meetings["Задачи"]["Кем внесено"] == "другой участник программы"
    assert meetings["Знакомство с Ольгой"]["Кем внесено"] == curator.full_name
    diary = sections["Записи дневников"]["rows"]
    assert [row["Автор"] for row in diary if row["Запись"] == "Стало понятнее"] == ["участник"]
    assert sections["Исправления склонения ФИО"]["rows"][0]["Дательный (кому?)"] == (
        "Гайдамак Ольге Сергеевне"
    )
