"""An order's way: draft → submitted → returned or approved; approval numbers, freezes, acts."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentoring import events
from mentoring.declension import GENITIVE, name_in
from mentoring.errors import DomainError
from mentoring.models import Membership, Programme, Role, School, User
from registry.models import Pair
from registry.services.bases import include_in_registry, registry_refusal
from registry.services.pairs import approve_pairs
from registry.services.selection import validate_commission
from stages.models import OrderKind, RoadmapItem
from stages.services import set_item_status

from ..documents.official_docx import render_official_docx
from ..documents.official_html import render_official_pdf
from ..models import Order, OrderEvent, decliner_for
from . import teacher_mentor
from .drafting import Drafter, default_many, default_subjects, signer_name
from .due import REASON_LABEL
from .rendering import live_document


class OrderError(DomainError):
    pass


def _event(order: Order, action: str, by: User | None, comment: str = "") -> None:
    OrderEvent.objects.create(order=order, action=action, by=by, comment=comment)
    events.record(
        f"order.{action}",
        by=by,
        order=order.pk,
        school=order.school_id,
        kind=order.kind,
        number=order.number,
    )


def apply_draft(order: Order, on: datetime.date) -> None:
    """Rewrites the order's text from the current data (names declined, lists refreshed);
    deadlines are counted from ``on``, the day the order is expected to be signed."""
    draft = Drafter(order, decliner_for(order.school), on).draft()
    order.title = draft.title
    order.preamble = draft.preamble
    order.points = draft.points
    order.acquainted = draft.acquainted


@transaction.atomic
def create_order(
    programme: Programme,
    kind: str,
    *,
    by: User | None,
    today: datetime.date | None = None,
    reason: str = "",
) -> Order:
    """A draft of ``kind`` from the programme's data; ``reason``, why a once-a-year kind is
    drafted again, is kept in the order's history (the comment of its «created» event)."""
    if kind not in OrderKind.values:
        raise OrderError("Неизвестный вид приказа.")
    school = programme.school
    order = Order(
        programme=programme,
        school=school,
        kind=kind,
        title=OrderKind(kind).label,
        signer_position="Директор",
        signer_name=signer_name(school.director_name),
        created_by=by,
    )
    default_subjects(order)
    order.save()
    default_many(order)
    apply_draft(order, today or timezone.localdate())
    order.save()
    comment = f"{REASON_LABEL}: {reason}" if reason else ""
    _event(order, OrderEvent.Action.CREATED, by, comment)
    return order


def _require_editable(order: Order) -> None:
    if not order.is_editable:
        raise OrderError(f"Приказ в статусе «{order.get_status_display()}» изменить нельзя.")


@transaction.atomic
def regenerate(order: Order, *, by: User | None, today: datetime.date | None = None) -> Order:
    _require_editable(order)
    apply_draft(order, today or timezone.localdate())
    order.save()
    _event(order, OrderEvent.Action.EDITED, by, "Текст пересобран из данных")
    return order


def record_edit(order: Order, *, by: User | None) -> None:
    _event(order, OrderEvent.Action.EDITED, by)


def order_problems(order: Order) -> list[str]:
    """Why the order cannot go to the director (or be approved) yet; empty when it can."""
    problems = []
    if not order.title.strip():
        problems.append("Укажите заголовок приказа.")
    if not [point for point in order.points if point.strip()]:
        problems.append("В приказе нет ни одного пункта.")
    if not order.signer_name.strip():
        problems.append("Укажите, кто подписывает приказ (ФИО директора в карточке школы).")
    kind = order.kind
    if kind == OrderKind.CURATOR and order.curator is None:
        problems.append("Выберите, кого назначить куратором.")
    if kind == OrderKind.COMMISSION:
        if order.commission is None:
            problems.append("Сначала сформируйте конкурсную комиссию (раздел «Отбор»).")
        else:
            members = order.commission.members.values("full_name", "role")
            problems += validate_commission(members)
    if kind == OrderKind.MENTOR_REGISTRY:
        mentors = list(order.mentors.select_related("participant"))
        if not mentors:
            problems.append("Выберите наставников для включения в реестр.")
        for mentor in mentors:
            reason = registry_refusal(mentor)
            if reason:
                problems.append(f"{mentor.participant.short_name}: {reason}.")
    if kind == OrderKind.PAIRS:
        pairs = list(order.pairs.select_related("mentor__participant"))
        if not pairs:
            problems.append("Выберите пары и группы для утверждения.")
        for pair in pairs:
            if pair.status != Pair.Status.DRAFT:
                problems.append(
                    f"Пара наставника {name_in(pair.mentor.participant.short_name, GENITIVE)} "
                    "уже в статусе "
                    f"«{pair.get_status_display()}»."
                )
    if kind == OrderKind.MENTOR_SCHOOL and order.course is None:
        problems.append("Сначала внесите обучение «Школы наставников» (раздел «Обучение»).")
    if kind == OrderKind.TEACHER_MENTOR:
        problems += teacher_mentor.problems(order, order.order_date or timezone.localdate())
    if kind == OrderKind.AWARDS and not order.awards.exists():
        problems.append("Выберите поощрения (раздел «Кейсы и поощрения»).")
    return problems


