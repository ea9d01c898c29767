"""The school's register of outgoing documents: numbers taken one after another per calendar
year, as safely as order numbers (the school's row is locked, the number is unique)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentoring.models import School, User
from registry.models import Partner

from ..models import OutgoingDocument


def next_outgoing_number(school: School, year: int) -> int:
    top = OutgoingDocument.objects.filter(school=school, year=year).aggregate(top=Max("number"))
    return (top["top"] or 0) + 1


def register_outgoing(
    school: School,
    *,
    addressee: str,
    subject: str,
    by: User | None,
    on: datetime.date | None = None,
    partner: Partner | None = None,
) -> OutgoingDocument:
    """Gives a document the next outgoing number of the year of ``on`` (today by default).

    The school's row is locked first, so two registrations at the same moment take numbers
    one after the other: no gaps, no duplicates.
    """
    day = on or timezone.localdate()
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        return OutgoingDocument.objects.create(
            school=school,
            year=day.year,
            number=next_outgoing_number(school, day.year),
            date=day,
            addressee=addressee[:500],
            subject=subject[:500],
            partner=partner,
            created_by=by,
        )


def partner_letter_entry(partner: Partner) -> OutgoingDocument | None:
    """The register entry of the letter to the partner: its outgoing number and date."""
    return partner.outgoing_documents.order_by("-date", "-number").first()


def register_partner_letter(
    partner: Partner, *, addressee: str, subject: str, by: User | None, on=None
) -> tuple[OutgoingDocument, bool]:
    """The letter to the partner, registered once: the entry and whether it is new. The
    partner is marked as written to on the letter's date, unless marked before."""
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        entry = partner_letter_entry(partner)
        if entry:
            return entry, False
        entry = register_outgoing(
            partner.school, addressee=addressee, subject=subject, by=by, on=on, partner=partner
        )
        if not partner.letter_sent_on:
            partner.letter_sent_on = entry.date
            partner.save(update_fields=["letter_sent_on"])
        return entry, True
