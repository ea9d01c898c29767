"""Parsed rows as JSON on the ImportBatch, so that a stored file is parsed once."""

import datetime

from .columns import Header
from .rows import ParsedRow, Problem

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


def row_to_json(row: ParsedRow) -> dict:
    return {
        "number": row.number,
        "person": {**row.person, "birth_date": _day(row.person.get("birth_date"))},
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
    }


def row_from_json(data: dict) -> ParsedRow:
    number = data["number"]
    return ParsedRow(
        number=number,
        person={**data["person"], "birth_date": _undate(data["person"].get("birth_date"))},
        entry=data["entry"],
        problems=[Problem(number, **problem) for problem in data["problems"]],
        consents=[{**c, "signed_on": _undate(c["signed_on"])} for c in data["consents"]],
        reference=data["reference"],
        existing_participant_id=data["existing_participant_id"],
        entry_id=data["entry_id"],
        action=data["action"],
        changes=[_change_from_json(change) for change in data["changes"]],
    )


def header_from_details(details: dict) -> Header:
    return Header.from_dict(details["header"])
