"""The tables attached to each kind of order (приложения), built from the order's subjects."""

import datetime

from django.db.models import Prefetch

from stages.models import OrderKind, RoadmapItem

from ..builders.mentoring_programme import programme_sections, programme_title
from ..declension import GENITIVE
from ..documents import Column, Table
from ..documents.official import APPROVED_FEMININE, APPROVED_NEUTER, Attachment
from ..models import Order, decliner_for
from ..regulation.services import regulation_parts, regulation_title


def _competencies(mentor) -> str:
    return ", ".join(c.name for c in mentor.competencies.all())


def _mentor_registry(order) -> list[Attachment]:
    mentors = order.mentors.select_related("participant").prefetch_related("competencies")
    mentors = sorted(mentors, key=lambda m: (m.participant.last_name, m.participant.first_name))
    table = Table(
        columns=[
            Column("№", 5, "number"),
            Column("ФИО наставника", 30),
            Column("Категория, должность (класс)", 28),
            Column("Контур", 14),
            Column("Компетенции", 28),
        ],
        rows=[
            [
                index,
                mentor.participant.full_name,
                f"{mentor.participant.get_kind_display()}: {mentor.participant.description}",
                mentor.get_contour_display(),
                _competencies(mentor),
            ]
            for index, mentor in enumerate(mentors, start=1)
        ],
        empty_text="Наставники не выбраны",
    )
    return [Attachment(f"Реестр наставников на {order.programme.year.name} учебный год", table)]


def _pairs(order) -> list[Attachment]:
    pairs = order.pairs.select_related(
        "mentor__participant", "form", "role_model"
    ).prefetch_related("mentees__participant")
    pairs = sorted(pairs, key=lambda p: (p.form.position, p.mentor.participant.last_name))
    table = Table(
        columns=[
            Column("№", 5, "number"),
            Column("Форма наставничества", 17),
            Column("Ролевая модель", 20),
            Column("Наставник", 24),
            Column("Наставляемые", 34),
        ],
        rows=[
            [
                index,
                pair.form.name,
                pair.role_model.name if pair.role_model else "",
                f"{pair.mentor.participant.full_name} ({pair.mentor.participant.description})",
                "; ".join(
                    f"{m.participant.full_name} ({m.participant.description})"
                    for m in pair.mentees.all()
                ),
            ]
            for index, pair in enumerate(pairs, start=1)
        ],
        empty_text="Пары не выбраны",
    )
    programme = order.programme
    return [
        Attachment("Наставнические пары (группы)", table),
        Attachment(
            programme_title(programme),
            sections=programme_sections(programme),
            approved=APPROVED_FEMININE,
        ),
    ]


def _commission(order) -> list[Attachment]:
    members = list(order.commission.members.all()) if order.commission else []
    table = Table(
        columns=[
            Column("№", 6, "number"),
            Column("ФИО", 34),
            Column("Должность", 34),
            Column("Роль в комиссии", 26),
        ],
        rows=[
            [index, member.full_name, member.position, member.get_role_display()]
            for index, member in enumerate(members, start=1)
        ],
        empty_text="Состав комиссии не заполнен",
    )
    return [Attachment("Состав конкурсной комиссии по отбору наставников", table)]


def _mentor_school(order) -> list[Attachment]:
    course = order.course
    if course is None:
        return []
    mentors = sorted(
        course.participants.select_related("participant"),
        key=lambda m: (m.participant.last_name, m.participant.first_name),
    )
    listeners = Table(
        columns=[Column("№", 6, "number"), Column("ФИО", 44), Column("Должность (класс)", 50)],
        rows=[
            [index, m.participant.full_name, m.participant.description]
            for index, m in enumerate(mentors, start=1)
        ],
        empty_text="Слушатели не записаны",
    )
    schedule = Table(
        columns=[
            Column("№", 6, "number"),
            Column("Дата", 16, "date"),
            Column("Тема занятия", 64),
            Column("Часов", 14, "number"),
        ],
        rows=[
            [index, session.held_on, session.topic, session.hours]
            for index, session in enumerate(course.sessions.all(), start=1)
        ],
        empty_text="Занятия не запланированы",
    )
    return [
        Attachment("Список наставников, направляемых на обучение", listeners),
        Attachment(f"План занятий «{course.title}»", schedule),
    ]


def _roadmap_term(item: RoadmapItem) -> datetime.date | str:
    """The item's deadline; an item an approved order has already done says so instead of
    being given its deadline again."""
    if item.status == RoadmapItem.Status.DONE and item.approved_orders:
        done = item.approved_orders[0]
        return f"выполнено: приказ от {done.order_date:%d.%m.%Y} № {done.number}"
    return item.deadline or item.period


def _regulations_roadmap(order) -> list[Attachment]:
    approved = Order.objects.filter(status=Order.Status.APPROVED).exclude(pk=order.pk)
    items = (
        RoadmapItem.objects.filter(programme=order.programme)
        .select_related("stage")
        .prefetch_related(
            Prefetch(
                "orders",
                queryset=approved.order_by("order_date", "number"),
                to_attr="approved_orders",
            )
        )
    )
    table = Table(
        columns=[
            Column("№", 7),
            Column("Мероприятие", 45),
            Column("Срок", 14),
            Column("Ответственный", 18),
            Column("Итоговый документ", 20),
        ],
        rows=[
            [
                item.number,
                item.activity,
                _roadmap_term(item),
                item.responsible_display,
                item.output_document,
            ]
            for item in items
        ],
        empty_text="В дорожной карте нет мероприятий",
    )
    programme = order.programme
    return [
        Attachment(
            regulation_title(programme.school),
            sections=regulation_parts(programme),
            approved=APPROVED_NEUTER,
        ),
        Attachment(
            "Дорожная карта внедрения целевой модели наставничества",
            table,
            approved=APPROVED_FEMININE,
        ),
    ]


def _awards(order) -> list[Attachment]:
    awards = order.awards.select_related("mentor__participant", "pair__mentor__participant")
    decliner = decliner_for(order.school)
    table = Table(
        columns=[
            Column("№", 6, "number"),
            Column("Вид поощрения", 30),
            Column("Кому", 34),
            Column("Формулировка", 30),
        ],
        rows=[
            [index, award.get_kind_display(), _recipient(award, decliner), award.note]
            for index, award in enumerate(awards, start=1)
        ],
        empty_text="Поощрения не выбраны",
    )
    return [Attachment("Список поощряемых участников наставнической деятельности", table)]


def _recipient(award, decliner) -> str:
    if award.mentor:
        return award.mentor.participant.full_name
    if award.pair:
        mentor = decliner.full(award.pair.mentor.participant.full_name, GENITIVE)
        return f"пара (группа) наставника {mentor}"
    return award.recipient_name


BUILDERS = {
    OrderKind.MENTOR_REGISTRY: _mentor_registry,
    OrderKind.PAIRS: _pairs,
    OrderKind.COMMISSION: _commission,
    OrderKind.MENTOR_SCHOOL: _mentor_school,
    OrderKind.REGULATIONS_ROADMAP: _regulations_roadmap,
    OrderKind.AWARDS: _awards,
}


def order_attachments(order) -> list[Attachment]:
    build = BUILDERS.get(order.kind)
    return build(order) if build else []
