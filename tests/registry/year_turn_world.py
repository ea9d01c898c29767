"""A school at the end of the 2026/2027 year, for the tests of «Новый учебный год».

Build it under a clock pinned after 31 August 2027 (the tests use 2 September 2027).
"""

import datetime
from types import SimpleNamespace

from mentoring.models import AcademicYear
from registry.models import Certificate, Mentee, Mentor, MentoringForm, Pair, Participant

from ..factories import ProgrammeFactory
from .factories import (
    CertificateFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    consents_for,
    ready_teacher_mentor,
)

OLD_YEAR_DAY = datetime.date(2026, 10, 1)


def _student(school, last_name, class_name, **fields) -> Participant:
    person = StudentFactory(school=school, last_name=last_name, class_name=class_name, **fields)
    consents_for(person)
    return person


def _mentee(programme, person, status=Mentee.Status.WAITING, **fields) -> Mentee:
    fields.setdefault("categories", ["low_results"])
    return MenteeFactory(programme=programme, participant=person, status=status, **fields)


def _pair(programme, mentor, mentees, form_code, status, **fields) -> Pair:
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code=form_code),
        status=status,
        **fields,
    )
    pair.mentees.set(mentees)
    return pair


def build_old_year(school) -> SimpleNamespace:
    """The 2026/2027 programme of ``school`` with every case the turn has to handle."""
    year = AcademicYear.for_date(OLD_YEAR_DAY)
    programme = ProgrammeFactory(
        school=school,
        year=year,
        goals="Раскрытие потенциала наставляемых",
        forms_in_use="«Ученик – ученик»",
        students_total=300,
        teachers_total=30,
    )
    start = datetime.date(2026, 10, 15)
    w = SimpleNamespace(programme=programme, year=year)

    # A student mentor of 10А and their mentee of 7А: an active pair that goes on.
    w.senior = MentorFactory(
        participant=_student(school, "Орлов", "10А"), status=Mentor.Status.ACTIVE
    )
    w.junior = _mentee(
        programme,
        _student(school, "Смирнова", "7А"),
        Mentee.Status.PAIRED,
        categories=["low_results", "ovz"],
        request_text="Хочу подтянуть математику и не бояться контрольных",
        priority=Mentee.Priority.HIGH,
        source="анкета",
    )
    w.active_pair = _pair(
        programme,
        w.senior,
        [w.junior],
        "student_student",
        Pair.Status.ACTIVE,
        starts_on=start,
        goal="Подтянуть математику",
        approval_note="Приказ № 12 от 15.10.2026",
    )

    # An 11th-grade mentor leaves school: their pair goes on as «Студент – ученик».
    w.leaving_mentor = MentorFactory(
        participant=_student(school, "Кузнецов", "11Б"), status=Mentor.Status.ACTIVE
    )
    w.spaced = _mentee(programme, _student(school, "Зайцева", "8 В"), Mentee.Status.PAIRED)
    w.graduate_pair = _pair(
        programme, w.leaving_mentor, [w.spaced], "student_student", Pair.Status.ACTIVE
    )

    # An employer's specialist with an expired criminal-record certificate and a group: one
    # mentee leaves school (11А), the other (9А) goes on.
    w.engineer = MentorFactory(
        participant=ParticipantFactory(
            school=school,
            last_name="Инженеров",
            kind=Participant.Kind.EMPLOYER_SPECIALIST,
            organisation="АО «Заречный завод»",
        ),
        contour=Mentor.Contour.EXTERNAL,
        status=Mentor.Status.ACTIVE,
        capacity=3,
    )
    consents_for(w.engineer.participant)
    CertificateFactory(
        participant=w.engineer.participant,
        issued_on=datetime.date(2026, 6, 1),
        valid_until=datetime.date(2027, 6, 1),
    )
    CertificateFactory(participant=w.engineer.participant, kind=Certificate.Kind.MEDICAL)
    w.leaver = _mentee(programme, _student(school, "Выпускникова", "11А"), Mentee.Status.PAIRED)
    w.ninth = _mentee(programme, _student(school, "Девятов", "9А"), Mentee.Status.PAIRED)
    w.group = _pair(
        programme, w.engineer, [w.leaver, w.ninth], "employer_pupil", Pair.Status.APPROVED
    )

    # A teacher and a young colleague: an approved pair; and a draft pair that is dropped.
    w.teacher = ready_teacher_mentor(school)
    w.teacher.status = Mentor.Status.ACTIVE
    w.teacher.save()
    w.colleague = _mentee(
        programme,
        ParticipantFactory(school=school, last_name="Молодцова", experience_years=1),
        Mentee.Status.PAIRED,
        categories=["young_specialist"],
    )
    consents_for(w.colleague.participant)
    w.teacher_pair = _pair(
        programme, w.teacher, [w.colleague], "teacher_teacher", Pair.Status.APPROVED
    )
    w.draft_teacher = ready_teacher_mentor(school)
    w.drafted = _mentee(
        programme,
        ParticipantFactory(school=school, last_name="Черновая", experience_years=0),
        Mentee.Status.PAIRED,
        categories=["new_at_work"],
    )
    consents_for(w.drafted.participant)
    w.draft_pair = _pair(
        programme, w.draft_teacher, [w.drafted], "teacher_teacher", Pair.Status.DRAFT
    )

    # Mentees without a pair: one waits (carried by default), one has left (not carried).
    w.waiting = _mentee(
        programme,
        _student(school, "Павлова", "7 А"),
        categories=["new_student"],
        request_text="Перешла в новую школу, хочу освоиться",
        priority=Mentee.Priority.LOW,
        source="классный руководитель",
    )
    w.gone = _mentee(programme, _student(school, "Волков", "6Б"), Mentee.Status.LEFT)
    # A student in no base at all still moves up.
    w.bystander = _student(school, "Сторонний", "5А")
    return w
