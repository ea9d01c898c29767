"""Pair health from the curator's support contacts (registered with ``registry.health``).

MENTOR, Elements of Effective Practice: staff contact the mentor, the mentee and the family at
least monthly, and more often in the first month of a match; frequent support contacts predict
fewer early closures. Both checks read all pairs of a batch in one grouped query.
"""

import datetime
from collections.abc import Iterator

from django.db.models import Count, F, Max, Q
from django.urls import reverse

from mentoring.periods import first_of_month, month_name
from mentoring.text import plural

from .health import WARNING, Concern, register
from .models import Pair, SupportContact

# A pair is new for this many days from its start: its own check applies then, not the monthly one.
NEW_PAIR_DAYS = 31
# Contacts a new pair should have within its first month.
NEW_PAIR_CONTACTS = 2
# A pair without a contact this month is flagged once its last contact is this old: on the first
# days of a month a contact made late in the previous one still counts.
MONTHLY_CONTACT_DAYS = 30
CONTACT_ACTION = "Связаться с наставником и наставляемым"


def _is_new(pair: Pair, day: datetime.date) -> bool:
    return (day - pair.starts_on).days < NEW_PAIR_DAYS


@register
def support_contacts(working: dict[int, Pair], day: datetime.date) -> Iterator[Concern]:
    working = {pk: pair for pk, pair in working.items() if pair.starts_on}
    if not working:
        return
    month_start = first_of_month(day)
    counts = {
        row["pair_id"]: row
        for row in SupportContact.objects.filter(pair_id__in=list(working), contacted_on__lte=day)
        .values("pair_id")
        .annotate(
            month=Count("pk", filter=Q(contacted_on__gte=month_start)),
            last=Max("contacted_on"),
            since_start=Count("pk", filter=Q(contacted_on__gte=F("pair__starts_on"))),
        )
    }
    for pair_id, pair in working.items():
        row = counts.get(pair_id, {"month": 0, "since_start": 0, "last": None})
        url = reverse("registry:support_contacts", args=[pair_id])
        if _is_new(pair, day):
            made = row["since_start"]
            if made < NEW_PAIR_CONTACTS:
                yield Concern(
                    pair_id=pair_id,
                    code="support_new_pair",
                    level=WARNING,
                    reason=(
                        f"Новая пара: {made} {plural(made, 'контакт', 'контакта', 'контактов')} "
                        f"за первый месяц (нужно не меньше {NEW_PAIR_CONTACTS})"
                    ),
                    action=CONTACT_ACTION,
                    url=url,
                )
        elif not row["month"] and (
            row["last"] is None or (day - row["last"]).days >= MONTHLY_CONTACT_DAYS
        ):
            last = f"последний — {row['last']:%d.%m.%Y}" if row["last"] else "контактов не было"
            yield Concern(
                pair_id=pair_id,
                code="support_month",
                level=WARNING,
                reason=f"Нет контакта куратора с участниками за {month_name(day)} ({last})",
                action=CONTACT_ACTION,
                url=url,
            )
