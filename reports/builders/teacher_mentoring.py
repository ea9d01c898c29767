"""Papers of teacher mentoring under article 351.8 of the Labour Code: the teacher's written
consent, the supplementary agreement to the labour contract, and the month's list of mentors'
additional payments for the accounting office."""

from __future__ import annotations

import datetime
from decimal import Decimal

from mentoring.files import document_name
from mentoring.models import School
from mentoring.periods import month_bounds, month_name
from mentoring.phrases import inflect_phrase, position_in
from registry.models import Mentor, MentoringAgreement, Participant
from registry.services.labour import mentoring_consents, month_payments, standing_of

from ..declension import (
    GENITIVE,
    INSTRUMENTAL,
    NOMINATIVE,
    Decliner,
    is_female,
)
from ..documents import Column, Document, Facts, OfficialDocument, Row, Section, Signature, Table
from ..documents.official import BLANK, DATE_BLANK, OfficialSection, long_date
from ..orders.drafting import signer_name

ARTICLE = "статьёй 351.8 Трудового кодекса Российской Федерации"
EARLY_END = (
    "Работник и Работодатель вправе досрочно прекратить осуществление наставничества, "
    "предупредив об этом другую сторону в письменной форме не менее чем за три рабочих дня."
)
INITIATOR_GENITIVE = {
    MentoringAgreement.Initiator.EMPLOYEE: "работника",
    MentoringAgreement.Initiator.EMPLOYER: "работодателя",
}


def _clause(text: str) -> str:
    """Text that goes on after a colon: its first letter in lower case unless it begins an
    abbreviation («Помощь в …» → «помощь в …», «ИКТ-компетенции» stays)."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def position_of(participant: Participant) -> str:
    """«учитель математики» from the position «учитель» and the one-word subject «математика»;
    otherwise the position as written on the card."""
    position = " ".join(participant.position.split()) or "педагогический работник"
    subject = participant.subject.strip()
    if position.lower() == "учитель" and subject and len(subject.split()) == 1:
        return f"{position} {inflect_phrase(subject.lower(), GENITIVE)}"
    return position


def person_with_position(decliner: Decliner, participant: Participant, case: str) -> str:
    """«Петрова Петра Петровича, учителя истории» in the case the sentence needs."""
    name = (
        participant.full_name if case == NOMINATIVE else decliner.full(participant.full_name, case)
    )
    return f"{name}, {position_in(position_of(participant), case)}"


def young_specialists(decliner: Decliner, mentees: list[Participant], case: str) -> str:
    """«молодого специалиста Петрова Петра Петровича, учителя истории» (or the plural)."""
    if not mentees:
        return f"молодого специалиста {BLANK}"
    noun = {
        GENITIVE: ("молодого специалиста", "молодых специалистов"),
        INSTRUMENTAL: ("молодым специалистом", "молодыми специалистами"),
    }[case][len(mentees) > 1]
    people = "; ".join(person_with_position(decliner, m, case) for m in mentees)
    return f"{noun} {people}"


def _director(school: School) -> str:
    return signer_name(school.director_name) if school.director_name.strip() else BLANK


def _stem(school: School, kind: str, person: Participant, number: str = "", day=None) -> str:
    return document_name(school.short_name, kind, number=number, on=day, detail=person.short_name)


# --- consent -----------------------------------------------------------------------------------


def consent_document(mentor: Mentor, decliner: Decliner, today: datetime.date) -> OfficialDocument:
    """The teacher's written consent to mentoring, prefilled from the agreement in force (or the
    latest one) and the mentor's «Учитель – учитель» pairs; what is unknown is a blank line."""
    participant = mentor.participant
    school = mentor.school
    standing = standing_of(mentor, today)
    agreement = standing.agreement
    mentees = list(agreement.mentees.all()) if agreement else []
    consent = mentoring_consents(participant).first()
    female = is_female(participant.full_name)
    contract = (
        f"от {agreement.contract_date:%d.%m.%Y} № {agreement.contract_number}"
        if agreement
        else f"от {BLANK} № {BLANK}"
    )
    term = (
        f", на срок с {agreement.starts_on:%d.%m.%Y} по {agreement.ends_on:%d.%m.%Y}"
        if agreement
        else ""
    )
    return OfficialDocument(
        organisation=school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading="Согласие педагогического работника на осуществление наставничества",
                paragraphs=[
                    f"Я, {participant.full_name}, {position_of(participant)} "
                    f"{school.full_name_in(GENITIVE)}, "
                    f"{'работающая' if female else 'работающий'} по трудовому договору "
                    f"{contract}, в соответствии со {ARTICLE} даю согласие на осуществление "
                    f"наставничества в отношении "
                    f"{young_specialists(decliner, mentees, GENITIVE)}{term}.",
                    "Содержание, срок и форма наставничества, а также размер дополнительной "
                    "оплаты за его осуществление устанавливаются дополнительным соглашением к "
                    "трудовому договору.",
                    f"{'Ознакомлена' if female else 'Ознакомлен'} с тем, что вправе досрочно "
                    "прекратить осуществление наставничества, предупредив работодателя в "
                    "письменной форме не менее чем за три рабочих дня.",
                ],
            )
        ],
        signatures=[
            Signature(
                long_date(consent.signed_on) if consent else DATE_BLANK,
                signer_name(participant.full_name),
            )
        ],
        filename=_stem(school, "Согласие на наставничество", participant),
    )


