"""Памятки for the mentor and for the mentee of a pair (сид 000: «Памятки для наставников»,
«памятки для наставляемых»), one page each: the guidance of the model programme (сид 002: the
roles, the sequence of meetings, the plan and the diaries, the monitoring questionnaires) with
the pair's own form, people and curator."""

import json
from functools import cache
from pathlib import Path

from mentoring.files import document_name
from registry.models import Pair

from ..documents import OfficialDocument
from ..documents.official import OfficialSection
from ..orders.drafting import programme_curator

TEXT_PATH = Path(__file__).resolve().parent.parent / "data" / "memos.json"
MENTOR = "mentor"
MENTEE = "mentee"
FILE_TITLES = {MENTOR: "Памятка наставнику", MENTEE: "Памятка наставляемому"}


@cache
def _text() -> dict:
    return json.loads(TEXT_PATH.read_text(encoding="utf-8"))


def _pair_lines(pair: Pair) -> list[str]:
    mentees = sorted(pair.mentees.all(), key=lambda m: m.participant.full_name)
    form = pair.form.name + (f" ({pair.role_model.name})" if pair.role_model else "")
    lines = [
        f"Форма наставничества: {form}.",
        f"Наставник: {pair.mentor.participant.short_name}.",
    ]
    names = ", ".join(mentee.participant.short_name for mentee in mentees)
    label = "Наставляемый" if len(mentees) == 1 else "Наставляемые"
    lines.append(f"{label}: {names or '—'}.")
    if pair.goal.strip():
        lines.append(f"Цель работы: {' '.join(pair.goal.split())}")
    return lines


def _curator_line(pair: Pair) -> str:
    school = pair.programme.school
    curator = programme_curator(pair.programme)
    contacts = ", ".join(part for part in (school.phone, getattr(curator, "email", "")) if part)
    name = curator.full_name if curator else ""
    details = ", ".join(part for part in (name, contacts) if part)
    return f"Куратор программы: {details or '__________'}."


def memo_document(pair: Pair, whom: str) -> OfficialDocument:
    text = _text()[whom]
    school = pair.programme.school
    sections = [OfficialSection("Ваша пара (группа)", [*_pair_lines(pair), _curator_line(pair)])]
    sections += [OfficialSection(part["heading"], list(part["lines"])) for part in text["sections"]]
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        doc_type="",
        title=text["title"],
        preamble=[text["who"]],
        sections=sections,
        filename=document_name(
            school.short_name, FILE_TITLES[whom], detail=pair.mentor.participant.short_name
        ),
    )
