"""«Соглашение о сотрудничестве» with a partner organisation (roadmap 1.7, сид 004: «Партнерские
соглашения»): the school and the partner, each in the person of its head, in the cases the
sentence needs."""

from mentoring.files import document_name
from mentoring.models import Programme
from mentoring.phrases import GENITIVE, position_in
from registry.models import Partner

from ..declension import Decliner, is_female
from ..documents import OfficialDocument, Signature
from ..documents.official import BLANK, OfficialSection
from ..orders.drafting import programme_curator, signer_name

TITLE = "о сотрудничестве в реализации программы наставничества"


def _in_person_of(position: str, name: str, decliner: Decliner) -> str:
    """«в лице директора Петровой Анны Сергеевны, действующей на основании Устава»."""
    position_genitive = position_in(position or "руководитель", GENITIVE)
    if not name.strip():
        return f"в лице {position_genitive} {BLANK}"
    acting = "действующей" if is_female(name) else "действующего"
    return (
        f"в лице {position_genitive} {decliner.full(name, GENITIVE)}, {acting} на основании Устава"
    )


def agreement_parties(programme: Programme, partner: Partner, decliner: Decliner) -> str:
    school = programme.school
    return (
        f"{school.full_name} (далее – Школа) "
        f"{_in_person_of('директор', school.director_name, decliner)}, с одной стороны, и "
        f"{partner.name} (далее – Партнёр) "
        f"{_in_person_of(partner.head_position, partner.head_name, decliner)}, с другой "
        "стороны, вместе именуемые Стороны, заключили настоящее Соглашение о нижеследующем:"
    )


def partner_agreement_document(
    programme: Programme, partner: Partner, decliner: Decliner
) -> OfficialDocument:
    school = programme.school
    curator = programme_curator(programme)
    director = signer_name(school.director_name) if school.director_name.strip() else BLANK
    head = signer_name(partner.head_name) if partner.head_name.strip() else BLANK
    sections = [
        OfficialSection(
            "1. Предмет Соглашения",
            [
                "1.1. Стороны сотрудничают в реализации программы наставничества Школы в рамках "
                "целевой модели наставничества (распоряжение Минпросвещения России от "
                "25.12.2019 № Р-145): Партнёр выдвигает наставников из числа своих специалистов "
                "для работы с обучающимися Школы (форма «Работодатель – ученик») и участвует в "
                "мероприятиях программы.",
            ],
        ),
        OfficialSection(
            "2. Обязанности Сторон",
            [
                "2.1. Школа: включает наставников Партнёра в базу наставников (внешний контур); "
                "организует их обучение в «Школе наставников»; формирует наставнические пары "
                "(группы) и утверждает их приказом; собирает согласия участников и родителей "
                "(законных представителей) несовершеннолетних; обеспечивает методическое "
                "сопровождение наставников"
                + (f" (куратор программы – {curator.full_name})" if curator else "")
                + ".",
                "2.2. Партнёр: выдвигает наставников и представляет их справки об отсутствии "
                "судимости и медицинские справки; создаёт наставникам условия для встреч с "
                "наставляемыми, в том числе на своей территории (экскурсии, стажировки, "
                "совместные проекты); сообщает Школе о прекращении участия наставника.",
                "2.3. Стороны обеспечивают конфиденциальность персональных данных участников "
                "программы в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ "
                "«О персональных данных».",
            ],
        ),
        OfficialSection(
            "3. Срок действия Соглашения",
            [
                f"3.1. Соглашение вступает в силу со дня подписания и действует в течение "
                f"{programme.year.name} учебного года. Если ни одна из Сторон не заявит о его "
                "прекращении за один месяц до окончания срока, Соглашение продлевается на "
                "следующий учебный год.",
                "3.2. Соглашение не предусматривает финансовых обязательств Сторон.",
            ],
        ),
        OfficialSection(
            "4. Заключительные положения",
            [
                "4.1. Изменения к Соглашению оформляются дополнительными соглашениями в "
                "письменной форме.",
                "4.2. Соглашение составлено в двух экземплярах, имеющих равную юридическую силу, "
                "по одному для каждой из Сторон.",
            ],
        ),
    ]
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        doc_type="СОГЛАШЕНИЕ",
        place=school.town,
        date=partner.agreement_signed_on,
        title=TITLE,
        preamble=[agreement_parties(programme, partner, decliner)],
        sections=sections,
        signatures=[
            Signature(f"Директор {school.short_name}", director),
            Signature(f"{partner.head_position or 'Руководитель'} {partner.name}", head),
        ],
        filename=document_name(
            school.short_name, "Соглашение о сотрудничестве", detail=partner.name
        ),
    )
