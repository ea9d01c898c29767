"""«Положение о наставничестве»: the shipped template filled with the school's data, or the
school's own edited text, and the paper built from it."""

import json
import re
from functools import cache
from pathlib import Path

from django.db import transaction

from mentoring.files import document_name
from mentoring.models import Programme, User
from stages.models import OrderKind

from ..declension import PREPOSITIONAL
from ..documents import OfficialDocument
from ..documents.official import APPROVED_NEUTER, BLANK, OfficialSection
from ..models import Regulation
from ..orders.approval import approval_by_order
from ..orders.drafting import programme_curator

TEMPLATE_PATH = Path(__file__).resolve().parent.parent / "data" / "regulation.json"
PLACEHOLDER = re.compile(r"\{(school|school_short|year|forms|curator)\}")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Sections = list[dict[str, str]]


@cache
def template_sections() -> tuple[tuple[str, str], ...]:
    data = json.loads(TEMPLATE_PATH.read_text(encoding="utf-8"))
    return tuple((item["heading"], item["text"]) for item in data)


def placeholder_values(programme: Programme) -> dict[str, str]:
    school = programme.school
    curator = programme_curator(programme)
    return {
        "school": school.full_name.strip(),
        "school_short": school.short_name.strip(),
        "year": programme.year.name,
        "forms": programme.forms_in_use.strip(),
        "curator": curator.full_name if curator else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Substitute the placeholders; a missing value leaves a visible blank to fill by hand."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1)) or BLANK, text)


def filled_template(programme: Programme) -> Sections:
    values = placeholder_values(programme)
    return [
        {"heading": heading, "text": fill(text, values)} for heading, text in template_sections()
    ]


def saved_regulation(programme: Programme) -> Regulation | None:
    return Regulation.objects.filter(programme=programme).select_related("updated_by").first()


def regulation_sections(programme: Programme) -> Sections:
    """The school's saved text, or the template filled with the school's data."""
    saved = saved_regulation(programme)
    if saved and saved.sections:
        return [dict(section) for section in saved.sections]
    return filled_template(programme)


def clean_sections(sections: Sections) -> Sections:
    cleaned = []
    for section in sections:
        text = "\n".join(
            line.rstrip() for line in section["text"].replace("\r\n", "\n").split("\n")
        )
        cleaned.append({"heading": section["heading"].strip(), "text": text.strip()})
    return cleaned


@transaction.atomic
def save_regulation(programme: Programme, sections: Sections, by: User | None) -> Regulation:
    regulation, _ = Regulation.objects.select_for_update().get_or_create(programme=programme)
    regulation.sections = clean_sections(sections)
    regulation.updated_by = by
    regulation.save()
    return regulation


@transaction.atomic
def reset_regulation(programme: Programme) -> None:
    """Forget the school's edits: the template, filled with today's data, is shown again."""
    Regulation.objects.filter(programme=programme).delete()


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text) if part.strip()]


def regulation_title(school) -> str:
    return f"ПОЛОЖЕНИЕ о наставничестве в {school.full_name_in(PREPOSITIONAL)}"


def regulation_parts(programme: Programme) -> list[OfficialSection]:
    return [
        OfficialSection(section["heading"], paragraphs(section["text"]))
        for section in regulation_sections(programme)
    ]


def regulation_document(programme: Programme) -> OfficialDocument:
    """The Положение as its own paper; once the order approving it is signed it carries
    that order's grif."""
    school = programme.school
    return OfficialDocument(
        organisation=school.full_name,
        doc_type="",
        approval=approval_by_order(programme, OrderKind.REGULATIONS_ROADMAP, APPROVED_NEUTER),
        title=regulation_title(school),
        sections=regulation_parts(programme),
        filename=document_name(school.short_name, "Положение о наставничестве"),
    )
