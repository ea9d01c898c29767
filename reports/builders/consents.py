"""Printable consent forms, prefilled for one participant (сид 001, этап 2; сид 004, этап 2:
«согласия на обработку персональных данных … и согласия на участие в Программе наставничества
… их родителей (законных представителей), если участники — несовершеннолетние»).

The wording follows ч. 4 ст. 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных
данных»: who signs and their identity document, the operator with its name and address, the
purpose, the list of data, the actions and ways of processing, the term and how to revoke. What
the registry does not hold (passport, home address, an unknown parent) is left as a blank line.
"""

from __future__ import annotations

import datetime

from petrovich.enums import Gender

from mentoring.files import document_name
from mentoring.models import Programme
from registry.models import Consent, Participant

from ..declension import DATIVE, GENITIVE, PersonName, guess_gender
from ..documents import OfficialDocument, Signature
from ..documents.official import BLANK, DATE_BLANK, OfficialSection
from ..models import decliner_for
from ..orders.drafting import signer_name

LINE = "______________________________"
LAW = "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»"
MODEL = "распоряжение Минпросвещения России от 25.12.2019 № Р-145"
ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), "
    "извлечение, использование, передача (предоставление, доступ), обезличивание, "
    "блокирование, удаление, уничтожение"
)
PURPOSES = (
    "организация и осуществление наставничества по целевой модели наставничества ({model}): "
    "формирование базы наставников и базы наставляемых, формирование наставнических пар "
    "(групп), ведение индивидуальных планов развития и дневников, проведение встреч, "
    "анкетирование, мониторинг и оценка эффективности программы наставничества, подготовка "
    "отчётности, поощрение участников наставнической деятельности"
)

DATA_COMMON = [
    "фамилия, имя, отчество",
    "дата рождения",
]
DATA_STUDENT = ["класс обучения"]
DATA_ADULT = [
    "должность, преподаваемый предмет, педагогический стаж или место работы",
    "номер телефона, адрес электронной почты",
]
DATA_MENTEE = [
    "запрос на наставничество и его категории (образовательные и иные трудности), "
    "указанные в анкетах и диагностических беседах",
    "индивидуальный план развития и записи дневника наставляемого",
]
DATA_MENTOR = [
    "компетенции, сведения «Чем я могу быть полезен в качестве наставника?», портфолио",
    "сведения об обучении наставников, удостоверения о прохождении обучения, поощрения",
    "записи дневника наставника, протоколы встреч",
]
DATA_CERTIFICATE = ["сведения о наличии (отсутствии) судимости (справка)"]
DATA_SURVEYS = [
    "ответы на анкеты программы наставничества и результаты мониторинга",
]


def _role(participant: Participant) -> str:
    """The role in the genitive: «в роли наставника»."""
    is_mentor = hasattr(participant, "mentor")
    is_mentee = participant.mentee_entries.exists()
    if is_mentor and not is_mentee:
        return "наставника"
    if is_mentee and not is_mentor:
        return "наставляемого"
    return "наставника или наставляемого"


def data_list(participant: Participant, *, minor: bool) -> list[str]:
    """The personal data the school processes about this participant, by role."""
    items = list(DATA_COMMON)
    items += DATA_STUDENT if participant.kind == Participant.Kind.STUDENT else DATA_ADULT
    if participant.mentee_entries.exists():
        items += DATA_MENTEE
    if hasattr(participant, "mentor"):
        items += DATA_MENTOR
        if not minor:
            items += DATA_CERTIFICATE
    items += DATA_SURVEYS
    return items


def _registered(gender: Gender | None) -> str:
    if gender is None:
        return "зарегистрированный(-ая)"
    return "зарегистрированная" if gender == Gender.FEMALE else "зарегистрированный"


def _identity(name: str, gender: Gender | None) -> str:
    """«Я, <ФИО>, паспорт серия … № …, выдан …, зарегистрированный по адресу: …,»"""
    return (
        f"Я, {name or LINE}, паспорт серия {BLANK} № {BLANK}, выдан {LINE} "
        f"{DATE_BLANK}, {_registered(gender)} по адресу: {LINE}{BLANK},"
    )


def _operator(school) -> str:
    """Whom the consent is given to: the school, in the dative, as the operator."""
    address = school.address or LINE
    return f"{school.full_name_in(DATIVE)} (адрес: {address}; далее — Оператор)"


def _centre(school) -> str:
    municipality = school.municipality
    centre = municipality.centre_name or "муниципальный наставнический центр"
    return f"{centre} ({municipality.name})"


def _representative(participant: Participant) -> str:
    """The parent named on an earlier consent of the child, if any."""
    consent = (
        participant.consents.filter(given_by=Consent.GivenBy.REPRESENTATIVE)
        .exclude(representative_name="")
        .order_by("-signed_on")
        .first()
    )
    return consent.representative_name if consent else ""


def _child(participant: Participant, decliner) -> str:
    """«несовершеннолетней Смирновой Ольги Сергеевны, 12.03.2013 г. р., обучающейся 7Б класса»"""
    gender = guess_gender(PersonName.parse(participant.full_name))
    female = gender == Gender.FEMALE
    born = (
        f"{participant.birth_date:%d.%m.%Y} г. р."
        if participant.birth_date
        else f"дата рождения {BLANK}"
    )
    studies = "обучающейся" if female else "обучающегося"
    grade = f"{participant.class_name} класса" if participant.class_name else f"{BLANK} класса"
    minor = "несовершеннолетней" if female else "несовершеннолетнего"
    name = decliner.full(participant.full_name, GENITIVE)
    return f"{minor} {name}, {born}, {studies} {grade}"


