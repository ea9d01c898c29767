"""«База наставников» and «База наставляемых» of a programme as documents."""

import datetime

from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Programme
from registry import document_checks
from registry.models import Mentor, Participant
from registry.selectors import mentee_rows, mentor_rows, request_map

from ..documents import Column, Document, Facts, Row, Section, Table

DOCUMENTS_OK = "в порядке"

KINDS = tuple(Participant.Kind.labels)
MENTOR_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("ФИО", width=26),
    Column("Категория", width=16, choices=KINDS),
    Column("Класс, должность", width=20),
    Column("Контур", width=14, choices=tuple(Mentor.Contour.labels)),
    Column("Статус", width=16),
    Column("Компетенции и предметы", width=24),
    Column("Чем я могу быть полезен", width=30),
    Column("Наставляемых не более", width=12, kind="number"),
    Column("Документы", width=30),
]
MENTEE_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("ФИО", width=26),
    Column("Категория", width=16, choices=KINDS),
    Column("Класс, должность", width=20),
    Column("Статус", width=16),
    Column("Категории запроса", width=28),
    Column("Запрос", width=30),
    Column("Приоритет", width=11),
    Column("Документы", width=30),
]


def _documents(row, role: str, today: datetime.date) -> str:
    found = document_checks.problems(row, role, today)
    return "; ".join(found) if found else DOCUMENTS_OK


def _tone(documents: str) -> str:
    return "" if documents == DOCUMENTS_OK else "warning"


REQUEST_MAP_COLUMNS = [
    Column("Категория запроса", width=50),
    Column("Для кого", width=16),
    Column("Всего", width=10, kind="number"),
    Column("Ожидают наставника", width=14, kind="number"),
    Column("В паре", width=10, kind="number"),
]
HIDDEN_CATEGORIES = "Конфиденциальные категории (видят только куратор и директор)"


def request_map_section(programme: Programme, *, sensitive: bool) -> Section:
    """«Карта запросов»: mentees per request category; hidden sensitive ones only as a total."""
    visible, hidden = request_map(programme, sensitive=sensitive)
    rows = [
        Row(
            [
                row.category.name,
                row.category.get_audience_display(),
                row.total,
                row.waiting,
                row.paired,
            ]
        )
        for row in visible
    ]
    if hidden:
        rows.append(Row([HIDDEN_CATEGORIES, "", hidden, None, None], tone="muted"))
    return Section(
        heading="Карта запросов",
        blocks=[Table(REQUEST_MAP_COLUMNS, rows, empty_text="Категорий запроса нет")],
    )


def _document(programme: Programme, title: str, rows: list[Row], columns, facts, today, extra=()):
    year_label = programme.year.name.replace("/", "-")
    return Document(
        title=title,
        subtitle=f"на {programme.year.name} учебный год",
        organisation=programme.school.full_name,
        meta=[("Состояние на", today.strftime("%d.%m.%Y"))],
        sections=[
            Section(heading="Сводка", blocks=[Facts(facts)]),
            Section(
                heading=title,
                blocks=[Table(columns, rows, empty_text="В базе пока никого нет")],
            ),
            *extra,
        ],
        orientation="landscape",
        filename=document_name(programme.school.short_name, title, detail=year_label),
    )


def mentor_base_document(
    programme: Programme, *, sensitive: bool, today: datetime.date | None = None
) -> Document:
    """The school's mentor base. ``sensitive`` is accepted for symmetry: it holds no such data."""
    today = today or timezone.localdate()
    mentors = mentor_rows(programme.school)
    rows, in_order = [], 0
    for number, mentor in enumerate(mentors, start=1):
        person = mentor.participant
        documents = _documents(mentor, document_checks.MENTOR, today)
        in_order += documents == DOCUMENTS_OK
        rows.append(
            Row(
                [
                    number,
                    person.full_name,
                    person.get_kind_display(),
                    person.description,
                    mentor.get_contour_display(),
                    mentor.get_status_display(),
                    ", ".join(tag.name for tag in mentor.competencies.all()),
                    mentor.offer,
                    mentor.capacity,
                    documents,
                ],
                tone=_tone(documents),
            )
        )
    facts = [("Наставников в базе", len(rows)), ("Документы в порядке", in_order)]
    return _document(programme, "База наставников", rows, MENTOR_COLUMNS, facts, today)


def mentee_base_document(
    programme: Programme, *, sensitive: bool, today: datetime.date | None = None
) -> Document:
    """The programme's mentee base with the request map; sensitive categories only if allowed."""
    today = today or timezone.localdate()
    mentees = mentee_rows(programme, sensitive=sensitive)
    rows, in_order = [], 0
    for number, mentee in enumerate(mentees, start=1):
        person = mentee.participant
        documents = _documents(mentee, document_checks.MENTEE, today)
        in_order += documents == DOCUMENTS_OK
        rows.append(
            Row(
                [
                    number,
                    person.full_name,
                    person.get_kind_display(),
                    person.description,
                    mentee.get_status_display(),
                    "; ".join(category.name for category in mentee.visible_categories),
                    mentee.request_text,
                    mentee.get_priority_display(),
                    documents,
                ],
                tone=_tone(documents),
            )
        )
    facts = [("Наставляемых в базе", len(rows)), ("Документы в порядке", in_order)]
    if not sensitive:
        facts.append(
            ("Категории запроса", "без чувствительных (их видят только куратор и директор)")
        )
    return _document(
        programme,
        "База наставляемых",
        rows,
        MENTEE_COLUMNS,
        facts,
        today,
        extra=[request_map_section(programme, sensitive=sensitive)],
    )
