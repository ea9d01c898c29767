"""Requests questionnaires feed the mentee base: categories suggested from the answers."""

from django.db import transaction

from registry.models import Mentee, Participant, RequestCategory

from ..models import Questionnaire, Response

REQUEST_PURPOSES = (Questionnaire.Purpose.STUDENT_REQUESTS, Questionnaire.Purpose.TEACHER_REQUESTS)
SOURCE = "анкета"
OWN_WORDS = "своими словами"

# Fragments of answers (lower case, «ё» read as «е») → request category code.
STUDENT_RULES = [
    (("оценк", "учеб", "домашн"), "low_results"),
    (("олимпиад",), "gifted"),
    (("адаптац", "новом классе", "новому классу", "новой школе", "первый год"), "new_student"),
    (("общени", "друз"), "disengaged"),
]
TEACHER_RULES = [
    (("выгоран", "устал"), "burnout"),
    (("цифров",), "digital_skills"),
    (("0–3", "0-3"), "young_specialist"),
    (("новом месте", "меньше года"), "new_at_work"),
]


class AlreadyMentee(Exception):
    def __init__(self, mentee: Mentee):
        super().__init__(str(mentee))
        self.mentee = mentee


def audience_of(questionnaire: Questionnaire) -> str:
    if questionnaire.purpose == Questionnaire.Purpose.TEACHER_REQUESTS:
        return RequestCategory.Audience.TEACHER
    return RequestCategory.Audience.STUDENT


def participant_kind(questionnaire: Questionnaire) -> str:
    if audience_of(questionnaire) == RequestCategory.Audience.TEACHER:
        return Participant.Kind.TEACHER
    return Participant.Kind.STUDENT


def is_request(response: Response) -> bool:
    return response.distribution.questionnaire.purpose in REQUEST_PURPOSES


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


def answer_texts(response: Response) -> list[str]:
    """Chosen options and written answers of a response, lower case."""
    texts = []
    for answer in response.answers.all():
        texts.extend(_normal(choice) for choice in answer.choices)
        if answer.text:
            texts.append(_normal(answer.text))
    return texts


def suggested_codes(texts: list[str], audience: str) -> set[str]:
    rules = TEACHER_RULES if audience == RequestCategory.Audience.TEACHER else STUDENT_RULES
    return {
        code
        for fragments, code in rules
        if any(_normal(fragment) in text for fragment in fragments for text in texts)
    }


def suggested_categories(response: Response) -> list[RequestCategory]:
    """Categories read from the answers; sensitive categories are never suggested."""
    audience = audience_of(response.distribution.questionnaire)
    codes = suggested_codes(answer_texts(response), audience)
    return list(RequestCategory.objects.filter(code__in=codes, audience=audience, sensitive=False))


def own_words(response: Response) -> str:
    """The open answer «своими словами», the request in the respondent's words."""
    for answer in response.answers.select_related("question"):
        if OWN_WORDS in answer.question.text.lower() and answer.text:
            return answer.text.strip()
    return ""


def existing_mentee(response: Response) -> Mentee | None:
    if response.participant_id is None:
        return None
    return Mentee.objects.filter(
        programme_id=response.distribution.programme_id, participant_id=response.participant_id
    ).first()


@transaction.atomic
def create_mentee(response: Response, participant: Participant, form, by) -> Mentee:
    """The mentee from a filled MenteeForm; the response is tied to the participant."""
    programme_id = response.distribution.programme_id
    if participant.pk:
        found = Mentee.objects.filter(programme_id=programme_id, participant=participant).first()
        if found:
            raise AlreadyMentee(found)
    else:
        participant.save()
    mentee = form.save(commit=False)
    mentee.programme_id = programme_id
    mentee.participant = participant
    mentee.updated_by = by
    mentee.save()
    form.save_categories(mentee)
    if response.participant_id != participant.pk:
        response.participant = participant
        response.save(update_fields=["participant"])
    return mentee


def request_responses(programme) -> list[Response]:
    """Responses to the programme's request questionnaires, each with ``mentee`` or None."""
    responses = list(
        Response.objects.filter(
            distribution__programme=programme,
            distribution__questionnaire__purpose__in=REQUEST_PURPOSES,
        )
        .select_related("participant", "distribution__questionnaire")
        .order_by("-submitted_at", "-id")
    )
    mentees = {
        mentee.participant_id: mentee
        for mentee in programme.mentees.filter(
            participant__in=[r.participant_id for r in responses if r.participant_id]
        )
    }
    for response in responses:
        response.mentee = mentees.get(response.participant_id)
    return responses
