"""Writing checked rows into the mentor or mentee base, a few bulk queries per file."""

from mentoring.models import Programme, User

from ..models import Competency, Mentee, Mentor, Participant
from ..models.people import grade_of
from ..services.bases import default_contour
from .columns import MENTEES
from .rows import ParsedRow

BULK_SIZE = 500


def competency_name(item: str) -> str:
    """The tag name Competency.from_text makes of one item."""
    return " ".join(item.split()).lower()[:100]


def _participants(rows: list[ParsedRow], programme: Programme, by: User) -> list[Participant]:
    """One participant per row: the school's existing person or a new one."""
    existing = Participant.objects.in_bulk(
        [row.existing_participant_id for row in rows if row.existing_participant_id]
    )
    new = [
        Participant(
            school_id=programme.school_id,
            grade=grade_of(row.person["class_name"]),
            updated_by=by,
            **row.person,
        )
        for row in rows
        if not row.existing_participant_id
    ]
    Participant.objects.bulk_create(new, batch_size=BULK_SIZE)
    created = iter(new)
    return [
        existing[row.existing_participant_id] if row.existing_participant_id else next(created)
        for row in rows
    ]


def _write_mentees(rows, people, programme: Programme, by: User) -> None:
    mentees = [
        Mentee(
            programme=programme,
            participant=person,
            request_text=row.entry["request_text"],
            priority=row.entry["priority"],
            source=row.entry["source"],
            updated_by=by,
        )
        for row, person in zip(rows, people, strict=True)
    ]
    Mentee.objects.bulk_create(mentees, batch_size=BULK_SIZE)
    link = Mentee.categories.through
    link.objects.bulk_create(
        [
            link(mentee_id=mentee.pk, requestcategory_id=category_id)
            for row, mentee in zip(rows, mentees, strict=True)
            for category_id in row.entry["categories"]
        ],
        batch_size=BULK_SIZE,
    )


def _competencies(rows: list[ParsedRow]) -> dict[str, Competency]:
    names = list(
        dict.fromkeys(competency_name(i) for row in rows for i in row.entry["competencies"])
    )
    if not names:
        return {}
    return {tag.name: tag for tag in Competency.from_text(", ".join(names))}


def _write_mentors(rows, people, programme: Programme, by: User) -> None:
    mentors = [
        Mentor(
            school_id=programme.school_id,
            participant=person,
            contour=row.entry["contour"] or default_contour(person),
            offer=row.entry["offer"],
            capacity=row.entry["capacity"],
            status=Mentor.Status.CANDIDATE,
            updated_by=by,
        )
        for row, person in zip(rows, people, strict=True)
    ]
    Mentor.objects.bulk_create(mentors, batch_size=BULK_SIZE)
    tags = _competencies(rows)
    links = {
        (mentor.pk, tags[competency_name(item)].pk)
        for row, mentor in zip(rows, mentors, strict=True)
        for item in row.entry["competencies"]
    }
    link = Mentor.competencies.through
    link.objects.bulk_create(
        [link(mentor_id=mentor_id, competency_id=tag_id) for mentor_id, tag_id in sorted(links)],
        batch_size=BULK_SIZE,
    )


def write_rows(rows: list[ParsedRow], kind: str, programme: Programme, *, by: User) -> int:
    """Creates the base entries of the rows; call inside a transaction."""
    people = _participants(rows, programme, by)
    if kind == MENTEES:
        _write_mentees(rows, people, programme, by)
    else:
        _write_mentors(rows, people, programme, by)
    return len(rows)
