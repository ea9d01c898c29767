"""Distributions of questionnaires: school staff only (the pages list children's names)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path, reverse

from mentoring.query_params import parse_id
from registry.models import Pair
from registry.views.common import require_edit, section_context, staff_object, staff_programme

from ..forms.distribution import DistributionForm
from ..models import Distribution, Occasion, Questionnaire
from ..pair_health import PULSE_DANGER_BELOW, PULSE_WARNING_BELOW, latest_pulses
from ..services import distribution as services


def programme_pulses(programme) -> list:
    """The programme's pairs that were sent the relationship pulse, with their latest answers."""
    pairs = list(
        Pair.objects.filter(programme=programme, survey_distributions__occasion=Occasion.PULSE)
        .distinct()
        .select_related("mentor__participant", "form")
        .order_by("mentor__participant__last_name", "pk")
    )
    latest = latest_pulses([pair.pk for pair in pairs])
    for pair in pairs:
        pair.pulse = latest.get(pair.pk)
        mean = pair.pulse["mean"] if pair.pulse else None
        pair.pulse_level = (
            ""
            if mean is None
            else "danger"
            if mean < PULSE_DANGER_BELOW
            else "warning"
            if mean < PULSE_WARNING_BELOW
            else "success"
        )
    return pairs


@login_required
def distribution_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    distributions = services.with_progress(
        Distribution.objects.filter(programme=programme)
        .exclude(occasion=Occasion.PULSE)
        .select_related("questionnaire")
    )
    for distribution in distributions:
        distribution.percent = services.percent(distribution.answered, distribution.invited)
    questionnaires = (
        Questionnaire.objects.for_user(request.user)
        .filter(Q(school__isnull=True) | Q(school=programme.school_id))
        .order_by("school", "title")
    )
    return render(
        request,
        "surveys/distributions/distribution_list.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "distributions": distributions,
            "questionnaires": questionnaires,
            "pulses": programme_pulses(programme),
        },
    )


@login_required
def distribution_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    initial = {}
    if questionnaire_id := parse_id(request.GET.get("questionnaire")):
        initial["questionnaire"] = questionnaire_id
    form = DistributionForm(
        request.POST or None, user=request.user, programme=programme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        distribution = services.create_distribution(
            programme,
            data["questionnaire"],
            title=data["title"],
            phase=data["phase"],
            deadline=data["deadline"],
            groups=data["groups"],
            by=request.user,
        )
        count = distribution.invitations.count()
        messages.success(request, f"Анкета отправлена: приглашений — {count}.")
        return redirect(distribution)
    return render(
        request,
        "surveys/distributions/distribution_form.html",
        {**section_context(request, programme, programme.school, "surveys"), "form": form},
    )


@login_required
def distribution_detail(request, distribution_id):
    distribution = staff_object(
        request,
        Distribution.objects.select_related(
            "questionnaire", "programme__school", "programme__year"
        ),
        distribution_id,
    )
    programme = distribution.programme
    invitations = list(distribution.invitations.order_by("respondent_name", "id"))
    answered = sum(1 for invitation in invitations if invitation.answered_at)
    waiting = [invitation for invitation in invitations if not invitation.answered_at]
    for invitation in waiting:
        if invitation.user_id is None:
            invitation.link = request.build_absolute_uri(
                reverse("surveys:answer_by_link", args=[invitation.token])
            )
    return render(
        request,
        "surveys/distributions/distribution_detail.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "distribution": distribution,
            "invited": len(invitations),
            "answered": answered,
            "percent": services.percent(answered, len(invitations)),
            "waiting": waiting,
            "answered_list": [invitation for invitation in invitations if invitation.answered_at],
        },
    )


urlpatterns = [
    path("programmes/<int:programme_id>/surveys/", distribution_list, name="distribution_list"),
    path(
        "programmes/<int:programme_id>/surveys/new/",
        distribution_create,
        name="distribution_create",
    ),
    path(
        "surveys/distributions/<int:distribution_id>/",
        distribution_detail,
        name="distribution_detail",
    ),
]
