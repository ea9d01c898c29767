"""Teacher mentors under article 351.8 of the Labour Code: consent, supplementary agreement,
early ending on notice, or mentoring within the position's duties. The staff read, editors write;
a mentor and the municipal officer get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from mentoring.periods import period_key

from ..forms.labour import AgreementForm, DutyForm, EndingForm
from ..models import Mentor, MentoringAgreement, MentoringDuty, Pair, Participant
from ..services.labour import mentoring_consents, standing_of, teacher_mentors
from .common import (
    current_programme,
    require_edit,
    section_context,
    staff_object,
    staff_programme,
)

NOT_A_TEACHER = "Статья 351.8 ТК РФ касается наставников из числа педагогов школы."


def _teacher_mentor(request, mentor_id) -> Mentor:
    mentor = staff_object(
        request,
        Mentor.objects.select_related("participant", "school"),
        mentor_id,
    )
    if mentor.participant.kind != Participant.Kind.TEACHER:
        raise Http404(NOT_A_TEACHER)
    return mentor


def _agreement(request, agreement_id) -> MentoringAgreement:
    return staff_object(
        request,
        MentoringAgreement.objects.select_related("mentor__participant", "mentor__school"),
        agreement_id,
    )


def _mentor_context(request, mentor, **extra) -> dict:
    programme = current_programme(mentor.school)
    return {
        **section_context(request, programme, mentor.school, "teacher_mentors"),
        "mentor": mentor,
        "participant": mentor.participant,
        **extra,
    }


@login_required
def teacher_mentor_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    today = timezone.localdate()
    rows = teacher_mentors(
        Mentor.objects.for_user(request.user, "records.read").filter(school=programme.school_id),
        today,
    )
    return render(
        request,
        "registry/labour/teacher_mentor_list.html",
        {
            **section_context(request, programme, programme.school, "teacher_mentors"),
            "rows": rows,
            "this_month": period_key(today),
        },
    )


@login_required
def teacher_mentor_detail(request, mentor_id):
    mentor = _teacher_mentor(request, mentor_id)
    standing = standing_of(
        Mentor.objects.prefetch_related("participant__consents", "agreements__mentees")
        .select_related("participant")
        .get(pk=mentor.pk),
        timezone.localdate(),
    )
    return render(
        request,
        "registry/labour/teacher_mentor_detail.html",
        _mentor_context(
            request,
            mentor,
            standing=standing,
            consents=mentoring_consents(mentor.participant),
            agreements=mentor.agreements.prefetch_related("mentees"),
        ),
    )


def _young_specialists(mentor) -> list[int]:
    """The mentees of the mentor's open «Учитель – учитель» pairs: the agreement's first guess."""
    pairs = Pair.objects.filter(mentor=mentor, form__code="teacher_teacher").open()
    return list(
        Participant.objects.filter(mentee_entries__pairs__in=pairs)
        .distinct()
        .values_list("pk", flat=True)
    )


def _agreement_form(request, mentor, agreement=None):
    require_edit(request, mentor.school_id)
    initial = {} if agreement else {"mentees": _young_specialists(mentor)}
    form = AgreementForm(request.POST or None, instance=agreement, mentor=mentor, initial=initial)
    if request.method == "POST" and form.is_valid():
        agreement = form.save(commit=False)
        agreement.updated_by = request.user
        agreement.save()
        form.save_m2m()
        messages.success(request, f"{agreement} сохранено.")
        return redirect("registry:teacher_mentor_detail", mentor.pk)
    return render(
        request,
        "registry/labour/agreement_form.html",
        _mentor_context(request, mentor, form=form, agreement=agreement),
    )


@login_required
def agreement_create(request, mentor_id):
    return _agreement_form(request, _teacher_mentor(request, mentor_id))


@login_required
def agreement_edit(request, agreement_id):
    agreement = _agreement(request, agreement_id)
    return _agreement_form(request, agreement.mentor, agreement)


@login_required
def agreement_end(request, agreement_id):
    agreement = _agreement(request, agreement_id)
    mentor = agreement.mentor
    require_edit(request, mentor.school_id)
    form = EndingForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        agreement = form.save(commit=False)
        agreement.updated_by = request.user
        agreement.save()
        messages.success(
            request,
            f"Наставничество по соглашению № {agreement.number} прекращено досрочно "
            f"с {agreement.ended_on:%d.%m.%Y}.",
        )
        return redirect("registry:teacher_mentor_detail", mentor.pk)
    return render(
        request,
        "registry/labour/agreement_end.html",
        _mentor_context(request, mentor, form=form, agreement=agreement),
    )


@login_required
def duty_edit(request, mentor_id):
    mentor = _teacher_mentor(request, mentor_id)
    require_edit(request, mentor.school_id)
    duty = MentoringDuty.objects.filter(mentor=mentor).first()
    form = DutyForm(request.POST or None, instance=duty)
    if request.method == "POST" and form.is_valid():
        duty = form.save(commit=False)
        duty.mentor = mentor
        duty.updated_by = request.user
        duty.save()
        messages.success(request, "Наставничество отмечено как часть должностных обязанностей.")
        return redirect("registry:teacher_mentor_detail", mentor.pk)
    return render(
        request,
        "registry/labour/duty_form.html",
        _mentor_context(request, mentor, form=form, duty=duty),
    )


@login_required
def duty_delete(request, mentor_id):
    mentor = _teacher_mentor(request, mentor_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, mentor.school_id)
    MentoringDuty.objects.filter(mentor=mentor).delete()
    messages.success(
        request, "Отметка снята: наставничество ведётся по согласию и соглашению (ст. 351.8 ТК РФ)."
    )
    return redirect("registry:teacher_mentor_detail", mentor.pk)


urlpatterns = [
    path(
        "programmes/<int:programme_id>/teacher-mentors/",
        teacher_mentor_list,
        name="teacher_mentor_list",
    ),
    path("mentors/<int:mentor_id>/labour/", teacher_mentor_detail, name="teacher_mentor_detail"),
    path("mentors/<int:mentor_id>/agreements/new/", agreement_create, name="agreement_create"),
    path("agreements/<int:agreement_id>/edit/", agreement_edit, name="agreement_edit"),
    path("agreements/<int:agreement_id>/end/", agreement_end, name="agreement_end"),
    path("mentors/<int:mentor_id>/duty/", duty_edit, name="duty_edit"),
    path("mentors/<int:mentor_id>/duty/delete/", duty_delete, name="duty_delete"),
]
