"""The stages' part of the personal-data map (mentoring/personal_data.py)."""

from mentoring.personal_data import STAFF, keep, register

PROTOCOL = "протокол собрания — документ школы о ходе программы (кто вёл собрание и что решили)"


def register_all() -> None:
    register(
        "stages.RoadmapItem",
        fields=[
            keep("responsible", STAFF),
            keep("responsible_user", STAFF),
            keep("updated_by", STAFF),
        ],
        other=(
            "id",
            "programme",
            "stage",
            "number",
            "position",
            "activity",
            "deadline",
            "period",
            "output_document",
            "order_kind",
            "status",
            "evidence_file",
            "evidence_link",
            "evidence_note",
            "completed_at",
            "updated_at",
        ),
    )
    register(
        "stages.MeetingProtocol",
        fields=[
            keep("chair", PROTOCOL),
            keep("secretary", PROTOCOL),
            keep("heard", PROTOCOL),
            keep("updated_by", STAFF),
        ],
        other=(
            "id",
            "programme",
            "roadmap_item",
            "kind",
            "held_on",
            "number",
            "present_count",
            "agenda",
            "decided",
            "updated_at",
        ),
    )
