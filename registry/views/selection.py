"""Stage 4: the competition commission, interviews and the registry of mentors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse

from mentoring.declension import INSTRUMENTAL, name_in
from mentoring.models import Role, User
from mentoring.query_params import parse_id

from .. import document_checks
from ..document_checks import with_document_flags
from ..forms.selection import (
    CommissionForm,
    CommissionMemberFormSet,
    InterviewForm,
    RegistryIncludeForm,
    filled_members,
    school_mentors,
)
from ..models import CommissionMember, Interview, Mentor, SelectionCommission
from ..services import bases as base_services
from ..services import selection as services
from .common import require_edit, section_context, staff_object, staff_programme


def _selection_url(programme) -> str:
    return reverse("registry:selection", args=[programme.pk])


def _recommended(school):
    """Mentors whose latest interview recommends them and who are not in the registry yet."""
    latest = Interview.objects.filter(mentor=OuterRef("pk")).order_by("-held_on", "-id")
    return (
        school_mentors(school)
        .exclude(status__in=[*Mentor.IN_REGISTRY, Mentor.Status.INACTIVE])
        .annotate(latest_decision=Subquery(latest.values("decision")[:1]))
        .filter(latest_decision=Interview.Decision.RECOMMEND)
    )


def _missing_documents(mentors) -> list[tuple[Mentor, list[str]]]:
    """Mentors (annotated with their documents) who lack consents or certificates: they may be
    put in the registry, but no pair is formed with them until the documents are added."""
    found = [
        (mentor, document_checks.problems(mentor, document_checks.MENTOR)) for mentor in mentors
    ]
    return [(mentor, problems) for mentor, problems in found if problems]


@login_required
def selection(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    commission = (
        SelectionCommission.objects.filter(programme=programme).prefetch_related("members").first()
    )
    mentors = school_mentors(school)
    recommended = list(with_document_flags(_recommended(school), "participant", school.pk))
    registry = list(
        with_document_flags(mentors.filter(status__in=Mentor.IN_REGISTRY), "participant", school.pk)
    )
    context = {
        "commission": commission,
        "candidates": mentors.filter(status=Mentor.Status.CANDIDATE),
        "interviews": Interview.objects.filter(programme=programme).select_related(
            "mentor__participant"
        ),
        "recommended": recommended,
        "registry": registry,
        "missing_documents": _missing_documents([*recommended, *registry]),
        "include_form": RegistryIncludeForm(school=school),
        **section_context(request, programme, school, "selection"),
    }
    return render(request, "registry/selection/selection.html", context)


def _initial_members(school) -> list[dict]:
    """The director as the chair and the school's curators, as the methodology requires."""
    director = school.director_name
    if not director:
        user = User.objects.filter(
            memberships__school=school, memberships__role=Role.DIRECTOR
        ).first()
        director = user.full_name if user else ""
    rows = [{"full_name": director, "position": "Директор", "role": CommissionMember.Role.CHAIR}]
    curators = User.objects.filter(
        memberships__school=school, memberships__role=Role.CURATOR
    ).order_by("last_name", "first_name")
    rows += [
        {
            "full_name": user.full_name,
            "position": "Куратор программы наставничества",
            "role": CommissionMember.Role.CURATOR,
        }
        for user in curators
    ]
    return rows


