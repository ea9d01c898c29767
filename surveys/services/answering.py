"""Answering a questionnaire: the questions in order and writing one response."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import Answer, Invitation, Question, Questionnaire, Response


class AnswerRefused(Exception):
    """The invitation was answered already or its deadline has passed."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


ANSWERED = "answered"
EXPIRED = "expired"


def questions_of(questionnaire: Questionnaire):
    """Questions ordered by section, then by position; questions without a section first."""
    return questionnaire.questions.select_related("section").order_by(
        F("section__position").asc(nulls_first=True), "section_id", "position", "id"
    )


def refusal(invitation: Invitation) -> str | None:
    if invitation.answered_at is not None:
        return ANSWERED
    if invitation.is_expired:
        return EXPIRED
    return None


def answer_fields(question: Question, value) -> dict | None:
    """The Answer columns for a cleaned value, or None when an optional question is skipped."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if question.is_scale or kind == Question.Kind.YES_NO:
        return {"number": int(value)}
    if kind == Question.Kind.MULTIPLE:
        return {"choices": list(value)}
    if kind == Question.Kind.SINGLE:
        return {"choices": [value]}
    return {"text": value}


@transaction.atomic
def submit_response(invitation: Invitation, answers) -> Response:
    """Write the response of an invitation; answers are (question, cleaned value) pairs.

    The invitation row is locked, so two submissions at once give one response.
    """
    locked = (
        Invitation.objects.select_for_update().select_related("distribution").get(pk=invitation.pk)
    )
    reason = refusal(locked)
    if reason:
        raise AnswerRefused(reason)
    distribution = locked.distribution
    response = Response.objects.create(
        distribution=distribution,
        invitation=locked,
        participant_id=locked.participant_id,
        pair_id=locked.pair_id,
        phase=distribution.phase,
    )
    rows = []
    for question, value in answers:
        fields = answer_fields(question, value)
        if fields is not None:
            rows.append(Answer(response=response, question=question, **fields))
    Answer.objects.bulk_create(rows)
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answered_at"])
    invitation.answered_at = locked.answered_at
    return response
