"""Support contacts: the curator's check-ins with a pair's mentor, mentee and a minor's parent."""

import datetime

from mentoring.models import User

from ..models import Mentee, Pair, SupportContact

PARENT_OF_ADULT = (
    "Контакт с родителем (законным представителем) записывается только для несовершеннолетнего "
    "наставляемого: {name} уже исполнилось 18 лет."
)
PARENT_WHO = "Выберите наставляемого, с чьим родителем (законным представителем) был контакт."
NOT_OF_PAIR = "Наставляемый не из этой пары или группы."


def contact_problems(
    pair: Pair, person: str, mentee: Mentee | None, on: datetime.date, mentees=None
) -> dict[str, str]:
    """Field → what is wrong with the contact, in Russian. ``mentees``: the pair's mentees with
    participants, when already loaded."""
    mentees = list(mentees if mentees is not None else pair.mentees.select_related("participant"))
    if mentee is not None and mentee.pk not in {m.pk for m in mentees}:
        return {"mentee": NOT_OF_PAIR}
    if person != SupportContact.Person.PARENT:
        return {}
    if mentee is None and len(mentees) == 1:
        mentee = mentees[0]
    if mentee is None:
        return {"mentee": PARENT_WHO}
    if not mentee.participant.is_minor(on):
        return {"person": PARENT_OF_ADULT.format(name=mentee.participant.short_name)}
    return {}


def record_contact(pair: Pair, contact: SupportContact, *, by: User | None) -> SupportContact:
    """Saves a checked contact; in a pair of one mentee the mentee is that one for the mentee
    and the parent."""
    contact.pair = pair
    if contact.mentee_id is None and contact.person != SupportContact.Person.MENTOR:
        only = list(pair.mentees.all()[:2])
        if len(only) == 1:
            contact.mentee = only[0]
    contact.recorded_by = by
    contact.save()
    return contact
