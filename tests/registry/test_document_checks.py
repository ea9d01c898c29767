import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import document_checks
from registry.document_checks import MENTEE, MENTOR, problems
from registry.models import Certificate, Consent, Mentor, Participant
from registry.models.people import grade_of

from .factories import (
    CertificateFactory,
    ConsentFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
    years_ago,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("born", "minor"),
    [
        (datetime.date(2008, 11, 24), True),
        (datetime.date(2008, 11, 23), False),
        (datetime.date(1990, 1, 1), False),
    ],
)
def test_minor_is_under_18_on_the_day(born, minor):
    person = Participant(kind=Participant.Kind.TEACHER, birth_date=born)
    assert person.is_minor(TODAY) is minor


def test_student_without_birth_date_counts_as_minor():
    assert Participant(kind=Participant.Kind.STUDENT).is_minor(TODAY)
    assert not Participant(kind=Participant.Kind.TEACHER).is_minor(TODAY)


@pytest.mark.parametrize(
    ("text", "grade"), [("7Б", 7), ("11 А", 11), ("10", 10), ("", None), ("А", None), ("12", None)]
)
def test_grade_of_class_name(text, grade):
    assert grade_of(text) == grade


def test_minor_needs_parents_consents(school):
    student = StudentFactory(school=school)
    assert problems(student, MENTEE) == [
        "нет согласия родителя на обработку персональных данных",
        "нет согласия родителя на участие в программе",
    ]
    consents_for(student, representative=False)
    assert len(problems(student, MENTEE)) == 2
    consents_for(student, representative=True)
    assert problems(student, MENTEE) == []


def test_withdrawn_consent_does_not_count(school):
    teacher = ParticipantFactory(school=school)
    consents_for(teacher)
    Consent.objects.filter(kind=Consent.Kind.PARTICIPATION).update(
        withdrawn_on=datetime.date.today()
    )
    assert problems(teacher, MENTEE) == ["нет согласия на участие в программе"]


def test_adult_mentor_needs_valid_criminal_record_certificate_and_teacher_consent(school):
    mentor = MentorFactory(participant=ParticipantFactory(school=school))
    consents_for(mentor.participant)
    assert problems(mentor, MENTOR) == [
        "нет справки об отсутствии судимости",
        "нет письменного согласия педагога на наставничество",
    ]
    old = datetime.date.today() - datetime.timedelta(days=400)
    CertificateFactory(participant=mentor.participant, issued_on=old)
    ConsentFactory(participant=mentor.participant, kind=Consent.Kind.TEACHER_MENTORING)
    expired = old + datetime.timedelta(days=365)
    assert problems(mentor, MENTOR) == [
        f"справка об отсутствии судимости просрочена (действовала до {expired:%d.%m.%Y})"
    ]
    CertificateFactory(participant=mentor.participant)
    assert problems(mentor, MENTOR) == []


def test_external_mentor_needs_medical_certificate(school):
    person = ParticipantFactory(school=school, kind=Participant.Kind.EMPLOYER_SPECIALIST)
    consents_for(person)
    CertificateFactory(participant=person)
    assert problems(person, MENTOR) == ["нет медицинской справки"]
    CertificateFactory(participant=person, kind=Certificate.Kind.MEDICAL)
    assert problems(person, MENTOR) == []


def test_student_mentor_needs_no_criminal_record_certificate(school):
    student = StudentFactory(school=school, class_name="10А")
    consents_for(student)
    assert problems(student, MENTOR) == []


def test_sql_filter_agrees_with_the_python_rules(school):
    today = datetime.date.today()
    people = [
        StudentFactory(school=school),
        StudentFactory(school=school),
        ParticipantFactory(school=school),
        ParticipantFactory(school=school, kind=Participant.Kind.GRADUATE),
        StudentFactory(school=school, birth_date=years_ago(19)),
        ParticipantFactory(school=school, birth_date=None),
    ]
    consents_for(people[1])
    consents_for(people[2])
    CertificateFactory(participant=people[2])
    ConsentFactory(participant=people[2], kind=Consent.Kind.TEACHER_MENTORING)
    consents_for(people[3])
    consents_for(people[4], representative=False)
    mentors = [MentorFactory(participant=p, school=school) for p in people]
    rows = document_checks.with_document_flags(Mentor.objects.all(), "participant")
    missing = set(
        rows.filter(
            document_checks.missing_documents_q(MENTOR, today, "participant__")
        ).values_list("pk", flat=True)
    )
    expected = {m.pk for m in mentors if problems(m, MENTOR)}
    assert missing == expected
    assert missing == {mentors[0].pk, mentors[3].pk, mentors[4].pk, mentors[5].pk}


def test_consent_of_a_minor_given_by_self_is_refused(school):
    consent = Consent(
        participant=StudentFactory(school=school),
        kind=Consent.Kind.PERSONAL_DATA,
        given_by=Consent.GivenBy.SELF,
        signed_on=datetime.date.today(),
    )
    with pytest.raises(ValidationError) as error:
        consent.clean()
    assert "родитель (законный представитель)" in str(error.value)


def test_certificate_is_valid_for_a_year_by_default(school):
    certificate = CertificateFactory(
        participant=ParticipantFactory(school=school), issued_on=datetime.date(2026, 1, 10)
    )
    assert certificate.valid_until == datetime.date(2027, 1, 10)
