"""The letter to an employer inviting its specialists to become mentors (сид 004)."""

from petrovich.enums import Gender

from mentoring.models import Programme
from registry.models import Partner

from ..declension import DATIVE, Decliner, PersonName, guess_gender
from ..documents import OfficialDocument, Signature
from ..orders.drafting import programme_curator, signer_name

BLANK = "__________"
DEFAULT_POSITION = "Руководитель"
LETTER_SUBJECT = "О привлечении наставников из числа специалистов организации"

# Position words as a letter addresses them: «Директору», «Генеральному директору».
_NOUN_DATIVE = {
    "глава": "главе",
    "председатель": "председателю",
    "руководитель": "руководителю",
    "управляющий": "управляющему",
    "заведующий": "заведующему",
    "заведующая": "заведующей",
    "исполняющий": "исполняющему",
}
_ADJECTIVE_ENDINGS = (("ый", "ому"), ("ой", "ому"), ("ий", "ему"), ("ая", "ой"))


def _is_adjective(word: str) -> bool:
    return word.lower() not in _NOUN_DATIVE and word.lower().endswith(
        tuple(ending for ending, _ in _ADJECTIVE_ENDINGS)
    )


def _word_dative(word: str) -> str:
    lower = word.lower()
    if lower in _NOUN_DATIVE:
        declined = _NOUN_DATIVE[lower]
    else:
        for ending, replacement in _ADJECTIVE_ENDINGS:
            if lower.endswith(ending):
                declined = lower[: -len(ending)] + replacement
                break
        else:
            if lower.endswith("ь"):
                declined = lower[:-1] + "ю"
            elif lower.endswith(("а", "я")):
                declined = lower[:-1] + "е"
            else:
                declined = lower + "у"
    return declined.capitalize() if word[:1].isupper() else declined


def position_dative(position: str) -> str:
    """«Директор» → «Директору», «Генеральный директор филиала» → «Генеральному директору
    филиала»: the adjectives and the first noun change, what follows them does not."""
    words = position.split() or [DEFAULT_POSITION]
    declined = []
    for index, word in enumerate(words):
        declined.append(_word_dative(word))
        if not _is_adjective(word):
            declined.extend(words[index + 1 :])
            break
    text = " ".join(declined)
    return text[:1].upper() + text[1:]


def salutation(head_name: str) -> str:
    name = PersonName.parse(head_name)
    if not name.first:
        return "Уважаемый руководитель!"
    word = "Уважаемая" if guess_gender(name) == Gender.FEMALE else "Уважаемый"
    return f"{word} {' '.join(part for part in (name.first, name.middle) if part)}!"


def addressee(partner: Partner, decliner: Decliner) -> list[str]:
    lines = [f"{position_dative(partner.head_position)} {partner.name}"]
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


def partner_letter_document(
    programme: Programme, partner: Partner, decliner: Decliner
) -> OfficialDocument:
    school = programme.school
    director = signer_name(school.director_name) if school.director_name.strip() else BLANK
    return OfficialDocument(
        organisation=school.full_name,
        organisation_details=organisation_details(school),
        title=LETTER_SUBJECT,
        doc_type="",
        date=partner.letter_sent_on,
        addressee=addressee(partner, decliner),
        salutation=salutation(partner.head_name),
        preamble=letter_body(programme),
        closing=["С надеждой на взаимовыгодное сотрудничество,"],
        signatures=[Signature("Директор", director)],
        filename=f"Письмо-обращение {partner.name}",
    )
