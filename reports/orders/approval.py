"""The grif «УТВЕРЖДЕНО приказом … от … № …» of a document approved by a school's order."""

from mentoring.models import Programme

from ..documents.official import APPROVED_BY, approval_grif
from ..models import Order


def approving_order(programme: Programme, kind: str) -> Order | None:
    """The latest approved order of ``kind`` of the programme: the one whose grif the
    document carries."""
    return (
        Order.objects.filter(programme=programme, kind=kind, status=Order.Status.APPROVED)
        .select_related("school")
        .order_by("-order_date", "-number")
        .first()
    )


def order_grif(order: Order, approved: str) -> list[str]:
    """«УТВЕРЖДЕНО» (or «УТВЕРЖДЕНА»…, ``approved`` agreeing with the document's kind),
    «приказом МБОУ «СОШ № 1»», «от 01.09.2026 № 12»."""
    return approval_grif(
        approved,
        f"{APPROVED_BY['ПРИКАЗ']} {order.school.short_name}".strip(),
        f"от {order.order_date:%d.%m.%Y} № {order.number}",
    )


def approval_by_order(programme: Programme, kind: str, approved: str) -> list[str]:
    """The grif of the programme's document approved by an order of ``kind``; empty while
    no such order is approved (a draft document carries no grif)."""
    order = approving_order(programme, kind)
    return order_grif(order, approved) if order else []
