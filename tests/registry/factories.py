import datetime

import factory
from django.utils import timezone

from registry.models import (
    Certificate,
    Consent,
    Interview,
    Mentee,
    Mentor,
    Participant,
    RequestCategory,
    TrainingCourse,
)

from ..factories import ProgrammeFactory, SchoolFactory


def today() -> datetime.date:
    """The pinned clock's day (tests/clock.py), read when a factory builds a row."""
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def years_ago(years: int) -> datetime.date:
    day = today()
    return day.replace(
        year=day.year - years, day=28 if (day.month, day.day) == (2, 29) else day.day
    )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    school = factory.SubFactory(SchoolFactory)
    last_name = factory.Iterator(["Иванова", "Петров", "Сидорова", "Кузнецов", "Шевчук"])
    first_name = factory.Iterator(["Ольга", "Илья", "Мария", "Никита", "Анна"])
    middle_name = factory.Iterator(["Сергеевна", "Андреевич", "Петровна", "Олегович", ""])
    kind = Participant.Kind.TEACHER
    birth_date = datetime.date(1985, 3, 14)
    position = "учитель"
    subject = "математика"


class StudentFactory(ParticipantFactory):
    kind = Participant.Kind.STUDENT
    birth_date = factory.LazyFunction(lambda: years_ago(13) - datetime.timedelta(days=40))
    class_name = "7Б"
    position = ""
    subject = ""


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    kind = Consent.Kind.PERSONAL_DATA
    given_by = Consent.GivenBy.SELF
    signed_on = factory.LazyFunction(lambda: days_ago(10))


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    participant = factory.SubFactory(ParticipantFactory)
    kind = Certificate.Kind.CRIMINAL_RECORD
    number = factory.Sequence(lambda n: f"77/{n:05d}")
    issued_on = factory.LazyFunction(lambda: days_ago(30))


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    participant = factory.SubFactory(ParticipantFactory)
    school = factory.LazyAttribute(lambda o: o.participant.school)
    contour = Mentor.Contour.INTERNAL
    capacity = 2
    offer = "Помогу с подготовкой к олимпиадам по математике"


class MenteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentee
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    participant = factory.SubFactory(
        StudentFactory, school=factory.SelfAttribute("..programme.school")
    )
    request_text = "Хочу подтянуть математику"

    @factory.post_generation
    def categories(self, create, codes, **kwargs):
        if create and codes:
            self.categories.set(RequestCategory.objects.filter(code__in=codes))


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    mentor = factory.SubFactory(MentorFactory)
    programme = factory.SubFactory(
        ProgrammeFactory, school=factory.SelfAttribute("..mentor.school")
    )
    held_on = factory.LazyFunction(lambda: days_ago(3))
    readiness = Interview.Readiness.HIGH
    decision = Interview.Decision.RECOMMEND


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    programme = factory.SubFactory(ProgrammeFactory)
    title = "Школа наставников"
    hours = 16
    starts_on = factory.LazyFunction(lambda: days_ago(20))
    ends_on = factory.LazyFunction(lambda: days_ago(5))


def consents_for(participant: Participant, *, representative: bool | None = None) -> None:
    """Both consents, given by a parent when the participant is a minor."""
    by_parent = participant.is_minor() if representative is None else representative
    for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION):
        ConsentFactory(
            participant=participant,
            kind=kind,
            given_by=Consent.GivenBy.REPRESENTATIVE if by_parent else Consent.GivenBy.SELF,
            representative_name="Иванова Елена Петровна" if by_parent else "",
        )


def ready_teacher_mentor(school, **fields):
    mentor = MentorFactory(
        participant=ParticipantFactory(school=school), status=Mentor.Status.SELECTED, **fields
    )
    consents_for(mentor.participant)
    CertificateFactory(participant=mentor.participant)
    ConsentFactory(participant=mentor.participant, kind=Consent.Kind.TEACHER_MENTORING)
    return mentor


def ready_student_mentor(school, class_name="10А"):
    mentor = MentorFactory(
        participant=StudentFactory(school=school, class_name=class_name),
        status=Mentor.Status.SELECTED,
    )
    consents_for(mentor.participant)
    return mentor


def ready_mentee(programme, **person):
    mentee = MenteeFactory(
        programme=programme, participant=StudentFactory(school=programme.school, **person)
    )
    consents_for(mentee.participant)
    return mentee
