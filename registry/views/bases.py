from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from mentoring import access
from mentoring.audit import record_sensitive_view
from mentoring.files import attachment
from mentoring.pagination import paginate
from mentoring.query_params import parse_id

from .. import document_checks, selectors
from ..filters import MenteeFilter, MentorFilter
from ..forms.bases import MenteeForm, MentorForm, PortfolioFileForm, StatusForm
from ..forms.people import ParticipantForm
from ..models import Mentee, Mentor, Participant, PortfolioFile, RequestCategory
from ..services import bases as services
from .common import current_programme, require_edit, section_context, staff_object, staff_programme


def _with_problems(page, role):
    for row in page:
        row.problems = document_checks.problems(row, role)
    return page


@login_required
def mentor_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    filtered = MentorFilter(request.GET, queryset=selectors.mentor_rows(programme.school))
    page, querystring = paginate(request, filtered.qs)
    return render(
        request,
        "registry/mentor_list.html",
        {
            **section_context(request, programme, programme.school, "mentors"),
            "filter": filtered,
            "page": _with_problems(page, document_checks.MENTOR),
            "querystring": querystring,
        },
    )


@login_required
def mentee_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    sensitive = access.can(request.user, "sensitive.read", programme.school_id)
    filtered = MenteeFilter(
        request.GET,
        queryset=selectors.mentee_rows(programme, sensitive=sensitive),
        sensitive=sensitive,
    )
    page, querystring = paginate(request, filtered.qs)
    return render(
        request,
        "registry/mentee_list.html",
        {
            **section_context(request, programme, programme.school, "mentees"),
            "filter": filtered,
            "page": _with_problems(page, document_checks.MENTEE),
            "querystring": querystring,
        },
    )


@login_required
def request_map(request, programme_id):
    programme = staff_programme(request, programme_id)
    sensitive = access.can(request.user, "sensitive.read", programme.school_id)
    rows, hidden = selectors.request_map(programme, sensitive=sensitive)
    return render(
        request,
        "registry/request_map.html",
        {
            **section_context(request, programme, programme.school, "request_map"),
            "students": [
                r for r in rows if r.category.audience == RequestCategory.Audience.STUDENT
            ],
            "teachers": [
                r for r in rows if r.category.audience == RequestCategory.Audience.TEACHER
            ],
            "hidden": hidden,
            "without_category": programme.mentees.filter(categories__isnull=True).count(),
        },
    )


def _participant_choice(request, school):
    """An existing participant chosen by id (only of this school), or None."""
    chosen = parse_id(request.POST.get("participant") or request.GET.get("participant"))
    if chosen is None:
        return None
    return get_object_or_404(Participant.objects.filter(school=school), pk=chosen)


def _saved_participant(existing, person_form, school, user) -> Participant:
    """The chosen participant, or the new one from the person form, saved in the school."""
    if existing:
        return existing
    participant = person_form.save(commit=False)
    participant.school = school
    participant.updated_by = user
    participant.save()
    return participant


@login_required
def mentor_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    require_edit(request, school.pk)
    existing = _participant_choice(request, school)
    if existing and Mentor.objects.filter(participant=existing).exists():
        messages.info(request, f"{existing.full_name} уже в базе наставников.")
        return redirect(existing.mentor)
    data = request.POST or None
    person_form = None if existing else ParticipantForm(data, prefix="person")
    form = MentorForm(data, prefix="mentor")
    if request.method == "POST" and form.is_valid() and (existing or person_form.is_valid()):
        with transaction.atomic():
            participant = _saved_participant(existing, person_form, school, request.user)
            mentor = form.save(commit=False)
            mentor.school = school
            mentor.participant = participant
            mentor.contour = form.cleaned_data["contour"] or services.default_contour(participant)
            mentor.updated_by = request.user
            mentor.save()
            form.save_competencies(mentor)
        messages.success(request, f"{participant.full_name} добавлен(а) в базу наставников.")
        return redirect(mentor)
    return render(
        request,
        "registry/mentor_form.html",
        {
            **section_context(request, programme, school, "mentors"),
            "form": form,
            "person_form": person_form,
            "existing": existing,
        },
    )