# --- supplementary agreement -------------------------------------------------------------------


def agreement_document(agreement: MentoringAgreement, decliner: Decliner) -> OfficialDocument:
    mentor = agreement.mentor
    participant = mentor.participant
    school = mentor.school
    mentees = list(agreement.mentees.all())
    director = school.director_name.strip()
    director_text = (
        f"директора {decliner.full(director, GENITIVE)}, "
        f"{'действующей' if is_female(director) else 'действующего'}"
        if director
        else f"директора {BLANK}, действующего"
    )
    consent = mentoring_consents(participant, agreement.signed_on).first()
    consent_text = f" от {consent.signed_on:%d.%m.%Y}" if consent else ""
    local_act = inflect_phrase(agreement.local_act, INSTRUMENTAL)
    received = "получила" if is_female(participant.full_name) else "получил"
    return OfficialDocument(
        organisation=school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading=f"Дополнительное соглашение № {agreement.number} к трудовому договору "
                f"от {agreement.contract_date:%d.%m.%Y} № {agreement.contract_number}",
                paragraphs=[
                    f"{school.town or BLANK}, {long_date(agreement.signed_on)}",
                    f"{school.full_name} (далее — Работодатель) в лице {director_text} на "
                    f"основании Устава, с одной стороны, и {participant.full_name}, "
                    f"{position_of(participant)} (далее — Работник), с другой стороны, "
                    "заключили настоящее дополнительное соглашение о нижеследующем.",
                ],
            ),
            OfficialSection(
                heading="1. Предмет соглашения",
                paragraphs=[
                    f"1.1. В соответствии со {ARTICLE} и на основании письменного согласия "
                    f"Работника{consent_text} Работник наряду с работой, определённой трудовым "
                    "договором, осуществляет наставничество в отношении "
                    f"{young_specialists(decliner, mentees, GENITIVE)}.",
                    f"1.2. Форма наставничества: {agreement.form}.",
                    f"1.3. Содержание наставничества: {_clause(agreement.content)}.",
                ],
            ),
            OfficialSection(
                heading="2. Срок наставничества",
                paragraphs=[
                    f"2.1. Наставничество осуществляется с {agreement.starts_on:%d.%m.%Y} по "
                    f"{agreement.ends_on:%d.%m.%Y}."
                ],
            ),
            OfficialSection(
                heading="3. Дополнительная оплата",
                paragraphs=[
                    "3.1. За осуществление наставничества Работнику устанавливается "
                    f"дополнительная оплата в размере {agreement.payment_text} в соответствии "
                    f"с {local_act}.",
                    "3.2. Дополнительная оплата начисляется пропорционально числу календарных "
                    "дней осуществления наставничества в месяце.",
                ],
            ),
            OfficialSection(heading="4. Досрочное прекращение", paragraphs=[f"4.1. {EARLY_END}"]),
            OfficialSection(
                heading="5. Заключительные положения",
                paragraphs=[
                    "5.1. Настоящее соглашение вступает в силу со дня его подписания сторонами, "
                    "является неотъемлемой частью трудового договора от "
                    f"{agreement.contract_date:%d.%m.%Y} № {agreement.contract_number} и "
                    "составлено в двух экземплярах, имеющих равную юридическую силу, по одному "
                    "для каждой из сторон.",
                ],
            ),
        ],
        signatures=[
            Signature("Работодатель: директор", _director(school)),
            Signature("Работник", signer_name(participant.full_name)),
            Signature(
                f"Экземпляр соглашения {received} {DATE_BLANK}", signer_name(participant.full_name)
            ),
        ],
        filename=_stem(
            school,
            "Дополнительное соглашение",
            participant,
            agreement.number,
            agreement.signed_on,
        ),
    )


