"""Rows against the school: who is already there, and what an import would add or change.

A row is the school's person when the hidden «Код участника» of the app's own export names them
(and the name agrees), else when the ФИО and birth date match; a row without a birth date
matches the only person of that name. An empty cell never erases a stored value.
"""

from mentoring.models import Programme

from ..models import Consent, Mentee, Mentor, Participant, RequestCategory
from .columns import MENTEES, Header
from .contacts import parse_phone
from .rows import ParsedRow, Problem, person_key
from .writing import PERSON_KEYS as PERSON_FIELDS
from .writing import competency_name

ADD, UPDATE, SAME = "add", "update", "same"
SAME_PERSON = "Один человек школы в двух строках"
NAME_FIELDS = ("last_name", "first_name", "middle_name")
MENTEE_FIELDS = ("categories", "request_text", "priority", "source")
MENTOR_FIELDS = ("contour", "competencies", "offer", "capacity")


def _fold(value: str) -> str:
    return " ".join(value.casefold().replace("ё", "е").split())


class SchoolPeople:
    """The school's participants and the base entries of this import, loaded in a few queries."""

    def __init__(self, programme: Programme, kind: str) -> None:
        self.kind = kind
        people = Participant.objects.filter(school_id=programme.school_id).values(
            "pk", *PERSON_FIELDS
        )
        self.by_pk = {person["pk"]: person for person in people.order_by("pk")}
        self.by_key, self.by_name = {}, {}
        for pk, person in self.by_pk.items():
            key = person_key(*(person[f] for f in NAME_FIELDS), person["birth_date"])
            self.by_key.setdefault(key, pk)
            self.by_name.setdefault(key[0], []).append(pk)
        self.entries = self._entries(programme)
        self.consents = set(
            Consent.objects.filter(participant__school_id=programme.school_id).values_list(
                "participant_id", "kind", "signed_on"
            )
        )
        self.sensitive_ids = set(
            RequestCategory.objects.filter(sensitive=True).values_list("pk", flat=True)
        )

    def _entries(self, programme: Programme) -> dict[int, dict]:
        if self.kind == MENTEES:
            entries = {
                mentee["participant_id"]: {**mentee, "categories": []}
                for mentee in Mentee.objects.filter(programme=programme).values(
                    "pk", "participant_id", *MENTEE_FIELDS[1:]
                )
            }
            links = Mentee.categories.through.objects.filter(mentee__programme=programme)
            by_mentee = {entry["pk"]: entry for entry in entries.values()}
            for mentee_id, category_id in links.values_list("mentee_id", "requestcategory_id"):
                by_mentee[mentee_id]["categories"].append(category_id)
            return entries
        entries = {
            mentor["participant_id"]: {**mentor, "competencies": []}
            for mentor in Mentor.objects.filter(school_id=programme.school_id).values(
                "pk", "participant_id", "contour", "offer", "capacity"
            )
        }
        by_mentor = {entry["pk"]: entry for entry in entries.values()}
        links = Mentor.competencies.through.objects.filter(mentor__school_id=programme.school_id)
        for mentor_id, name in links.values_list("mentor_id", "competency__name"):
            by_mentor[mentor_id]["competencies"].append(name)
        return entries

    def find(self, row: ParsedRow) -> int | None:
        person = row.person
        if row.reference in self.by_pk:
            known = self.by_pk[row.reference]
            if any(_fold(known[f]) == _fold(person[f]) for f in ("last_name", "first_name")):
                return row.reference
        key = person_key(*(person[f] for f in NAME_FIELDS), person["birth_date"])
        if key in self.by_key:
            return self.by_key[key]
        namesakes = self.by_name.get(key[0], [])
        if person["birth_date"] is None and len(namesakes) == 1:
            return namesakes[0]
        undated = [pk for pk in namesakes if self.by_pk[pk]["birth_date"] is None]
        if len(namesakes) == 1 and undated:
            return undated[0]
        return None


