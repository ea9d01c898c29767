"""Parsed rows as JSON on the ImportBatch, so that a stored file is parsed once."""

import datetime

from .columns import Header
from .rows import ParsedRow, Problem
from .writing import PERSON_KEYS

_DATE_CHANGES = ("birth_date",)


def _day(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _undate(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) and value else value


def _change_to_json(change: dict) -> dict:
    return {**change, "old": _day(change["old"]), "new": _day(change["new"])}


def _change_from_json(change: dict) -> dict:
    if change["field"] in _DATE_CHANGES or change["field"].startswith("consent:"):
        return {**change, "old": _undate(change["old"]), "new": _undate(change["new"])}
    return change


# Values a row holds unless it says otherwise: left out of the stored JSON, which keeps a batch
# of thousands of rows small to write and to read back.
_ROW_DEFAULTS = {
    "problems": [],
    "consents": [],
    "reference": None,
    "existing_participant_id": None,
    "entry_id": None,
    "action": "",
    "changes": [],
    "sheet": "",
}
_PERSON_NONE = ("birth_date", "kind", "experience_years")


def row_to_json(row: ParsedRow) -> dict:
    person = {key: value for key, value in row.person.items() if value not in ("", None)}
    if "birth_date" in person:
        person["birth_date"] = person["birth_date"].isoformat()
    data = {
        "number": row.number,
        "person": person,
        "entry": row.entry,
        "problems": [
            {"column": p.column, "message": p.message, "kind": p.kind} for p in row.problems
        ],
        "consents": [{**c, "signed_on": _day(c["signed_on"])} for c in row.consents],
        "reference": row.reference,
        "existing_participant_id": row.existing_participant_id,
        "entry_id": row.entry_id,
        "action": row.action,
        "changes": [_change_to_json(change) for change in row.changes],
        "sheet": row.sheet,
    }
    return {key: value for key, value in data.items() if _ROW_DEFAULTS.get(key, ...) != value}


_PERSON_BLANK = {**dict.fromkeys(PERSON_KEYS, ""), **dict.fromkeys(_PERSON_NONE)}


def _person_from_json(stored: dict) -> dict:
    person = {**_PERSON_BLANK, **stored}
    if person["birth_date"]:
        person["birth_date"] = datetime.date.fromisoformat(person["birth_date"])
    return person


def row_from_json(data: dict) -> ParsedRow:
    data = {**_ROW_DEFAULTS, **data}
    number, sheet = data["number"], data["sheet"]
    return ParsedRow(
        number=number,
        person=_person_from_json(data["person"]),
        entry=data["entry"],
        problems=[Problem(number, **problem, sheet=sheet) for problem in data["problems"]],
        consents=[{**c, "signed_on": _undate(c["signed_on"])} for c in data["consents"]],
        reference=data["reference"],
        existing_participant_id=data["existing_participant_id"],
        entry_id=data["entry_id"],
        action=data["action"],
        changes=[_change_from_json(change) for change in data["changes"]],
        sheet=sheet,
    )


def header_from_details(details: dict) -> Header:
    return Header.from_dict(details["header"])
