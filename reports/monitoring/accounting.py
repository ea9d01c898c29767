"""Quarterly personified accounting (персонифицированный учёт) of the participants of mentoring
programmes of a municipality (roadmap 4.1: quarterly).

Who is counted: every mentor and mentee of a pair or group active at any time within the quarter
— work started on or before the quarter's last day, planned end empty or on/after its first day,
and the pair is not a draft. One row per person per pair.

The one document that names children to the municipal centre (the roadmap's personified
accounting), so its fields are the minimum that identifies a person's participation: full name,
school, role, category (обучающийся, педагог…), a student's parallel (not the class letter), the
form and role model, the pair's number in this document (the people of one pair share it; the
mentor's name is not repeated on the mentees' rows), dates and status of the pair. No birth
dates, contacts, request categories, plans or diaries.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Municipality
from registry.models import Pair, Participant

from ..documents import Column, Document, Facts, Paragraph, Row, Section, Table
from .common import FOR_OFFICIAL_USE

MENTOR = "наставник"
MENTEE = "наставляемый"
QUARTERS = (1, 2, 3, 4)
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}

COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Школа", width=20),
    Column("ФИО", width=26),
    Column("Роль", width=13),
    Column("Категория", width=16),
    Column("Параллель", width=9, kind="number"),
    Column("Форма наставничества", width=16),
    Column("Ролевая модель", width=22),
    Column("Пара (группа) №", width=10, kind="number"),
    Column("Начало", width=11, kind="date"),
    Column("Окончание", width=11, kind="date"),
    Column("Статус пары", width=16),
]


@dataclass
class AccountingRow:
    school: str
    full_name: str
    role: str
    category: str
    grade: int | None
    form: str
    role_model: str
    pair_number: int
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: str
    participant_id: int

    def cells(self, number: int) -> list:
        return [
            number,
            self.school,
            self.full_name,
            self.role,
            self.category,
            self.grade,
            self.form,
            self.role_model,
            self.pair_number,
            self.starts_on,
            self.ends_on,
            self.status,
        ]


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1..4, got {quarter}")
    start = datetime.date(year, 3 * quarter - 2, 1)
    if quarter == 4:
        return start, datetime.date(year, 12, 31)
    return start, datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def active_pairs(municipality: Municipality, start: datetime.date, end: datetime.date):
    return (
        Pair.objects.filter(programme__school__municipality=municipality, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .exclude(status=Pair.Status.DRAFT)
        .select_related("programme__school", "mentor__participant", "form", "role_model")
        .prefetch_related("mentees__participant")
        .order_by("programme__school__short_name", "form__position", "starts_on", "pk")
    )


def _grade(person: Participant) -> int | None:
    return person.grade if person.kind == Participant.Kind.STUDENT else None


def accounting_rows(municipality: Municipality, year: int, quarter: int) -> list[AccountingRow]:
    start, end = quarter_bounds(year, quarter)
    rows = []
    for number, pair in enumerate(active_pairs(municipality, start, end), start=1):
        mentor = pair.mentor.participant
        common = {
            "pair_number": number,
            "school": pair.programme.school.short_name,
            "form": pair.form.name,
            "role_model": pair.role_model.name if pair.role_model else "",
            "starts_on": pair.starts_on,
            "ends_on": pair.ends_on,
            "status": pair.get_status_display(),
        }
        people = [(mentor, MENTOR)]
        mentees = sorted(pair.mentees.all(), key=lambda m: m.participant.full_name)
        people += [(m.participant, MENTEE) for m in mentees]
        for person, role in people:
            rows.append(
                AccountingRow(
                    full_name=person.full_name,
                    role=role,
                    category=person.get_kind_display(),
                    grade=_grade(person),
                    participant_id=person.pk,
                    **common,
                )
            )
    rows.sort(key=lambda r: (r.school, r.full_name.lower(), r.role, r.starts_on or end))
    return rows


def _totals(rows: list[AccountingRow]) -> Facts:
    people = {(row.participant_id, row.role): row for row in rows}
    persons = {row.participant_id for row in rows}
    by_category = Counter(
        (row.role, row.category) for row in {(r.participant_id, r.role): r for r in rows}.values()
    )
    items = [
        ("Строк (человек в паре или группе)", len(rows)),
        ("Участников (человек)", len(persons)),
        ("Наставников", sum(1 for _, role in people if role == MENTOR)),
        ("Наставляемых", sum(1 for _, role in people if role == MENTEE)),
    ]
    for role, plural in ((MENTOR, "Наставники"), (MENTEE, "Наставляемые")):
        for (counted_role, category), count in sorted(by_category.items()):
            if counted_role == role:
                items.append((f"{plural}: {category.lower()}", count))
    return Facts(items)


def personified_accounting_document(
    municipality: Municipality, year: int, quarter: int, today: datetime.date | None = None
) -> Document:
    today = today or timezone.localdate()
    start, end = quarter_bounds(year, quarter)
    rows = accounting_rows(municipality, year, quarter)
    table = Table(
        COLUMNS,
        [Row(row.cells(number)) for number, row in enumerate(rows, start=1)],
        empty_text="В квартале не работала ни одна пара или группа",
    )
    quarter_name = f"{QUARTER_NAMES[quarter]} квартал {year} года"
    return Document(
        title="Персонифицированный учёт участников программ наставничества",
        subtitle=f"за {quarter_name} ({start:%d.%m.%Y} – {end:%d.%m.%Y})",
        organisation=municipality.centre_name or municipality.name,
        marking=FOR_OFFICIAL_USE,
        meta=[("Муниципалитет", municipality.name), ("Сформирован", f"{today:%d.%m.%Y}")],
        sections=[
            Section(
                heading="Итого",
                blocks=[
                    _totals(rows),
                    Paragraph(
                        "Учтены наставники и наставляемые пар и групп, работавших в квартале: "
                        "начало работы — не позже конца квартала, плановое окончание — не раньше "
                        "его начала или не указано; проекты пар не учитываются. Человек в "
                        "нескольких парах — по строке на каждую пару.",
                        style="small",
                    ),
                ],
                sheet_title="Итого",
            ),
            Section(heading="Участники", blocks=[table], sheet_title="Участники"),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        filename=document_name(municipality.name, "Персонифицированный учёт", detail=quarter_name),
    )
