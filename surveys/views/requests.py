"""Answers to the request questionnaires → the mentee base, without retyping: school staff only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path

from mentoring import access
from registry.forms.bases import MenteeForm
from registry.forms.people import ParticipantForm
from registry.views.common import require_edit, section_context, staff_object, staff_programme

from ..models import Response
from ..services import requests as services


@login_required
def request_responses(request, programme_id):
    programme = staff_programme(request, programme_id)
    return render(
        request,
        "surveys/requests/request_list.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "responses": services.request_responses(programme),
        },
    )


@login_required
def request_to_mentee(request, response_id):
    response = staff_object(
        request,
        Response.objects.select_related(
            "participant", "distribution__questionnaire", "distribution__programme__school"
        ),
        response_id,
    )
    programme = response.distribution.programme
    school = programme.school
    if not services.is_request(response):
        messages.info(request, "Это не анкета выявления запросов: в базу вносятся только они.")
        return redirect(response.distribution)
    require_edit(request, school.pk)
    found = services.existing_mentee(response)
    if found:
        messages.info(request, f"{found.participant.full_name} уже в базе наставляемых.")
        return redirect(found)

    questionnaire = response.distribution.questionnaire
    existing = response.participant
    data = request.POST or None
    person_form = None
    if existing is None:
        person_form = ParticipantForm(
            data, prefix="person", initial={"kind": services.participant_kind(questionnaire)}
        )
    form = MenteeForm(
        data,
        prefix="mentee",
        audience=services.audience_of(questionnaire),
        sensitive=access.can(request.user, "sensitive.read", school.pk),
        initial={
            "categories": [c.pk for c in services.suggested_categories(response)],
            "request_text": services.own_words(response),
            "source": services.SOURCE,
        },
    )
    if request.method == "POST" and form.is_valid() and (existing or person_form.is_valid()):
        participant = existing
        if participant is None:
            participant = person_form.save(commit=False)
            participant.school = school
            participant.updated_by = request.user
        try:
            mentee = services.create_mentee(response, participant, form, request.user)
        except services.AlreadyMentee as error:
            messages.info(request, f"{participant.full_name} уже в базе наставляемых.")
            return redirect(error.mentee)
        messages.success(request, f"{participant.full_name} добавлен(а) в базу наставляемых.")
        return redirect(mentee)
    return render(
        request,
        "surveys/requests/request_form.html",
        {
            **section_context(request, programme, school, "surveys"),
            "response": response,
            "answers": response.answers.select_related("question").order_by(
                "question__position", "question_id"
            ),
            "existing": existing,
            "person_form": person_form,
            "form": form,
        },
    )


urlpatterns = [
    path("programmes/<int:programme_id>/requests/", request_responses, name="request_responses"),
    path(
        "surveys/responses/<int:response_id>/mentee/",
        request_to_mentee,
        name="request_to_mentee",
    ),
]
