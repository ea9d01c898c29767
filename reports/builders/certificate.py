"""«Грамота» (or «Благодарственное письмо» to parents) for an award, as an A4 landscape PDF."""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string

from mentoring.files import document_name
from mentoring.text import one_or_many
from registry.models import Award

from ..declension import DATIVE, Decliner
from ..documents.html import read_stylesheet
from ..documents.official import BLANK, long_date
from ..documents.pdf import html_to_pdf
from ..models import decliner_for
from ..orders.drafting import signer_name

TEMPLATE_NAME = "reports/certificate.html"
STYLESHEET = "css/certificate.css"

DEFAULT_WORDING = {
    Award.Kind.BEST_MENTOR: "за высокий профессионализм, искреннюю заботу о наставляемых и "
    "значительный вклад в реализацию {programme} {school}",
    Award.Kind.MENTOR_OF_YEAR: "как победитель конкурса «Наставник года» — за выдающиеся "
    "результаты наставнической деятельности в рамках {programme} {school}",
    Award.Kind.BEST_PAIR: "как победители конкурса «Лучшая пара» — за плодотворное "
    "сотрудничество, достигнутые результаты и творческий подход в рамках {programme} {school}",
    Award.Kind.PARENTS_LETTER: "за воспитание ответственного и отзывчивого человека, "
    "добросовестно выполняющего роль наставника в рамках {programme} {school}",
}
PROGRAMME_NAME = "Программы наставничества"
_NOMINATIVE_FULL_NAME = re.compile(r"\S+ \S+ (\S+(ич|вна|чна)|\S+ (оглы|кызы))", re.IGNORECASE)


@dataclass
class Certificate:
    heading: str
    verb: str
    recipients: list[str]
    wording: str
    organisation: str
    date_text: str
    signer_position: str
    signer_name: str
    filename: str


def recipients_of(award: Award) -> list[str]:
    """Who is named: the mentor; for «Лучшая пара» the mentor and the mentees; parents by name."""
    if award.kind == Award.Kind.PARENTS_LETTER:
        return [award.recipient_name] if award.recipient_name else [BLANK]
    names = []
    mentor = award.mentor or (award.pair.mentor if award.pair else None)
    if mentor:
        names.append(mentor.participant.full_name)
    if award.kind == Award.Kind.BEST_PAIR and award.pair:
        names += sorted(
            (mentee.participant.full_name for mentee in award.pair.mentees.all()),
        )
    if not names and award.recipient_name:
        names.append(award.recipient_name)
    return names or [BLANK]


def thanked(recipients: list[str], decliner: Decliner) -> list[str]:
    """«Выражаем благодарность» whom: a full name written in the nominative («Иванова Анна
    Петровна») goes into the dative; anything else is printed as the school wrote it."""
    shown = []
    for text in recipients:
        parts = [part.strip() for part in re.split(r",| и ", text) if part.strip()]
        if parts and all(_NOMINATIVE_FULL_NAME.fullmatch(part) for part in parts):
            text = " и ".join(decliner.full(part, DATIVE) for part in parts)
        shown.append(text)
    return shown


def certificate_for(award: Award) -> Certificate:
    programme = award.programme
    school = programme.school
    parents = award.kind == Award.Kind.PARENTS_LETTER
    recipients = recipients_of(award)
    wording = award.note.strip() or DEFAULT_WORDING[award.kind].format(
        programme=PROGRAMME_NAME, school=f"{school.short_name} в {programme.year.name} учебном году"
    )
    if parents:
        verb = "Выражаем искреннюю благодарность"
        shown = thanked(recipients, decliner_for(school))
    else:
        verb = one_or_many(len(recipients), "награждается", "награждаются")
        shown = recipients
    director = school.director_name.strip()
    return Certificate(
        heading="БЛАГОДАРСТВЕННОЕ ПИСЬМО" if parents else "ГРАМОТА",
        verb=verb,
        recipients=shown,
        wording=wording,
        organisation=school.full_name,
        date_text=long_date(award.awarded_on),
        signer_position="Директор",
        signer_name=signer_name(director) if director else BLANK,
        filename=document_name(
            school.short_name,
            "Благодарственное письмо" if parents else "Грамота",
            on=award.awarded_on,
            detail=recipients[0],
        ),
    )


def render_certificate_html(certificate: Certificate, *, font_css: str) -> str:
    return render_to_string(
        TEMPLATE_NAME,
        {"cert": certificate, "font_css": font_css, "stylesheet": read_stylesheet(STYLESHEET)},
    )


def render_certificate_pdf(certificate: Certificate) -> bytes:
    return html_to_pdf(render_certificate_html(certificate, font_css=""))
