import datetime

from django.utils import timezone

from mentoring.files import document_name
from mentoring.models import Programme
from stages import selectors
from stages.models import OrderKind, RoadmapItem

from ..documents import Column, Document, Facts, Row, Section, Table
from ..documents.official import APPROVED_FEMININE
from ..orders.approval import approval_by_order

COLUMNS = [
    Column("№", width=6),
    Column("Мероприятие", width=46),
    Column("Срок", width=13, kind="date"),
    Column("Период", width=15),
    Column("Ответственный", width=24),
    Column("Итоговый документ", width=26),
    Column("Статус", width=14),
    Column("Подтверждение", width=26),
]


def _evidence(item: RoadmapItem) -> str:
    parts = []
    if item.evidence_file:
        parts.append("файл прикреплён")
    if item.evidence_link:
        parts.append(item.evidence_link)
    if item.evidence_note:
        parts.append(item.evidence_note)
    return "; ".join(parts)


def _tone(item: RoadmapItem, today: datetime.date) -> str:
    if item.is_overdue(today):
        return "danger"
    if item.status == RoadmapItem.Status.DONE:
        return "success"
    if item.status == RoadmapItem.Status.CANCELLED:
        return "muted"
    return ""


def _status(item: RoadmapItem, today: datetime.date) -> str:
    label = item.get_status_display()
    return f"{label}, просрочено" if item.is_overdue(today) else label


def roadmap_document(programme: Programme, today: datetime.date | None = None) -> Document:
    """«Дорожная карта» of a programme: every stage with its activities and progress."""
    today = today or timezone.localdate()
    stages = selectors.roadmap_by_stage(programme, today)
    overall = selectors.overall_progress(stages)
    sections = [
        Section(
            heading="Сводка",
            blocks=[
                Facts(
                    [
                        ("Выполнено мероприятий", overall.label),
                        ("Общий прогресс", f"{overall.percent} %"),
                        ("Просрочено", overall.overdue),
                    ]
                )
            ],
        )
    ]
    for entry in stages:
        rows = [
            Row(
                [
                    item.number,
                    item.activity,
                    item.deadline,
                    item.period,
                    item.responsible_display,
                    item.output_document,
                    _status(item, today),
                    _evidence(item),
                ],
                tone=_tone(item, today),
            )
            for item in entry.items
        ]
        sections.append(
            Section(
                heading=f"Этап {entry.stage.number}. {entry.stage.name}",
                blocks=[
                    Facts([("Выполнено", f"{entry.label} ({entry.percent} %)")]),
                    Table(COLUMNS, rows, empty_text="На этом этапе нет мероприятий"),
                ],
                sheet_title=f"Этап {entry.stage.number}",
            )
        )
    year_label = programme.year.name.replace("/", "-")
    return Document(
        title="Дорожная карта реализации целевой модели наставничества",
        subtitle=f"на {programme.year.name} учебный год",
        organisation=programme.school.full_name,
        approval=approval_by_order(programme, OrderKind.REGULATIONS_ROADMAP, APPROVED_FEMININE),
        meta=[("Состояние на", today.strftime("%d.%m.%Y"))],
        sections=sections,
        orientation="landscape",
        filename=document_name(programme.school.short_name, "Дорожная карта", detail=year_label),
    )
