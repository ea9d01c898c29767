"""Explainable matching: ranked mentors for a mentee, the whole-base proposal, the weights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from mentoring import access

from ..forms.matching import SuggestionPairForm, WeightsForm
from ..matching import assignment, scoring
from ..models import MatchingWeights, Mentee, Mentor, MentoringForm, RoleModel
from ..services.pairs import PairingError, blockers_by_mentor, create_pair
from .common import require_edit, section_context, staff_object, staff_programme


def _mentee(request, mentee_id) -> Mentee:
    return staff_object(
        request,
        Mentee.objects.select_related("participant", "programme__school", "programme__year"),
        mentee_id,
    )


def _suggestions_page(request, mentee, *, problems=(), posted=None, status=200):
    programme = mentee.programme
    suggestions = scoring.rank(
        mentee, sensitive=access.can(request.user, "sensitive.read", programme.school_id)
    )
    blockers = blockers_by_mentor(mentee, [suggestion.mentor for suggestion in suggestions])
    return render(
        request,
        "registry/matching/suggestions.html",
        {
            **section_context(request, programme, programme.school, "mentees"),
            "mentee": mentee,
            "suggestions": [(s, blockers[s.mentor.pk]) for s in suggestions],
            "all_forms": list(MentoringForm.objects.all()),
            "all_roles": list(RoleModel.objects.select_related("form")),
            "problems": problems,
            "posted": posted,
        },
        status=status,
    )


@login_required
def mentee_suggestions(request, mentee_id):
    mentee = _mentee(request, mentee_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return _suggestions_page(request, mentee)


@login_required
def pair_from_suggestion(request, mentee_id, mentor_id):
    mentee = _mentee(request, mentee_id)
    programme = mentee.programme
    mentor = get_object_or_404(
        Mentor.objects.filter(school=programme.school_id).select_related("participant"),
        pk=mentor_id,
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, programme.school_id)
    form = SuggestionPairForm(request.POST)
    if not form.is_valid():
        problems = [e for errors in form.errors.values() for e in errors]
        return _suggestions_page(request, mentee, problems=problems, posted=mentor, status=400)
    data = form.cleaned_data
    try:
        pair = create_pair(
            programme,
            mentor,
            [mentee],
            data["form"],
            data["role_model"],
            by=request.user,
            goal=data["goal"],
            rematch_note=data["rematch_note"],
        )
    except PairingError as error:
        return _suggestions_page(request, mentee, problems=error.problems, posted=mentor)
    messages.success(request, f"Пара сформирована: {mentor} — {mentee}.")
    return redirect(pair.get_absolute_url())


@login_required
def matching_proposal(request, programme_id):
    programme = staff_programme(request, programme_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    ctx = scoring.Context.for_school(
        programme.school,
        explain_sensitive=access.can(request.user, "sensitive.read", programme.school_id),
    )
    proposals, unassigned = assignment.propose(programme, ctx=ctx)
    return render(
        request,
        "registry/matching/proposal.html",
        {
            **section_context(request, programme, programme.school, "mentees"),
            "proposals": proposals,
            "unassigned": unassigned,
            "weights": [(label, ctx.weights[key]) for key, label in scoring.CRITERIA.items()],
        },
    )


def _chosen_pairs(request) -> list[tuple[int, int]]:
    values = [request.POST["one"]] if request.POST.get("one") else request.POST.getlist("selected")
    found = []
    for value in values:
        mentee_id, _, mentor_id = str(value).partition(":")
        if mentee_id.isdecimal() and mentor_id.isdecimal():
            found.append((int(mentee_id), int(mentor_id)))
    return found


@login_required
def matching_accept(request, programme_id):
    programme = staff_programme(request, programme_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, programme.school_id)
    chosen = _chosen_pairs(request)
    if not chosen:
        messages.warning(request, "Отметьте предложения, которые нужно принять.")
    mentees = programme.mentees.select_related("participant", "programme__school")
    mentors = Mentor.objects.filter(school=programme.school_id).select_related("participant")
    created = 0
    for mentee_id, mentor_id in chosen:
        mentee = get_object_or_404(mentees, pk=mentee_id)
        mentor = get_object_or_404(mentors, pk=mentor_id)
        suggestion = scoring.suggest_one(mentee, mentor)
        if suggestion.form is None:
            problems = [r.text for r in suggestion.reasons_against if r.hard]
            messages.error(request, f"{mentee} — {mentor}: {'; '.join(problems)}")
            continue
        try:
            create_pair(
                programme, mentor, [mentee], suggestion.form, suggestion.role_model, by=request.user
            )
        except PairingError as error:
            messages.error(request, f"{mentee} — {mentor}: {'; '.join(error.problems)}")
        else:
            created += 1
    if created:
        messages.success(request, f"Сформировано пар: {created}.")
    return redirect("registry:matching_proposal", programme_id=programme.pk)


@login_required
def matching_weights(request, programme_id):
    programme = staff_programme(request, programme_id)
    school = programme.school
    if request.method == "POST":
        require_edit(request, school.pk)
    form = WeightsForm(request.POST or None, initial=scoring.weights_for(school))
    if request.method == "POST" and form.is_valid():
        MatchingWeights.objects.update_or_create(
            school=school, defaults={"weights": form.cleaned_data}
        )
        messages.success(request, "Веса подбора сохранены.")
        return redirect("registry:matching_proposal", programme_id=programme.pk)
    return render(
        request,
        "registry/matching/weights.html",
        {**section_context(request, programme, school, "mentees"), "form": form},
        status=400 if form.is_bound else 200,
    )


urlpatterns = [
    path("mentees/<int:mentee_id>/suggestions/", mentee_suggestions, name="mentee_suggestions"),
    path(
        "mentees/<int:mentee_id>/suggestions/<int:mentor_id>/",
        pair_from_suggestion,
        name="pair_from_suggestion",
    ),
    path("programmes/<int:programme_id>/matching/", matching_proposal, name="matching_proposal"),
    path("programmes/<int:programme_id>/matching/accept/", matching_accept, name="matching_accept"),
    path(
        "programmes/<int:programme_id>/matching/weights/",
        matching_weights,
        name="matching_weights",
    ),
]
