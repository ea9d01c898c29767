from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from mentoring import access
from mentoring.models import School
from registry.views.common import (
    current_programme,
    require_edit,
    section_context,
    staff_programme,
)

from ..forms.questionnaire import QuestionForm, QuestionnaireForm, SectionForm
from ..models import Question, Questionnaire
from ..services import questionnaires as services


@login_required
def questionnaire_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    questionnaires = (
        Questionnaire.objects.for_user(request.user, "records.read")
        .filter(Q(school__isnull=True) | Q(school=programme.school))
        .annotate(question_count=Count("questions"))
        .order_by("-school", "purpose", "title")
    )
    return render(
        request,
        "surveys/questionnaires/list.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "standard": [q for q in questionnaires if q.is_standard],
            "own": [q for q in questionnaires if not q.is_standard],
        },
    )


@login_required
def questionnaire_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = form.save(commit=False)
        questionnaire.school = programme.school
        questionnaire.created_by = request.user
        questionnaire.save()
        messages.success(request, "Анкета создана: добавьте вопросы.")
        return redirect(questionnaire)
    return render(
        request,
        "surveys/questionnaires/form.html",
        {**section_context(request, programme, programme.school, "surveys"), "form": form},
    )


def _questionnaire(request, questionnaire_id) -> Questionnaire:
    return get_object_or_404(
        Questionnaire.objects.for_user(request.user, "records.read").select_related("school"),
        pk=questionnaire_id,
    )


def _editable(request, questionnaire: Questionnaire) -> None:
    refusal = services.edit_refusal(questionnaire)
    if refusal:
        raise PermissionDenied(refusal)
    require_edit(request, questionnaire.school_id)


def _context(request, questionnaire: Questionnaire) -> dict:
    """Tabs of the questionnaire's school; for a standard one, of the user's (first) school."""
    school = questionnaire.school or (
        School.objects.filter(pk__in=access.schools_where(request.user, "records.read")).first()
    )
    if school is None:
        return {}
    return section_context(request, current_programme(school), school, "surveys")


@login_required
def questionnaire_detail(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    context = _context(request, questionnaire)
    refusal = services.edit_refusal(questionnaire)
    can_change = refusal is None and access.can(
        request.user, "records.edit", questionnaire.school_id
    )
    return render(
        request,
        "surveys/questionnaires/detail.html",
        {
            **context,
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.select_related("section"),
            "refusal": refusal,
            "can_change": can_change,
            "section_form": SectionForm(),
        },
    )


@login_required
def questionnaire_copy(request, programme_id, questionnaire_id):
    programme = staff_programme(request, programme_id)
    questionnaire = _questionnaire(request, questionnaire_id)
    require_edit(request, programme.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    copy = services.copy_questionnaire(questionnaire, programme.school, by=request.user)
    messages.success(request, f"Создана копия «{copy.title}»: её можно изменять.")
    return redirect(copy)


@login_required
def section_create(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    _editable(request, questionnaire)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SectionForm(request.POST)
    if form.is_valid():
        section = form.save(commit=False)
        section.questionnaire = questionnaire
        section.position = questionnaire.sections.count() + 1
        section.save()
        messages.success(request, f"Раздел «{section.title}» добавлен.")
    else:
        messages.error(request, "Укажите название раздела.")
    return redirect(questionnaire)


@login_required
def question_create(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    _editable(request, questionnaire)
    form = QuestionForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.questionnaire = questionnaire
        question.position = services.next_position(questionnaire)
        question.save()
        messages.success(request, "Вопрос добавлен.")
        return redirect(questionnaire)
    return render(
        request,
        "surveys/questionnaires/question_form.html",
        {**_context(request, questionnaire), "form": form, "questionnaire": questionnaire},
    )


def _question(request, question_id) -> Question:
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=question_id)
    _questionnaire(request, question.questionnaire_id)
    _editable(request, question.questionnaire)
    return question


@login_required
def question_edit(request, question_id):
    question = _question(request, question_id)
    questionnaire = question.questionnaire
    form = QuestionForm(request.POST or None, instance=question, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Вопрос сохранён.")
        return redirect(questionnaire)
    return render(
        request,
        "surveys/questionnaires/question_form.html",
        {
            **_context(request, questionnaire),
            "form": form,
            "questionnaire": questionnaire,
            "question": question,
        },
    )


@login_required
def question_delete(request, question_id):
    question = _question(request, question_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    questionnaire = question.questionnaire
    question.delete()
    messages.success(request, "Вопрос удалён.")
    return redirect(questionnaire)


@login_required
def question_move(request, question_id):
    question = _question(request, question_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.move_question(question, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(question.questionnaire)


urlpatterns = [
    path(
        "programmes/<int:programme_id>/questionnaires/",
        questionnaire_list,
        name="questionnaire_list",
    ),
    path(
        "programmes/<int:programme_id>/questionnaires/new/",
        questionnaire_create,
        name="questionnaire_create",
    ),
    path(
        "programmes/<int:programme_id>/questionnaires/<int:questionnaire_id>/copy/",
        questionnaire_copy,
        name="questionnaire_copy",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/", questionnaire_detail, name="questionnaire_detail"
    ),
    path(
        "questionnaires/<int:questionnaire_id>/sections/new/",
        section_create,
        name="section_create",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/questions/new/",
        question_create,
        name="question_create",
    ),
    path("questions/<int:question_id>/edit/", question_edit, name="question_edit"),
    path("questions/<int:question_id>/delete/", question_delete, name="question_delete"),
    path("questions/<int:question_id>/move/", question_move, name="question_move"),
]
