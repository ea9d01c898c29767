"""The letter to an employer inviting its specialists to become mentors (сид 004)."""

from petrovich.enums import Gender

from mentoring.files import document_name
from mentoring.models import Programme
from mentoring.phrases import inflect_phrase
from registry.models import Participant, Partner

from ..declension import DATIVE, GENITIVE, Decliner, PersonName, guess_gender
from ..documents import OfficialDocument, Signature
from ..documents.official import BLANK
from ..orders.drafting import programme_curator, signer_name
from ..outgoing.services import partner_letter_entry

DEFAULT_POSITION = "Руководитель"
LETTER_SUBJECT = "О привлечении наставников из числа специалистов организации"


def position_dative(position: str) -> str:
    """«Директор» → «Директору», «Генеральный директор филиала» → «Генеральному директору
    филиала»: the head group declines, what follows it does not (``mentoring.phrases``)."""
    text = inflect_phrase(" ".join(position.split()) or DEFAULT_POSITION, DATIVE)
    return text[:1].upper() + text[1:]


def salutation(head_name: str) -> str:
    name = PersonName.parse(head_name)
    if not name.first:
        return "Уважаемый руководитель!"
    word = "Уважаемая" if guess_gender(name) == Gender.FEMALE else "Уважаемый"
    return f"{word} {' '.join(part for part in (name.first, name.middle) if part)}!"


def addressee(partner: Partner, decliner: Decliner) -> list[str]:
    lines = [f"{position_dative(partner.head_position)} {inflect_phrase(partner.name, GENITIVE)}"]
    if partner.head_name.strip():
        lines.append(decliner.short(partner.head_name, DATIVE))
    return lines


def organisation_details(school) -> str:
    parts = [school.address]
    if school.phone:
        parts.append(f"тел. {school.phone}")
    if school.email:
        parts.append(f"e-mail: {school.email}")
    return ", ".join(part for part in parts if part)


def letter_body(programme: Programme) -> list[str]:
    school = programme.school
    territory = f"муниципальном образовании «{school.municipality.name}»"
    curator = programme_curator(programme)
    contacts = ", ".join(
        part
        for part in (
            f"тел. {school.phone}" if school.phone else "",
            f"e-mail: {school.email}" if school.email else "",
        )
        if part
    )
    curator_text = curator.full_name if curator else BLANK
    return [
        f"В {territory} на основании распоряжения Минпросвещения России от 25.12.2019 "
        "№ Р-145 внедряется целевая модель наставничества для образовательных организаций "
        "в рамках реализации региональных проектов «Современная школа», «Успех каждого "
        "ребёнка», «Молодые профессионалы» (далее – наставничество).",
        "Одной из форм наставничества является организация взаимодействия между "
        "работодателем и учеником/студентом. Данная форма предполагает взаимодействие "
        "обучающихся старших классов средней школы/старших курсов профессиональной "
        "образовательной организации и представителя регионального/муниципального "
        "предприятия/организации, который (как наставник) способствует развитию "
        "профессионального и личностного потенциала наставляемого, повышению его мотивации "
        "к учёбе и самореализации.",
        f"Участие в Программе наставничества {school.short_name} даст Вашей организации "
        "практический эффект через совместное с наставляемыми осуществление проектов, "
        "создание прототипов продуктов, актуальных бизнес-решений, а также – через подготовку "
        "востребованных сотрудников на перспективу.",
        "Мы уверены, что в Вашей организации есть профессионалы, которые могут выступить "
        "наставниками, ориентировать выпускников на результативность и практическую "
        "значимость достижений совместного труда. Мы вместе с Вами заинтересованы в развитии "
        "компетенций наставничества, и для этого в Программе наставничества предусмотрена "
        "методическая поддержка её участников, в том числе – через работу «Школы наставника».",
        "Мы предлагаем Вам стать социально ответственным партнёром нового сообщества "
        f"наставников, формируемого в {territory}, с целью развития социального капитала всех "
        "его участников, повышения имиджа организации.",
        "Для экономии времени и эффективного взаимодействия нами проработаны организационные "
        "и методические аспекты взаимодействия наставника с наставляемым, что позволит "
        "сократить нагрузку на наставника и не будет отвлекать его от непосредственной "
        "передачи накопленного опыта, знаний и навыков своему наставляемому.",
        "Более подробную информацию по всем интересующим вопросам Вы можете получить у "
        f"куратора Программы наставничества – {curator_text}"
        f"{', ' + contacts if contacts else ''}.",
    ]


def executor_lines(programme: Programme) -> list[str]:
    """«Исполнитель» at the foot of a letter (ГОСТ Р 7.0.97-2016, 5.27): the curator's full
    name, phone and e-mail; their own contacts from the school's records, else the school's."""
    school = programme.school
    curator = programme_curator(programme)
    if curator is None:
        return [f"Исполнитель: {BLANK}"]
    record = (
        Participant.objects.filter(school=school, user=curator).exclude(phone="", email="").first()
    )
    phone = (record.phone if record else "") or school.phone
    email = curator.email or (record.email if record else "") or school.email
    contacts = ", ".join(
        part
        for part in (f"тел. {phone}" if phone else "", f"e-mail: {email}" if email else "")
        if part
    )
    return [f"Исполнитель: {curator.full_name}", *([contacts] if contacts else [])]


def letter_addressee_text(partner: Partner, decliner: Decliner) -> str:
    """Whom the letter goes to, as the register of outgoing documents records it."""
    return " ".join(addressee(partner, decliner))


def partner_letter_document(
    programme: Programme, partner: Partner, decliner: Decliner
) -> OfficialDocument:
    """The letter with its outgoing number and date from the register; before it is registered
    both are left blank to fill in by hand."""
    school = programme.school
    director = signer_name(school.director_name) if school.director_name.strip() else BLANK
    entry = partner_letter_entry(partner)
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        organisation_details=organisation_details(school),
        title=LETTER_SUBJECT,
        doc_type="",
        date=entry.date if entry else None,
        number=str(entry.number) if entry else "",
        executor=executor_lines(programme),
        addressee=addressee(partner, decliner),
        salutation=salutation(partner.head_name),
        preamble=letter_body(programme),
        closing=["С надеждой на взаимовыгодное сотрудничество,"],
        signatures=[Signature("Директор", director)],
        filename=document_name(
            school.short_name,
            "Письмо",
            number=entry.number if entry else None,
            on=entry.date if entry else None,
            detail=partner.name,
        ),
    )
