"""Writing checked rows into the mentor or mentee base: new people in bulk, changes one by one.

New participants and base entries are inserted a few hundred rows per statement (inserts.py). A
changed person or entry is saved on its own, so that the change log records who changed what.
"""

from mentoring.models import Programme, User

from ..models import Competency, Consent, Mentee, Mentor, Participant
from ..models.people import grade_of
from ..services.bases import default_contour
from .columns import MENTEES
from .inserts import insert_rows
from .rows import ParsedRow

ADD, UPDATE = "add", "update"
PERSON_KEYS = (
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "kind",
    "class_name",
    "position",
    "subject",
    "experience_years",
    "organisation",
    "phone",
    "email",
)


def competency_name(item: str) -> str:
    """The tag name Competency.from_text makes of one item."""
    return " ".join(item.split()).lower()[:100]


def _new_participants(rows: list[ParsedRow], programme: Programme, by: User) -> dict[int, int]:
    """Row (sheet, number) → participant id of the rows whose person is new to the school."""
    fresh = [row for row in rows if not row.existing_participant_id]
    keys = insert_rows(
        Participant,
        [
            {
                "school_id": programme.school_id,
                "grade": grade_of(row.person["class_name"]),
                "updated_by_id": by.pk,
                **{key: row.person[key] for key in PERSON_KEYS},
            }
            for row in fresh
        ],
    )
    return {row.key: pk for row, pk in zip(fresh, keys, strict=True)}


def _apply(instance, changes: list[dict], fields, by: User) -> bool:
    touched = False
    for change in changes:
        if change["field"] in fields:
            setattr(instance, change["field"], change["new"])
            touched = True
    if touched:
        instance.updated_by = by
        instance.save()
    return touched


def _changed_people(rows: list[ParsedRow], by: User) -> None:
    ids = [row.existing_participant_id for row in rows if row.existing_participant_id]
    people = Participant.objects.in_bulk(ids)
    for row in rows:
        if row.existing_participant_id and row.changes:
            _apply(people[row.existing_participant_id], row.changes, PERSON_KEYS, by)


def _consents(rows: list[ParsedRow], participants: dict[int, int], by: User) -> None:
    new = []
    for row in rows:
        wanted = {change["field"] for change in row.changes}
        for consent in row.consents:
            if row.existing_participant_id and f"consent:{consent['kind']}" not in wanted:
                continue
            new.append({"participant_id": participants[row.key], "created_by_id": by.pk, **consent})
    insert_rows(Consent, new)


def _write_mentees(rows, participants, programme: Programme, by: User) -> None:
    fresh = [row for row in rows if row.action == ADD]
    mentees = insert_rows(
        Mentee,
        [
            {
                "programme_id": programme.pk,
                "participant_id": participants[row.key],
                "request_text": row.entry["request_text"],
                "priority": row.entry["priority"] or Mentee.Priority.NORMAL,
                "source": row.entry["source"],
                "updated_by_id": by.pk,
            }
            for row in fresh
        ],
    )
    insert_rows(
        Mentee.categories.through,
        [
            {"mentee_id": mentee_id, "requestcategory_id": category_id}
            for row, mentee_id in zip(fresh, mentees, strict=True)
            for category_id in row.entry["categories"]
        ],
    )
    changed = [row for row in rows if row.action == UPDATE]
    existing = Mentee.objects.in_bulk([row.entry_id for row in changed])
    for row in changed:
        mentee = existing[row.entry_id]
        _apply(mentee, row.changes, ("request_text", "priority", "source"), by)
        for change in row.changes:
            if change["field"] == "categories":
                mentee.categories.set(change["new"])


def _competencies(names) -> dict[str, Competency]:
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    return {tag.name: tag for tag in Competency.from_text(", ".join(names))}


def _write_mentors(rows, participants, programme: Programme, by: User) -> None:
    fresh = [row for row in rows if row.action == ADD]
    kinds = dict(
        Participant.objects.filter(pk__in=[participants[row.key] for row in fresh]).values_list(
            "pk", "kind"
        )
    )
    mentors = insert_rows(
        Mentor,
        [
            {
                "school_id": programme.school_id,
                "participant_id": participants[row.key],
                "contour": row.entry["contour"]
                or default_contour(Participant(kind=kinds[participants[row.key]])),
                "offer": row.entry["offer"],
                "capacity": row.entry["capacity"] or 1,
                "status": Mentor.Status.CANDIDATE,
                "updated_by_id": by.pk,
            }
            for row in fresh
        ],
    )
    changed = [row for row in rows if row.action == UPDATE]
    new_tags = [[competency_name(item) for item in row.entry["competencies"]] for row in fresh] + [
        change["new"]
        for row in changed
        for change in row.changes
        if change["field"] == "competencies"
    ]
    tags = _competencies(name for names in new_tags for name in names)
    links = {
        (mentor_id, tags[competency_name(item)].pk)
        for row, mentor_id in zip(fresh, mentors, strict=True)
        for item in row.entry["competencies"]
    }
    insert_rows(
        Mentor.competencies.through,
        [{"mentor_id": mentor_id, "competency_id": tag_id} for mentor_id, tag_id in sorted(links)],
    )
    existing = Mentor.objects.in_bulk([row.entry_id for row in changed])
    for row in changed:
        mentor = existing[row.entry_id]
        _apply(mentor, row.changes, ("contour", "offer", "capacity"), by)
        for change in row.changes:
            if change["field"] == "competencies":
                mentor.competencies.set([tags[name] for name in change["new"]])


def write_rows(rows: list[ParsedRow], kind: str, programme: Programme, *, by: User) -> int:
    """Creates and updates the base entries of planned rows (matching.plan_rows); call inside a
    transaction. Rows without changes are left alone."""
    participants = _new_participants(rows, programme, by)
    participants.update(
        {row.key: row.existing_participant_id for row in rows if row.existing_participant_id}
    )
    _changed_people(rows, by)
    if kind == MENTEES:
        _write_mentees(rows, participants, programme, by)
    else:
        _write_mentors(rows, participants, programme, by)
    _consents(rows, participants, by)
    return sum(1 for row in rows if row.action in (ADD, UPDATE))
