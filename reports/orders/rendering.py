"""An order as an official paper: frozen text once approved, live draft before."""

import datetime

from mentoring.files import document_name

from ..documents.official import OfficialDocument, Signature
from .attachments import order_attachments
from .drafting import settle_points


def school_details(school) -> str:
    return ", ".join(part for part in (school.address, school.phone, school.email) if part)


def paragraphs(text: str) -> list[str]:
    return [" ".join(chunk.split()) for chunk in text.split("\n\n") if chunk.strip()]


def order_file_name(order) -> str:
    """«МБОУ «СОШ № 1» — Приказ № 12 от 01.09.2026»; a draft by its title."""
    school = order.school.short_name
    if order.number is not None:
        return document_name(school, "Приказ", number=order.number, on=order.order_date)
    return document_name(school, "Проект приказа", detail=order.title)


def live_document(order, on: datetime.date | None = None) -> OfficialDocument:
    """The paper from the order's current text and data. With ``on`` (the order's date, or
    the day a draft is looked at) its deadlines are as they stand on that day; without it the
    text is shown as written."""
    school = order.school
    points = [point for point in order.points if point.strip()]
    if on is not None:
        points = settle_points(order, points, on)
    approved = order.number is not None
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        organisation_details=school_details(school),
        doc_type="ПРИКАЗ",
        place=school.town,
        date=order.order_date,
        number=str(order.number) if approved else "",
        title=order.title,
        preamble=paragraphs(order.preamble),
        decree="ПРИКАЗЫВАЮ:",
        points=points,
        signatures=[Signature(order.signer_position, order.signer_name)],
        acquainted=list(order.acquainted),
        attachments=order_attachments(order),
        is_draft=not approved,
        filename=order_file_name(order),
    )


def order_document(order, on: datetime.date | None = None) -> OfficialDocument:
    """What the order says: the frozen text of an approved order never changes with the data;
    a draft's deadlines are counted from ``on``, the day it would be signed."""
    if order.frozen_content:
        return OfficialDocument.from_data(order.frozen_content)
    return live_document(order, on)
