"""Stage 4: training of mentors — the «Школа наставников», refresher courses and seminars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from ..forms.training import (
    AttendanceForm,
    CompletionForm,
    CourseForm,
    ListenersForm,
    SessionForm,
    listener_candidates,
)
from ..models import Attendance, TrainingCourse, TrainingSession
from ..services import training as services
from .common import require_edit, section_context, staff_object, staff_programme


def _course(request, course_id) -> TrainingCourse:
    return staff_object(
        request,
        TrainingCourse.objects.select_related("programme__school", "programme__year"),
        course_id,
    )


def _session(request, session_id) -> TrainingSession:
    courses = TrainingCourse.objects.for_user(request.user, "records.read")
    return get_object_or_404(
        TrainingSession.objects.filter(course__in=courses).select_related(
            "course__programme__school", "course__programme__year"
        ),
        pk=session_id,
    )


def _context(request, course: TrainingCourse, **extra) -> dict:
    programme = course.programme
    return {
        "course": course,
        **extra,
        **section_context(request, programme, programme.school, "training"),
    }


def _listeners(course: TrainingCourse):
    return course.participants.select_related("participant")


@login_required
def course_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    courses = programme.training_courses.annotate(
        listener_count=Count("participants", distinct=True),
        certificate_count=Count("certificates", distinct=True),
    )
    context = {
        "courses": courses,
        **section_context(request, programme, programme.school, "training"),
    }
    return render(request, "registry/training/course_list.html", context)


@login_required
def course_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    form = CourseForm(
        request.POST or None,
        initial={"title": "Школа наставников", "kind": TrainingCourse.Kind.SCHOOL_OF_MENTORS},
    )
    if request.method == "POST" and form.is_valid():
        course = form.save(commit=False)
        course.programme = programme
        course.save()
        messages.success(request, f"Обучение «{course.title}» добавлено. Добавьте слушателей.")
        return redirect(course)
    context = {"form": form, **section_context(request, programme, programme.school, "training")}
    return render(request, "registry/training/course_form.html", context)


@login_required
def course_edit(request, course_id):
    course = _course(request, course_id)
    require_edit(request, course.programme.school_id)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course = form.save()
        messages.success(request, f"Обучение «{course.title}» сохранено.")
        return redirect(course)
    return render(
        request, "registry/training/course_form.html", _context(request, course, form=form)
    )


def _attendance_rows(course: TrainingCourse, listeners, sessions) -> list[dict]:
    """The attendance matrix: one row per listener, one cell per session (True, False or None)."""
    marks = dict(
        ((session_id, mentor_id), present)
        for session_id, mentor_id, present in Attendance.objects.filter(
            session__course=course
        ).values_list("session_id", "mentor_id", "present")
    )
    certificates = {cert.mentor_id: cert for cert in course.certificates.all()}
    rows = []
    for mentor in listeners:
        cells = [marks.get((session.pk, mentor.pk)) for session in sessions]
        rows.append(
            {
                "mentor": mentor,
                "cells": cells,
                "hours": sum(
                    s.hours for s, present in zip(sessions, cells, strict=True) if present
                ),
                "certificate": certificates.get(mentor.pk),
            }
        )
    return rows


@login_required
def course_detail(request, course_id):
    course = _course(request, course_id)
    listeners = list(_listeners(course))
    sessions = list(course.sessions.all())
    available = listener_candidates(course).exclude(pk__in=[mentor.pk for mentor in listeners])
    context = _context(
        request,
        course,
        sessions=sessions,
        rows=_attendance_rows(course, listeners, sessions),
        available=available,
        session_hours=sum(session.hours for session in sessions),
    )
    return render(request, "registry/training/course_detail.html", context)


@login_required
def course_listeners(request, course_id):
    course = _course(request, course_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, course.programme.school_id)
    form = ListenersForm(request.POST, course=course)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(course)
    mentors = list(form.cleaned_data["mentors"].select_related("participant"))
    if form.cleaned_data["action"] == ListenersForm.ADD:
        services.add_listeners(course, mentors, by=request.user)
        names = ", ".join(str(mentor) for mentor in mentors)
        messages.success(request, f"Слушатели добавлены: {names}.")
        return redirect(course)
    for mentor in mentors:
        refusal = services.remove_listener(course, mentor, by=request.user)
        if refusal:
            messages.error(request, refusal)
        else:
            messages.success(request, f"{mentor} больше не слушатель этого обучения.")
    return redirect(course)


@login_required
def session_create(request, course_id):
    course = _course(request, course_id)
    require_edit(request, course.programme.school_id)
    form = SessionForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.course = course
        session.save()
        messages.success(
            request, f"Занятие {session.held_on:%d.%m.%Y} «{session.topic}» добавлено."
        )
        return redirect(course)
    return render(
        request, "registry/training/session_form.html", _context(request, course, form=form)
    )


@login_required
def session_attendance(request, session_id):
    session = _session(request, session_id)
    course = session.course
    require_edit(request, course.programme.school_id)
    listeners = _listeners(course)
    has_listeners = listeners.exists()
    present = [mark.mentor_id for mark in session.attendance.all() if mark.present]
    form = AttendanceForm(request.POST or None, listeners=listeners, initial={"present": present})
    if request.method == "POST" and form.is_valid():
        services.set_attendance(session, form.cleaned_data["present"], by=request.user)
        messages.success(request, f"Посещаемость занятия {session.held_on:%d.%m.%Y} сохранена.")
        return redirect(course)
    context = _context(request, course, form=form, session=session, has_listeners=has_listeners)
    return render(request, "registry/training/session_attendance.html", context)


@login_required
def course_complete(request, course_id):
    course = _course(request, course_id)
    require_edit(request, course.programme.school_id)
    listeners = list(_listeners(course))
    certificates = {cert.mentor_id: cert for cert in course.certificates.all()}
    form = CompletionForm(
        request.POST or None, course=course, listeners=listeners, certificates=certificates
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for mentor in data["chosen"]:
            try:
                result = services.complete_course(
                    course,
                    mentor,
                    data[f"number_{mentor.pk}"],
                    data[f"hours_{mentor.pk}"],
                    data["issued_on"],
                    by=request.user,
                )
            except ValidationError as refused:
                messages.error(request, f"{mentor}: {' '.join(refused.messages)}")
                continue
            level = messages.success if result.created else messages.info
            level(request, result.message)
        return redirect(course)
    return render(
        request, "registry/training/course_complete.html", _context(request, course, form=form)
    )


urlpatterns = [
    path("programmes/<int:programme_id>/training/", course_list, name="course_list"),
    path("programmes/<int:programme_id>/training/new/", course_create, name="course_create"),
    path("courses/<int:course_id>/", course_detail, name="course_detail"),
    path("courses/<int:course_id>/edit/", course_edit, name="course_edit"),
    path("courses/<int:course_id>/listeners/", course_listeners, name="course_listeners"),
    path("courses/<int:course_id>/sessions/new/", session_create, name="session_create"),
    path(
        "training-sessions/<int:session_id>/attendance/",
        session_attendance,
        name="session_attendance",
    ),
    path("courses/<int:course_id>/complete/", course_complete, name="course_complete"),
]