# --- the month's payments ----------------------------------------------------------------------

PAYMENT_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Наставник", width=22),
    Column("Должность", width=16),
    Column("Соглашение", width=16),
    Column("Наставляемые", width=22),
    Column("Размер доплаты", width=16),
    Column("Период в месяце", width=16),
    Column("Дней", width=7, kind="number"),
    Column("К начислению, руб.", width=13, kind="number"),
]


def payments_document(school: School, month: datetime.date) -> Document:
    """Who gets an additional payment for mentoring in the month, and how much: a rouble amount
    is prorated by the calendar days the agreement is in force; a percentage is left to the
    accounting office, with the days it applies to."""
    first, last = month_bounds(month)
    rows, total = [], Decimal("0.00")
    for index, payment in enumerate(month_payments(school.pk, month), start=1):
        agreement = payment.agreement
        participant = agreement.mentor.participant
        start, end = max(first, agreement.starts_on), min(last, agreement.last_day)
        amount = payment.amount
        if amount is not None:
            total += amount
        rows.append(
            Row(
                [
                    index,
                    participant.full_name,
                    position_of(participant),
                    f"№ {agreement.number} от {agreement.signed_on:%d.%m.%Y}",
                    ", ".join(m.short_name for m in agreement.mentees.all()),
                    agreement.payment_text,
                    f"{start:%d.%m} – {end:%d.%m.%Y}",
                    payment.days,
                    amount,
                ]
            )
        )
    if rows:
        rows.append(Row(["", "Итого", "", "", "", "", "", "", total]))
    table = Table(
        PAYMENT_COLUMNS,
        rows,
        empty_text="В этом месяце соглашений о наставничестве не было",
    )
    return Document(
        title="Список педагогов-наставников на дополнительную оплату",
        subtitle=f"за {month_name(month)} (ст. 351.8 ТК РФ)",
        organisation=school.full_name,
        meta=[("Дней в месяце", str(last.day))],
        sections=[
            Section(
                heading="Доплаты за наставничество",
                blocks=[
                    table,
                    Facts(
                        [
                            (
                                "Как считается",
                                "сумма в рублях — пропорционально календарным дням действия "
                                "соглашения в месяце; процент оклада (ставки) начисляет "
                                "бухгалтерия за указанные дни",
                            ),
                            ("Итого к начислению, руб.", total),
                        ]
                    ),
                ],
                sheet_title="Доплаты",
            )
        ],
        orientation="landscape",
        filename=document_name(school.short_name, "Доплаты наставникам", detail=f"{first:%m.%Y}"),
    )
