"""Answering questionnaires: by a personal link without log-in, or from the user's account."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from mentoring.scoping import row_scope

from ..forms.answer import AnswerForm
from ..models import Invitation
from ..services import answering as services

_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
REFUSALS = {
    services.ANSWERED: (
        "Ответ по этой ссылке уже получен",
        "Спасибо! Анкета по этой ссылке уже заполнена, повторно ответить нельзя.",
    ),
    services.EXPIRED: (
        "Срок действия ссылки истёк",
        "Приём ответов на эту анкету закончился. Если вы хотели ответить, обратитесь к "
        "куратору программы наставничества в школе.",
    ),
}


def _invitations():
    return Invitation.objects.select_related("distribution__questionnaire")


def _refuse(request, reason: str, title: str = ""):
    heading, text = REFUSALS[reason]
    return render(
        request,
        "surveys/answering/refusal.html",
        {"heading": heading, "text": text, "questionnaire_title": title},
        status=410,
    )


def _form(request, invitation):
    questionnaire = invitation.distribution.questionnaire
    questions = services.questions_of(questionnaire)
    data = request.POST if request.method == "POST" else None
    return AnswerForm(data, questions=questions)


def answer_by_link(request, token):
    """Public: the token is the only key; the page shows nothing but the questionnaire."""
    # A key is URL-safe base64 (new_token); anything else, e.g. a NUL that PostgreSQL refuses
    # in a query, is not looked up at all.
    if not _TOKEN.fullmatch(token):
        return render(request, "surveys/answering/not_found.html", status=404)
    # Whoever follows the link reads and writes within the invitation's school only.
    with row_scope(Invitation, token=token):
        return _answer_by_link(request, token)


def _answer_by_link(request, token):
    invitation = _invitations().filter(token=token).first()
    if invitation is None:
        return render(request, "surveys/answering/not_found.html", status=404)
    questionnaire = invitation.distribution.questionnaire
    reason = services.refusal(invitation)
    if reason:
        return _refuse(request, reason, questionnaire.title)
    form = _form(request, invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(invitation, form.answers())
        except services.AnswerRefused as refused:
            return _refuse(request, refused.reason, questionnaire.title)
        return render(
            request, "surveys/answering/thanks.html", {"questionnaire_title": questionnaire.title}
        )
    return render(
        request,
        "surveys/answering/answer_public.html",
        {"form": form, "questionnaire": questionnaire},
    )


@login_required
def my_surveys(request):
    invitations = (
        _invitations()
        .filter(user=request.user, answered_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("expires_at", "id")
    )
    return render(request, "surveys/answering/my_surveys.html", {"invitations": invitations})


@login_required
def answer_invitation(request, invitation_id):
    invitation = get_object_or_404(_invitations(), pk=invitation_id, user=request.user)
    questionnaire = invitation.distribution.questionnaire
    reason = services.refusal(invitation)
    if reason:
        messages.warning(request, REFUSALS[reason][0])
        return redirect("surveys:my_surveys")
    form = _form(request, invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(invitation, form.answers())
        except services.AnswerRefused as refused:
            messages.warning(request, REFUSALS[refused.reason][0])
        else:
            messages.success(request, f"Спасибо! Ответ на анкету «{questionnaire.title}» получен.")
        return redirect("surveys:my_surveys")
    return render(
        request,
        "surveys/answering/answer_account.html",
        {"form": form, "questionnaire": questionnaire, "invitation": invitation},
    )


urlpatterns = [
    path("a/<str:token>/", answer_by_link, name="answer_by_link"),
    path("my/surveys/", my_surveys, name="my_surveys"),
    path("my/surveys/<int:invitation_id>/", answer_invitation, name="answer_invitation"),
]
