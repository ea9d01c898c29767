"""Curator's own questionnaires: copying, and the rule that answered ones do not change."""

from django.db import transaction
from django.db.models import Max

from mentoring.models import School, User

from ..models import Answer, Question, Questionnaire

LOCKED = "На анкету уже есть ответы: изменить её нельзя, чтобы не исказить их. Сделайте копию."
STANDARD = "Стандартную анкету методологии изменить нельзя: сделайте копию для своей школы."


def edit_refusal(questionnaire: Questionnaire) -> str | None:
    """Why the questionnaire's questions cannot be changed, or None."""
    if questionnaire.is_standard:
        return STANDARD
    if Answer.objects.filter(question__questionnaire=questionnaire).exists():
        return LOCKED
    return None


@transaction.atomic
def copy_questionnaire(source: Questionnaire, school: School, *, by: User | None) -> Questionnaire:
    copy = Questionnaire.objects.create(
        school=school,
        title=f"{source.title} (копия)",
        purpose=source.purpose,
        audience=source.audience,
        description=source.description,
        copied_from=source,
        created_by=by,
    )
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = copy.sections.create(title=section.title, position=section.position)
    Question.objects.bulk_create(
        Question(
            questionnaire=copy,
            section=sections.get(question.section_id),
            text=question.text,
            kind=question.kind,
            options=list(question.options),
            required=question.required,
            position=question.position,
            measure=question.measure,
            higher_is_better=question.higher_is_better,
        )
        for question in source.questions.all()
    )
    return copy


def next_position(questionnaire: Questionnaire) -> int:
    return (questionnaire.questions.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def move_question(question: Question, step: int) -> None:
    """Swaps the question with its neighbour above (step -1) or below (step 1)."""
    siblings = list(question.questionnaire.questions.order_by("position", "id"))
    index = siblings.index(question)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        item.position = position
    Question.objects.bulk_update(siblings, ["position"])