def _mentor(request, mentor_id) -> Mentor:
    return staff_object(request, Mentor.objects.select_related("participant", "school"), mentor_id)


@login_required
def mentor_detail(request, mentor_id):
    mentor = _mentor(request, mentor_id)
    consents, certificates = selectors.participant_documents(mentor.participant)
    return render(
        request,
        "registry/mentor_detail.html",
        {
            **section_context(request, current_programme(mentor.school), mentor.school, "mentors"),
            "mentor": mentor,
            "participant": mentor.participant,
            "problems": document_checks.problems(mentor, document_checks.MENTOR),
            "consents": consents,
            "certificates": certificates,
            "status_form": StatusForm(
                initial={"status": mentor.status}, choices=Mentor.Status.choices
            ),
            "interviews": mentor.interviews.select_related("programme__year"),
            "training": mentor.training_certificates.select_related("course"),
            "portfolio_form": PortfolioFileForm(),
            "files": mentor.files.all(),
            "registry_refusal": services.registry_refusal(mentor),
        },
    )


@login_required
def mentor_edit(request, mentor_id):
    mentor = _mentor(request, mentor_id)
    require_edit(request, mentor.school_id)
    form = MentorForm(request.POST or None, instance=mentor, prefix="mentor")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            mentor = form.save(commit=False)
            mentor.updated_by = request.user
            mentor.save()
            form.save_competencies(mentor)
        messages.success(request, "Карточка наставника сохранена.")
        return redirect(mentor)
    return render(
        request,
        "registry/mentor_form.html",
        {
            **section_context(request, current_programme(mentor.school), mentor.school, "mentors"),
            "form": form,
            "mentor": mentor,
        },
    )


@login_required
def mentor_status(request, mentor_id):
    mentor = _mentor(request, mentor_id)
    require_edit(request, mentor.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST, choices=Mentor.Status.choices)
    if not form.is_valid():
        messages.error(request, "Выберите статус из списка.")
    elif form.cleaned_data["status"] in Mentor.IN_REGISTRY and not mentor.in_registry:
        messages.error(
            request,
            "В реестр наставников включают по итогам собеседования: раздел «Отбор наставников».",
        )
    else:
        services.set_mentor_status(mentor, form.cleaned_data["status"], by=request.user)
        messages.success(request, f"Статус: «{mentor.get_status_display()}».")
    return redirect(mentor)


