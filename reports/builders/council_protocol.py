"""Protocol of a pedagogical council or a parents' meeting (roadmap 1.3, «Протоколы педсовета и
родительских собраний»), in the form of a full protocol: heading, chair, secretary, present,
agenda, then «СЛУШАЛИ» and «РЕШИЛИ»."""

from mentoring.files import document_name
from stages.models import MeetingProtocol

from ..documents import OfficialDocument, Signature
from ..documents.official import OfficialSection
from ..orders.drafting import signer_name

TITLES = {
    MeetingProtocol.Kind.TEACHERS_COUNCIL: "заседания педагогического совета",
    MeetingProtocol.Kind.PARENTS_MEETING: "родительского собрания",
}


def council_protocol_document(protocol: MeetingProtocol) -> OfficialDocument:
    school = protocol.programme.school
    agenda = MeetingProtocol.lines(protocol.agenda)
    decided = MeetingProtocol.lines(protocol.decided)
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        doc_type="ПРОТОКОЛ",
        place=school.town,
        date=protocol.held_on,
        number=protocol.number,
        title=TITLES[protocol.kind],
        preamble=[
            f"Председатель – {signer_name(protocol.chair)}",
            f"Секретарь – {signer_name(protocol.secretary)}",
            f"Присутствовали: {protocol.present_count} чел.",
        ],
        sections=[
            OfficialSection(
                "Повестка дня:",
                [f"{index}. {line}" for index, line in enumerate(agenda, start=1)],
            ),
            OfficialSection("СЛУШАЛИ:", MeetingProtocol.lines(protocol.heard)),
            OfficialSection(
                "РЕШИЛИ:",
                [f"{index}. {line}" for index, line in enumerate(decided, start=1)],
            ),
        ],
        signatures=[
            Signature("Председатель", signer_name(protocol.chair)),
            Signature("Секретарь", signer_name(protocol.secretary)),
        ],
        filename=document_name(
            school.short_name,
            f"Протокол {TITLES[protocol.kind]}",
            number=protocol.number,
            on=protocol.held_on,
        ),
    )