@transaction.atomic
def submit(order: Order, *, by: User | None) -> Order:
    _require_editable(order)
    problems = order_problems(order)
    if problems:
        raise OrderError(problems)
    order.status = Order.Status.SUBMITTED
    order.save(update_fields=["status", "updated_at"])
    _event(order, OrderEvent.Action.SUBMITTED, by)
    return order


@transaction.atomic
def return_order(order: Order, *, by: User | None, comment: str) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.SUBMITTED:
        raise OrderError("Вернуть можно только приказ, переданный на утверждение.")
    if not comment.strip():
        raise OrderError("Напишите, что исправить: без комментария приказ не возвращается.")
    order.status = Order.Status.RETURNED
    order.save(update_fields=["status", "updated_at"])
    _event(order, OrderEvent.Action.RETURNED, by, comment.strip())
    return order


def next_number(school: School, year: int) -> int:
    top = Order.objects.filter(school=school, number_year=year).aggregate(top=Max("number"))
    return (top["top"] or 0) + 1


def approve(order: Order, *, by: User | None, today: datetime.date | None = None) -> Order:
    """Numbers, dates, freezes and carries out the order, all in one transaction.

    The school's row is locked first, so two approvals at the same moment take numbers one
    after the other: no gaps, no duplicates.
    """
    with transaction.atomic():
        School.objects.select_for_update().get(pk=order.school_id)
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("school", "programme")
            .get(pk=order.pk)
        )
        if order.status == Order.Status.APPROVED:
            raise OrderError(f"Приказ уже утверждён: {order.reference}.")
        if order.status != Order.Status.SUBMITTED:
            raise OrderError("Утвердить можно только приказ, переданный на утверждение.")
        problems = order_problems(order)
        if problems:
            raise OrderError(problems)
        day = today or timezone.localdate()
        order.number = next_number(order.school, day.year)
        order.number_year = day.year
        order.order_date = day
        order.status = Order.Status.APPROVED
        order.approved_by = by
        order.approved_at = timezone.now()
        document = live_document(order, on=day)
        order.points = document.points
        order.frozen_content = document.to_data()
        order.save()
        _carry_out(order, by)
        # Files last: nothing after them can roll the approval back and orphan them.
        stem = f"prikaz-{order.number}-{day:%Y%m%d}"
        order.pdf_file.save(f"{stem}.pdf", ContentFile(render_official_pdf(document)), save=False)
        order.docx_file.save(
            f"{stem}.docx", ContentFile(render_official_docx(document)), save=False
        )
        order.save(update_fields=["pdf_file", "docx_file"])
        _event(order, OrderEvent.Action.APPROVED, by)
    return order


def _carry_out(order: Order, by: User | None) -> None:
    basis = order.reference
    kind = order.kind
    if kind == OrderKind.MENTOR_REGISTRY:
        _, refused = include_in_registry(list(order.mentors.all()), by=by, note=basis)
        if refused:
            raise OrderError([f"{m.participant.short_name}: {reason}." for m, reason in refused])
    elif kind == OrderKind.PAIRS:
        approve_pairs(list(order.pairs.select_related("mentor")), by=by, note=basis)
    elif kind == OrderKind.CURATOR:
        programme = order.programme
        programme.curator = order.curator
        programme.curator_basis = basis
        programme.save(update_fields=["curator", "curator_basis"])
        Membership.objects.get_or_create(user=order.curator, school=order.school, role=Role.CURATOR)
    elif kind == OrderKind.COMMISSION:
        commission = order.commission
        commission.formed_on = order.order_date
        commission.order_note = basis
        commission.save(update_fields=["formed_on", "order_note"])
    items = RoadmapItem.objects.filter(programme=order.programme, order_kind=kind).exclude(
        status__in=[RoadmapItem.Status.DONE, RoadmapItem.Status.CANCELLED]
    )
    for item in items:
        set_item_status(item, RoadmapItem.Status.DONE, by=by, on=order.order_date)
        item.evidence_note = f"{basis} «{order.title}»"[:500]
        item.save(update_fields=["evidence_note"])
    order.roadmap_items.add(*RoadmapItem.objects.filter(programme=order.programme, order_kind=kind))


@transaction.atomic
def delete_order(order: Order) -> None:
    _require_editable(order)
    order.delete()