@login_required
def commission_edit(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    require_edit(request, school.pk)
    commission = SelectionCommission.objects.filter(programme=programme).first()
    if commission:
        initial = {"formed_on": commission.formed_on, "order_note": commission.order_note}
        members = [
            {"full_name": m.full_name, "position": m.position, "role": m.role}
            for m in commission.members.all()
        ]
    else:
        initial, members = {}, _initial_members(school)
    form = CommissionForm(request.POST or None, initial=initial)
    formset = CommissionMemberFormSet(request.POST or None, initial=members, prefix="members")
    rule_errors = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.save_commission(
                programme,
                filled_members(formset),
                form.cleaned_data["formed_on"],
                form.cleaned_data["order_note"],
                by=request.user,
            )
        except ValidationError as invalid:
            rule_errors = invalid.messages
        else:
            messages.success(request, "Состав конкурсной комиссии сохранён.")
            return redirect(_selection_url(programme))
    context = {
        "form": form,
        "formset": formset,
        "rule_errors": rule_errors,
        "commission": commission,
        **section_context(request, programme, school, "selection"),
    }
    return render(request, "registry/selection/commission_form.html", context)


def _preselected_mentor(request, school):
    mentor_id = parse_id(request.GET.get("mentor"))
    if mentor_id is None:
        return None
    return school_mentors(school).filter(pk=mentor_id).first()


@login_required
def interview_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    require_edit(request, school.pk)
    form = InterviewForm(
        request.POST or None,
        school=school,
        initial={"mentor": _preselected_mentor(request, school)},
    )
    if request.method == "POST" and form.is_valid():
        mentor = form.cleaned_data["mentor"]
        services.record_interview(mentor, programme, form.cleaned_data, by=request.user)
        with_mentor = name_in(mentor, INSTRUMENTAL)
        messages.success(request, f"Собеседование с наставником {with_mentor} записано.")
        return redirect(_selection_url(programme))
    context = {"form": form, **section_context(request, programme, school, "selection")}
    return render(request, "registry/selection/interview_form.html", context)


def _interview(request, interview_id) -> Interview:
    return staff_object(
        request,
        Interview.objects.select_related(
            "mentor__participant", "programme__school", "programme__year"
        ),
        interview_id,
    )


@login_required
def interview_edit(request, interview_id):
    interview = _interview(request, interview_id)
    programme, school = interview.programme, interview.programme.school
    require_edit(request, school.pk)
    form = InterviewForm(request.POST or None, instance=interview, school=school)
    if request.method == "POST" and form.is_valid():
        services.record_interview(
            interview.mentor, programme, form.cleaned_data, by=request.user, interview=interview
        )
        with_mentor = name_in(interview.mentor, INSTRUMENTAL)
        messages.success(request, f"Собеседование с наставником {with_mentor} сохранено.")
        return redirect(_selection_url(programme))
    context = {
        "form": form,
        "interview": interview,
        **section_context(request, programme, school, "selection"),
    }
    return render(request, "registry/selection/interview_form.html", context)


@login_required
def interview_delete(request, interview_id):
    interview = _interview(request, interview_id)
    programme, school = interview.programme, interview.programme.school
    require_edit(request, school.pk)
    if request.method == "POST":
        mentor = interview.mentor
        services.delete_interview(interview, by=request.user)
        with_mentor = name_in(mentor, INSTRUMENTAL)
        messages.success(request, f"Собеседование с наставником {with_mentor} удалено.")
        return redirect(_selection_url(programme))
    context = {"interview": interview, **section_context(request, programme, school, "selection")}
    return render(request, "registry/selection/interview_confirm_delete.html", context)


@login_required
def registry_include(request, programme_id):
    programme = staff_programme(request, programme_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, programme.school_id)
    form = RegistryIncludeForm(request.POST, school=programme.school)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_selection_url(programme))
    included, refused = base_services.include_in_registry(
        form.cleaned_data["mentors"], by=request.user, note=form.cleaned_data["note"]
    )
    if included:
        names = ", ".join(str(mentor) for mentor in included)
        messages.success(request, f"Включены в реестр наставников: {names}.")
    for mentor, reason in refused:
        messages.warning(request, f"{mentor} не включён в реестр: {reason}.")
    return redirect(_selection_url(programme))


urlpatterns = [
    path("programmes/<int:programme_id>/selection/", selection, name="selection"),
    path(
        "programmes/<int:programme_id>/selection/commission/",
        commission_edit,
        name="commission_edit",
    ),
    path(
        "programmes/<int:programme_id>/selection/interviews/new/",
        interview_create,
        name="interview_create",
    ),
    path(
        "programmes/<int:programme_id>/selection/registry/",
        registry_include,
        name="registry_include",
    ),
    path("interviews/<int:interview_id>/edit/", interview_edit, name="interview_edit"),
    path("interviews/<int:interview_id>/delete/", interview_delete, name="interview_delete"),
]