@login_required
def portfolio_upload(request, mentor_id):
    mentor = _mentor(request, mentor_id)
    require_edit(request, mentor.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PortfolioFileForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.save(commit=False)
        document.mentor = mentor
        document.save()
        messages.success(request, f"Файл «{document.title}» добавлен в портфолио.")
    else:
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
    return redirect(mentor)


@login_required
def portfolio_file(request, file_id):
    document = get_object_or_404(
        PortfolioFile.objects.filter(
            mentor__school__in=access.schools_where(request.user, "records.read")
        ),
        pk=file_id,
    )
    return attachment(document.file)


def _mentee(request, mentee_id) -> Mentee:
    return staff_object(
        request,
        Mentee.objects.select_related("participant", "programme__school", "programme__year"),
        mentee_id,
    )


def _audience(participant: Participant | None) -> str | None:
    if participant is None:
        return None
    if participant.kind == Participant.Kind.STUDENT:
        return RequestCategory.Audience.STUDENT
    if participant.kind == Participant.Kind.TEACHER:
        return RequestCategory.Audience.TEACHER
    return None


@login_required
def mentee_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    require_edit(request, school.pk)
    existing = _participant_choice(request, school)
    if existing and programme.mentees.filter(participant=existing).exists():
        mentee = programme.mentees.get(participant=existing)
        messages.info(request, f"{existing.full_name} уже в базе наставляемых этого года.")
        return redirect(mentee)
    data = request.POST or None
    sensitive = access.can(request.user, "sensitive.read", school.pk)
    person_form = None if existing else ParticipantForm(data, prefix="person")
    form = MenteeForm(data, prefix="mentee", audience=_audience(existing), sensitive=sensitive)
    if request.method == "POST" and form.is_valid() and (existing or person_form.is_valid()):
        with transaction.atomic():
            participant = _saved_participant(existing, person_form, school, request.user)
            mentee = form.save(commit=False)
            mentee.programme = programme
            mentee.participant = participant
            mentee.updated_by = request.user
            mentee.save()
            form.save_categories(mentee)
        messages.success(request, f"{participant.full_name} добавлен(а) в базу наставляемых.")
        return redirect(mentee)
    return render(
        request,
        "registry/mentee_form.html",
        {
            **section_context(request, programme, school, "mentees"),
            "form": form,
            "person_form": person_form,
            "existing": existing,
        },
    )


@login_required
def mentee_detail(request, mentee_id):
    mentee = _mentee(request, mentee_id)
    school = mentee.programme.school
    sensitive = access.can(request.user, "sensitive.read", school.pk)
    categories = mentee.categories.all()
    if sensitive and any(category.sensitive for category in categories):
        record_sensitive_view(request.user, mentee, school.pk)
    consents, certificates = selectors.participant_documents(mentee.participant)
    return render(
        request,
        "registry/mentee_detail.html",
        {
            **section_context(request, mentee.programme, school, "mentees"),
            "mentee": mentee,
            "participant": mentee.participant,
            "categories": categories if sensitive else categories.filter(sensitive=False),
            "problems": document_checks.problems(mentee, document_checks.MENTEE),
            "consents": consents,
            "certificates": certificates,
            "status_form": StatusForm(
                initial={"status": mentee.status}, choices=Mentee.Status.choices
            ),
        },
    )


@login_required
def mentee_edit(request, mentee_id):
    mentee = _mentee(request, mentee_id)
    school = mentee.programme.school
    require_edit(request, school.pk)
    form = MenteeForm(
        request.POST or None,
        instance=mentee,
        prefix="mentee",
        audience=_audience(mentee.participant),
        sensitive=access.can(request.user, "sensitive.read", school.pk),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            mentee = form.save(commit=False)
            mentee.updated_by = request.user
            mentee.save()
            form.save_categories(mentee)
        messages.success(request, "Запрос наставляемого сохранён.")
        return redirect(mentee)
    return render(
        request,
        "registry/mentee_form.html",
        {
            **section_context(request, mentee.programme, school, "mentees"),
            "form": form,
            "mentee": mentee,
        },
    )


@login_required
def mentee_status(request, mentee_id):
    mentee = _mentee(request, mentee_id)
    require_edit(request, mentee.programme.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST, choices=Mentee.Status.choices)
    if form.is_valid():
        services.set_mentee_status(mentee, form.cleaned_data["status"], by=request.user)
        messages.success(request, f"Статус: «{mentee.get_status_display()}».")
    else:
        messages.error(request, "Выберите статус из списка.")
    return redirect(mentee)


urlpatterns = [
    path("programmes/<int:programme_id>/mentors/", mentor_list, name="mentor_list"),
    path("programmes/<int:programme_id>/mentors/new/", mentor_create, name="mentor_create"),
    path("mentors/<int:mentor_id>/", mentor_detail, name="mentor_detail"),
    path("mentors/<int:mentor_id>/edit/", mentor_edit, name="mentor_edit"),
    path("mentors/<int:mentor_id>/status/", mentor_status, name="mentor_status"),
    path("mentors/<int:mentor_id>/portfolio/", portfolio_upload, name="portfolio_upload"),
    path("portfolio/<int:file_id>/", portfolio_file, name="portfolio_file"),
    path("programmes/<int:programme_id>/mentees/", mentee_list, name="mentee_list"),
    path("programmes/<int:programme_id>/mentees/new/", mentee_create, name="mentee_create"),
    path("programmes/<int:programme_id>/request-map/", request_map, name="request_map"),
    path("mentees/<int:mentee_id>/", mentee_detail, name="mentee_detail"),
    path("mentees/<int:mentee_id>/edit/", mentee_edit, name="mentee_edit"),
    path("mentees/<int:mentee_id>/status/", mentee_status, name="mentee_status"),
]