def _numbered(items: list[str]) -> list[str]:
    return [f"{index}) {item};" for index, item in enumerate(items[:-1], start=1)] + [
        f"{len(items)}) {items[-1]}."
    ]


def _terms(school, *, whose: str) -> list[str]:
    return [
        f"Обработка ведётся {whose}: {ACTIONS}, — с использованием средств автоматизации и без "
        "их использования. Передача (предоставление) персональных данных допускается в "
        f"{_centre(school)} для ежемесячного мониторинга и персонифицированного учёта участников "
        "программы наставничества, а также в иных случаях, предусмотренных законодательством "
        "Российской Федерации.",
        "Согласие действует со дня его подписания до окончания участия в программе "
        "наставничества и срока хранения её документов, установленного локальным актом "
        "Оператора, если не будет отозвано раньше.",
        "Согласие может быть отозвано в любое время письменным заявлением, поданным Оператору "
        f"(ч. 2 ст. 9 {LAW}). После отзыва Оператор прекращает обработку персональных данных и "
        "уничтожает или обезличивает их в срок, не превышающий тридцати дней, кроме сведений, "
        "обработка которых продолжается на основаниях, предусмотренных законом.",
        f"Права субъекта персональных данных, предусмотренные ст. 14 {LAW}, мне разъяснены.",
    ]


def consent_form_document(
    participant: Participant, programme: Programme | None, today: datetime.date
) -> OfficialDocument:
    """The parent's form for a minor, the participant's own form for an adult."""
    if participant.is_minor(today):
        return parent_consent_document(participant, programme)
    return adult_consent_document(participant, programme)


def _programme_text(programme: Programme | None) -> str:
    if programme is None:
        return "программе наставничества Оператора"
    return f"программе наставничества Оператора на {programme.year.name} учебный год"


def parent_consent_document(
    participant: Participant, programme: Programme | None
) -> OfficialDocument:
    school = participant.school
    decliner = decliner_for(school)
    parent = _representative(participant)
    parent_gender = guess_gender(PersonName.parse(parent)) if parent else None
    child = _child(participant, decliner)
    data = data_list(participant, minor=True)
    return OfficialDocument(
        organisation=school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading="Согласие родителя (законного представителя) на обработку персональных "
                "данных несовершеннолетнего и на его участие в программе наставничества",
                paragraphs=[
                    f"{_identity(parent, parent_gender)} являясь родителем (законным "
                    f"представителем) {child} (далее — ребёнок), документ, подтверждающий "
                    f"полномочия законного представителя: {LINE}, в соответствии со ст. 9 {LAW} "
                    f"свободно, своей волей и в интересе ребёнка даю согласие {_operator(school)} "
                    "на обработку персональных данных ребёнка.",
                    f"Цель обработки: {PURPOSES.format(model=MODEL)}.",
                    "Перечень персональных данных ребёнка, на обработку которых даётся согласие:",
                    *_numbered(data),
                    *_terms(school, whose="с персональными данными ребёнка"),
                ],
            ),
            OfficialSection(
                heading="Согласие на участие в программе наставничества",
                paragraphs=[
                    f"Даю согласие на участие ребёнка в {_programme_text(programme)} в роли "
                    f"{_role(participant)}: во встречах наставнической пары (группы), "
                    "анкетировании и мероприятиях программы.",
                ],
            ),
        ],
        signatures=[Signature(DATE_BLANK, signer_name(parent) if parent else BLANK * 2)],
        filename=document_name(
            school.short_name, "Согласие родителя", detail=participant.short_name
        ),
    )


def adult_consent_document(
    participant: Participant, programme: Programme | None
) -> OfficialDocument:
    school = participant.school
    gender = guess_gender(PersonName.parse(participant.full_name))
    born = (
        f"{participant.birth_date:%d.%m.%Y} г. р., "
        if participant.birth_date
        else f"дата рождения {BLANK}, "
    )
    data = data_list(participant, minor=False)
    return OfficialDocument(
        organisation=school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading="Согласие на обработку персональных данных участника программы "
                "наставничества",
                paragraphs=[
                    f"{_identity(participant.full_name + ', ' + born.rstrip(', '), gender)} "
                    f"в соответствии со ст. 9 {LAW} свободно, своей волей и в своём интересе даю "
                    f"согласие {_operator(school)} на обработку моих персональных данных в связи "
                    f"с моим участием в {_programme_text(programme)} в роли "
                    f"{_role(participant)}.",
                    f"Цель обработки: {PURPOSES.format(model=MODEL)}.",
                    "Перечень персональных данных, на обработку которых даётся согласие:",
                    *_numbered(data),
                    *_terms(school, whose="с моими персональными данными"),
                ],
            )
        ],
        signatures=[Signature(DATE_BLANK, signer_name(participant.full_name))],
        filename=document_name(
            school.short_name, "Согласие на обработку ПДн", detail=participant.short_name
        ),
    )
