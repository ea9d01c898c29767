"""Training of mentors (этап 4): listeners, attendance and certificates."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.models import User

from ..models import Attendance, Mentor, TrainingCertificate, TrainingCourse, TrainingSession
from .bases import set_mentor_status


def _check_school(course: TrainingCourse, mentors: Iterable[Mentor]) -> None:
    school_id = course.programme.school_id
    if any(mentor.school_id != school_id for mentor in mentors):
        raise ValueError("Слушатели выбираются только из базы наставников школы.")


@transaction.atomic
def add_listeners(course: TrainingCourse, mentors: Iterable[Mentor], *, by: User | None) -> None:
    mentors = list(mentors)
    _check_school(course, mentors)
    course.participants.add(*mentors)


@transaction.atomic
def remove_listener(course: TrainingCourse, mentor: Mentor, *, by: User | None) -> str | None:
    """Removes a listener and their attendance marks; a certificate holder stays (the reason)."""
    certificate = course.certificates.filter(mentor=mentor).first()
    if certificate:
        return (
            f"{mentor}: удостоверение № {certificate.number} уже выдано, "
            "слушателя нельзя убрать из обучения."
        )
    Attendance.objects.filter(session__course=course, mentor=mentor).delete()
    course.participants.remove(mentor)
    return None


@transaction.atomic
def set_attendance(session: TrainingSession, present: Iterable[Mentor], *, by: User | None) -> None:
    """Marks every listener of the session's course present or absent in one go."""
    present_ids = {mentor.pk for mentor in present}
    listeners = list(session.course.participants.values_list("pk", flat=True))
    if present_ids - set(listeners):
        raise ValueError("Отмечать можно только слушателей этого обучения.")
    marks = {mark.mentor_id: mark for mark in session.attendance.all()}
    new, changed = [], []
    for mentor_id in listeners:
        is_present = mentor_id in present_ids
        mark = marks.get(mentor_id)
        if mark is None:
            new.append(Attendance(session=session, mentor_id=mentor_id, present=is_present))
        elif mark.present != is_present:
            mark.present = is_present
            changed.append(mark)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present"])


@dataclass
class Completion:
    certificate: TrainingCertificate
    created: bool
    message: str


@transaction.atomic
def complete_course(
    course: TrainingCourse,
    mentor: Mentor,
    number: str,
    hours: int,
    issued_on: datetime.date,
    *,
    by: User | None,
) -> Completion:
    """Issues the certificate of a course; a mentor of the registry becomes «Прошёл обучение».

    A second certificate for the same course is never issued: the existing one is returned as is.
    """
    if not course.participants.filter(pk=mentor.pk).exists():
        raise ValueError(f"{mentor} не слушатель этого обучения.")
    # The lock makes a double submit wait here and then find the certificate issued.
    mentor.status = (
        Mentor.objects.select_for_update()
        .filter(pk=mentor.pk)
        .values_list("status", flat=True)
        .get()
    )
    existing = course.certificates.filter(mentor=mentor).first()
    if existing:
        return Completion(
            existing,
            False,
            f"{mentor}: удостоверение № {existing.number} об этом обучении уже выдано, "
            "ничего не изменено.",
        )
    number = (number or "").strip()
    if not number:
        raise ValidationError("Укажите номер удостоверения.")
    if not hours or hours <= 0:
        raise ValidationError("Количество часов должно быть больше нуля.")
    # Compared in Python: SQLite folds the case of ASCII letters only, numbers may be Cyrillic.
    taken = {other.casefold() for other in course.certificates.values_list("number", flat=True)}
    if number.casefold() in taken:
        raise ValidationError(f"Номер {number} уже выдан в этом обучении.")
    certificate = TrainingCertificate.objects.create(
        course=course, mentor=mentor, number=number, hours=hours, issued_on=issued_on
    )
    issued = f"{mentor}: выдано удостоверение № {number}"
    if mentor.status == Mentor.Status.SELECTED:
        set_mentor_status(mentor, Mentor.Status.TRAINED, by=by)
        message = f"{issued}, статус «{Mentor.Status.TRAINED.label}»."
    elif mentor.in_registry:
        message = f"{issued}."
    elif mentor.status == Mentor.Status.INACTIVE:
        message = f"{issued}; наставник не участвует в программе: статус не изменён."
    else:
        message = f"{issued}; ещё не включён в реестр наставников: статус не изменён."
    return Completion(certificate, True, message)
