"""An order as an official paper: frozen text once approved, live draft before."""

from ..documents.official import OfficialDocument, Signature
from .attachments import order_attachments


def school_details(school) -> str:
    return ", ".join(part for part in (school.address, school.phone, school.email) if part)


def paragraphs(text: str) -> list[str]:
    return [" ".join(chunk.split()) for chunk in text.split("\n\n") if chunk.strip()]


def live_document(order) -> OfficialDocument:
    school = order.school
    approved = order.number is not None
    if approved:
        filename = f"Приказ от {order.order_date:%d.%m.%Y} № {order.number}"
    else:
        filename = f"Проект приказа {order.title}"
    return OfficialDocument(
        organisation=school.full_name,
        organisation_details=school_details(school),
        doc_type="ПРИКАЗ",
        date=order.order_date,
        number=str(order.number) if approved else "",
        title=order.title,
        preamble=paragraphs(order.preamble),
        decree="ПРИКАЗЫВАЮ:",
        points=[point for point in order.points if point.strip()],
        signatures=[Signature(order.signer_position, order.signer_name)],
        acquainted=list(order.acquainted),
        attachments=order_attachments(order),
        is_draft=not approved,
        filename=filename,
    )


def order_document(order) -> OfficialDocument:
    """What the order says: the frozen text of an approved order never changes with the data."""
    if order.frozen_content:
        return OfficialDocument.from_data(order.frozen_content)
    return live_document(order)
