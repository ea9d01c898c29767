"""Raw answers of a distribution: one row per response, one column per question."""

from django.db.models import Prefetch
from django.utils import timezone

from mentoring.files import document_name
from surveys.models import Answer, Distribution, Question

from ..documents import Column, Document, Facts, Row, Section, Table

CHOICE_SEPARATOR = "; "
YES_NO = {1: "да", 0: "нет"}
ANONYMOUS = "Без имени"
FIXED_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Респондент", width=28),
    Column("Пара (группа)", width=30),
    Column("Этап", width=18),
    Column("Дата", width=12, kind="date"),
]


def answer_value(question: Question, answer: Answer | None):
    if answer is None:
        return None
    if question.is_scale:
        return answer.number
    if question.kind == Question.Kind.YES_NO:
        return YES_NO.get(answer.number)
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return CHOICE_SEPARATOR.join(str(choice) for choice in answer.choices)
    return answer.text


def _respondent(response) -> str:
    if response.invitation is not None:
        return response.invitation.respondent_name
    if response.participant is not None:
        return response.participant.full_name
    return ANONYMOUS


def _column(question: Question, number: int) -> Column:
    kind = "number" if question.is_scale else "text"
    return Column(f"{number}. {question.text}", width=14 if kind == "number" else 30, kind=kind)


def survey_answers_document(distribution: Distribution) -> Document:
    questions = list(distribution.questionnaire.questions.order_by("position", "id"))
    responses = (
        distribution.responses.select_related(
            "invitation", "participant", "pair__mentor__participant", "pair__form"
        )
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only(
                    "response_id", "question_id", "text", "number", "choices"
                ),
            )
        )
        .order_by("submitted_at", "id")
    )
    rows = []
    for number, response in enumerate(responses, start=1):
        by_question = {answer.question_id: answer for answer in response.answers.all()}
        rows.append(
            Row(
                [
                    number,
                    _respondent(response),
                    str(response.pair) if response.pair else "",
                    response.get_phase_display() if response.phase else "",
                    timezone.localtime(response.submitted_at).date(),
                    *(answer_value(q, by_question.get(q.pk)) for q in questions),
                ]
            )
        )
    programme = distribution.programme
    columns = FIXED_COLUMNS + [_column(q, n) for n, q in enumerate(questions, start=1)]
    invited = distribution.invitations.count()
    return Document(
        title=f"Ответы на анкету «{distribution.questionnaire.title}»",
        subtitle=distribution.title,
        organisation=programme.school.full_name,
        meta=[
            ("Программа", programme.year.name),
            ("Ответить до", distribution.deadline.strftime("%d.%m.%Y")),
        ],
        sections=[
            Section(heading="Сводка", blocks=[Facts([("Ответили", f"{len(rows)} из {invited}")])]),
            Section(
                heading="Ответы",
                blocks=[Table(columns, rows, empty_text="Ответов пока нет")],
            ),
        ],
        orientation="landscape",
        filename=document_name(
            programme.school.short_name, "Ответы на анкету", detail=distribution.title
        ),
    )
