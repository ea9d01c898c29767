"""«Реестр наставников» and «Список наставнических пар и групп» of a programme as documents."""

import datetime
from collections import Counter
from dataclasses import replace

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Programme
from registry.models import Mentor, MentoringForm, Pair

from ..documents import Column, Document, Facts, Row, Section, Table

REGISTRY_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("ФИО", width=26),
    Column("Категория / должность или класс", width=24),
    Column("Контур", width=14, choices=tuple(Mentor.Contour.labels)),
    Column("Компетенции", width=24),
    Column("Основание", width=24),
    Column("Статус", width=16),
]
PAIR_COLUMNS = [
    Column("№", width=5, kind="number"),
    Column("Форма", width=16),
    Column("Ролевая модель", width=22),
    Column("Наставник", width=22),
    Column("Наставляемые", width=28),
    Column("Статус", width=16),
    Column("Начало", width=11, kind="date"),
    Column("Основание", width=22),
]


def _pair_columns() -> list[Column]:
    """The pair list's columns; the forms of mentoring as a drop-down list in XLSX."""
    forms = list(MentoringForm.objects.values_list("name", flat=True))
    return [
        replace(column, choices=tuple(forms)) if column.title == "Форма" else column
        for column in PAIR_COLUMNS
    ]


PAIR_TONES = {
    Pair.Status.DRAFT: "muted",
    Pair.Status.COMPLETED: "success",
    Pair.Status.TERMINATED: "muted",
}


def _document(programme: Programme, title: str, sections: list[Section], today) -> Document:
    year_label = programme.year.name.replace("/", "-")
    return Document(
        title=title,
        subtitle=f"на {programme.year.name} учебный год",
        organisation=programme.school.full_name,
        meta=[("Состояние на", today.strftime("%d.%m.%Y"))],
        sections=sections,
        orientation="landscape",
        filename=document_name(programme.school.short_name, title, detail=year_label),
    )


def _counts_table(title: str, counter: Counter, order: list[str]) -> Table:
    rows = [Row([label, counter[label]]) for label in order if counter[label]]
    columns = [Column(title, width=40), Column("Пар и групп", width=12, kind="number")]
    return Table(columns, rows, empty_text="Нет пар и групп")


def _category(person) -> str:
    return f"{person.get_kind_display()}: {person.description}"


def mentor_registry_document(programme: Programme, today: datetime.date | None = None) -> Document:
    """Mentors of the school in the registry (selected, trained, working with mentees)."""
    today = today or timezone.localdate()
    mentors = (
        Mentor.objects.filter(school_id=programme.school_id, status__in=Mentor.IN_REGISTRY)
        .select_related("participant")
        .prefetch_related("competencies")
        .order_by("participant__last_name", "participant__first_name", "participant__middle_name")
    )
    rows, contours, statuses = [], Counter(), Counter()
    for number, mentor in enumerate(mentors, start=1):
        person = mentor.participant
        contours[mentor.get_contour_display()] += 1
        statuses[mentor.get_status_display()] += 1
        rows.append(
            Row(
                [
                    number,
                    person.full_name,
                    _category(person),
                    mentor.get_contour_display(),
                    ", ".join(tag.name for tag in mentor.competencies.all()),
                    mentor.registry_note,
                    mentor.get_status_display(),
                ]
            )
        )
    facts = [("Наставников в реестре", len(rows))]
    facts += [(label, contours[label]) for label in Mentor.Contour.labels]
    facts += [(label, statuses[label]) for label in _labels(Mentor.Status, Mentor.IN_REGISTRY)]
    sections = [
        Section(heading="Итого", blocks=[Facts(facts)]),
        Section(
            heading="Реестр наставников",
            blocks=[
                Table(
                    REGISTRY_COLUMNS, rows, empty_text="В реестр наставников пока никто не включён"
                )
            ],
        ),
    ]
    return _document(programme, "Реестр наставников", sections, today)


def _labels(choices, values) -> list[str]:
    return [choices(value).label for value in values]


def pairs_list_document(programme: Programme, today: datetime.date | None = None) -> Document:
    """Every pair and group of the programme: open ones first, by form, then by mentor."""
    today = today or timezone.localdate()
    pairs = (
        Pair.objects.filter(programme=programme)
        .select_related("mentor__participant", "form", "role_model")
        .prefetch_related("mentees__participant")
        .annotate(
            closed=Case(
                When(status=Pair.Status.TERMINATED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "closed",
            "form__position",
            "form__name",
            "mentor__participant__last_name",
            "mentor__participant__first_name",
            "pk",
        )
    )
    rows, by_form, by_status, form_order = [], Counter(), Counter(), []
    mentee_total = 0
    groups = 0
    for number, pair in enumerate(pairs, start=1):
        mentees = sorted(
            pair.mentees.all(),
            key=lambda m: (m.participant.last_name, m.participant.first_name),
        )
        mentee_total += len(mentees)
        groups += len(mentees) > 1
        form = pair.form.name
        if form not in form_order:
            form_order.append(form)
        by_form[form] += 1
        by_status[pair.get_status_display()] += 1
        rows.append(
            Row(
                [
                    number,
                    form,
                    pair.role_model.name if pair.role_model else "",
                    pair.mentor.participant.full_name,
                    "; ".join(m.participant.full_name for m in mentees),
                    pair.get_status_display(),
                    pair.starts_on,
                    pair.approval_note,
                ],
                tone=PAIR_TONES.get(pair.status, ""),
            )
        )
    facts = [
        ("Пар и групп", len(rows)),
        ("Из них групп (несколько наставляемых)", groups),
        ("Наставляемых в парах и группах", mentee_total),
    ]
    sections = [
        Section(
            heading="Итого",
            blocks=[
                Facts(facts),
                _counts_table("По формам наставничества", by_form, form_order),
                _counts_table("По статусам", by_status, list(Pair.Status.labels)),
            ],
        ),
        Section(
            heading="Список наставнических пар и групп",
            blocks=[Table(_pair_columns(), rows, empty_text="Пар и групп пока нет")],
        ),
    ]
    return _document(programme, "Список наставнических пар и групп", sections, today)
