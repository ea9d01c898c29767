"""«Протокол встречи» of a mentor and the mentees of a pair or group."""

from mentoring.files import document_name
from registry.models import Meeting

from ..documents import OfficialDocument, Signature
from ..documents.official import BLANK
from ..orders.drafting import programme_curator, signer_name


def _duration(minutes: int | None) -> str:
    if not minutes:
        return "не указана"
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} ч {rest} мин"
    if hours:
        return f"{hours} ч"
    return f"{rest} мин"


def meeting_protocol_document(meeting: Meeting) -> OfficialDocument:
    pair = meeting.pair
    programme = pair.programme
    mentor = pair.mentor.participant
    mentees = sorted(
        (mentee.participant for mentee in pair.mentees.all()),
        key=lambda person: (person.last_name, person.first_name),
    )
    curator = programme_curator(programme)
    mentee_names = ", ".join(person.full_name for person in mentees) or BLANK
    kind = meeting.get_kind_display()
    return OfficialDocument(
        organisation=programme.school.full_name,
        organisation_short=programme.school.short_name,
        doc_type="ПРОТОКОЛ",
        date=meeting.held_on,
        place=programme.school.town,
        title=f"встречи наставника и наставляемого: {kind[:1].lower()}{kind[1:]}",
        preamble=[
            f"Дата проведения: {meeting.held_on:%d.%m.%Y}.",
            f"Формат: {meeting.get_format_display().lower()}.",
            f"Продолжительность: {_duration(meeting.duration_minutes)}.",
            f"Форма наставничества: {pair.form.name}"
            f"{' (' + pair.role_model.name + ')' if pair.role_model else ''}.",
            f"Присутствовали: наставник — {mentor.full_name}; наставляемые — {mentee_names}.",
        ],
        points=[
            f"Тема встречи: {meeting.topic}",
            f"Итоги встречи: {meeting.outcome.strip() or BLANK}",
        ],
        signatures=[
            Signature("Наставник", signer_name(mentor.full_name)),
            Signature("Куратор", signer_name(curator.full_name) if curator else BLANK),
        ],
        filename=document_name(
            programme.school.short_name,
            "Протокол встречи",
            on=meeting.held_on,
            detail=mentor.short_name,
        ),
    )
