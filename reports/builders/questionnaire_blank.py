"""A blank questionnaire for printing (сид 000: «Анкета для выявления запросов обучающихся»,
«Анкеты обратной связи для промежуточной оценки», «Анкеты удовлетворённости …»): the questions
with a box for each answer option, boxes 1–10 for a scale and lines for a free answer.

A blank carries no personal data: it is the same sheet for everyone who fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from mentoring.files import document_name
from surveys.models import Question, Questionnaire

from ..documents.html import read_stylesheet
from ..documents.pdf import html_to_pdf

TEMPLATE_NAME = "reports/questionnaire_blank.html"
STYLESHEET = "css/blank.css"
TEXT_LINES = 3
HINTS = {
    Question.Kind.SINGLE: "Отметьте один вариант.",
    Question.Kind.MULTIPLE: "Отметьте все подходящие варианты.",
    Question.Kind.SCALE: "Отметьте одну клетку: 1 — совсем нет, 10 — полностью.",
    Question.Kind.SCALE_5: "Отметьте одну клетку: 1 — совсем нет, 5 — полностью.",
    Question.Kind.YES_NO: "Отметьте один вариант.",
    Question.Kind.TEXT: "Напишите ответ своими словами.",
}
YES_NO = ("Да", "Нет")


@dataclass
class BlankQuestion:
    number: int
    text: str
    kind: str
    hint: str
    options: list[str] = field(default_factory=list)
    scale: tuple[int, ...] = ()
    lines: tuple[int, ...] = ()


@dataclass
class BlankSection:
    title: str
    questions: list[BlankQuestion]


@dataclass
class Blank:
    title: str
    organisation: str
    intro: str
    sections: list[BlankSection]
    filename: str


def _question(number: int, question: Question) -> BlankQuestion:
    kind = question.kind
    blank = BlankQuestion(number, question.text, kind, HINTS.get(kind, ""))
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        blank.options = [str(option) for option in question.options]
    elif kind == Question.Kind.YES_NO:
        blank.options = list(YES_NO)
    elif question.is_scale:
        blank.scale = tuple(question.scale_values)
    else:
        blank.lines = tuple(range(TEXT_LINES))
    return blank


def questionnaire_blank(questionnaire: Questionnaire) -> Blank:
    sections: list[BlankSection] = []
    current = None
    questions = questionnaire.questions.select_related("section").order_by(
        "section__position", "section_id", "position", "id"
    )
    for number, question in enumerate(questions, start=1):
        title = question.section.title if question.section else ""
        if current is None or current.title != title:
            current = BlankSection(title, [])
            sections.append(current)
        current.questions.append(_question(number, question))
    return Blank(
        title=questionnaire.title,
        organisation=questionnaire.school.full_name if questionnaire.school else "",
        intro=questionnaire.description,
        sections=sections,
        filename=document_name(
            questionnaire.school.short_name if questionnaire.school else "",
            "Бланк анкеты",
            detail=questionnaire.title,
        ),
    )


def render_blank_pdf(blank: Blank) -> bytes:
    html = render_to_string(
        TEMPLATE_NAME, {"blank": blank, "stylesheet": read_stylesheet(STYLESHEET)}
    )
    return html_to_pdf(html)