def _present(header: Header, key: str, row: ParsedRow) -> bool:
    if key == "birth_date":
        return key in header.columns or "birth_year" in header.columns
    if key in NAME_FIELDS:
        return "full_name" in header.columns or key in header.columns
    if key == "class_name":
        return bool(row.person.get("class_name"))
    return key in header.columns


def _changed(old, new, key: str) -> bool:
    if new in (None, "", []):
        return False
    if key in NAME_FIELDS or key == "email":
        return _fold(old or "") != _fold(new)
    if key == "phone":  # a number typed by hand is the same number in the import's format
        return parse_phone(old or "") != new
    if isinstance(new, str):
        return " ".join(str(old or "").split()) != " ".join(new.split())
    return old != new


def _person_changes(row: ParsedRow, header: Header, known: dict) -> list[dict]:
    return [
        {"field": key, "old": known[key], "new": row.person[key]}
        for key in PERSON_FIELDS
        if _present(header, key, row) and _changed(known[key], row.person[key], key)
    ]


def _entry_changes(row: ParsedRow, header: Header, entry: dict, people, sensitive: bool):
    changes = []
    if people.kind == MENTEES:
        new = dict(row.entry)
        if not sensitive and new.get("categories"):
            hidden = [pk for pk in entry["categories"] if pk in people.sensitive_ids]
            new["categories"] = list(dict.fromkeys(new["categories"] + hidden))
        for key in MENTEE_FIELDS:
            old, value = entry[key], new.get(key)
            if key == "categories":
                if value and set(value) != set(old):
                    changes.append({"field": key, "old": sorted(old), "new": sorted(value)})
            elif key in header.columns and _changed(old, value, key):
                changes.append({"field": key, "old": old, "new": value})
        return changes
    for key in MENTOR_FIELDS:
        old, value = entry[key], row.entry.get(key)
        if key == "competencies":
            names = sorted({competency_name(item) for item in value or []})
            if names and names != sorted(old):
                changes.append({"field": key, "old": sorted(old), "new": names})
        elif key in header.columns and _changed(old, value, key):
            changes.append({"field": key, "old": old, "new": value})
    return changes


def _consent_changes(row: ParsedRow, participant_id: int | None, people) -> list[dict]:
    return [
        {"field": f"consent:{consent['kind']}", "old": None, "new": consent["signed_on"]}
        for consent in row.consents
        if (participant_id, consent["kind"], consent["signed_on"]) not in people.consents
    ]


def plan_rows(
    rows: list[ParsedRow], header: Header, programme: Programme, kind: str, *, sensitive: bool
) -> None:
    """Sets each row's participant, base entry, action and changes; a second row for the same
    person of the school is an error."""
    people = SchoolPeople(programme, kind)
    claimed: dict[int, ParsedRow] = {}
    for row in rows:
        row.problems = [problem for problem in row.problems if problem.kind != SAME_PERSON]
        row.existing_participant_id = row.entry_id = None
        row.action, row.changes = ADD, []
        if not row.person.get("last_name") or not row.person.get("first_name"):
            continue
        participant_id = people.find(row)
        if participant_id is None:
            continue
        if participant_id in claimed:
            row.problems.append(
                Problem(
                    row.number,
                    header.name_title(),
                    f"тот же человек, что в строке {claimed[participant_id].where}",
                    SAME_PERSON,
                    row.sheet,
                )
            )
            continue
        claimed[participant_id] = row
        row.existing_participant_id = participant_id
        changes = _person_changes(row, header, people.by_pk[participant_id])
        entry = people.entries.get(participant_id)
        if entry is not None:
            row.entry_id = entry["pk"]
            changes += _entry_changes(row, header, entry, people, sensitive)
        changes += _consent_changes(row, participant_id, people)
        row.changes = changes
        if entry is not None:
            row.action = UPDATE if changes else SAME
