"""Demo closures and the curator's support: one pair completed as planned with its final
meeting, one terminated early, support contacts on most working pairs, planned meetings."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mentoring.models import Programme, User

from .models import Meeting, Pair, SupportContact
from .services.pairs import close_pair

Person = SupportContact.Person
NOTES = [
    "Встречи идут по плану, наставляемому интересно",
    "Наставник просит помочь с помещением для занятий",
    "Родители довольны, ребёнок охотнее идёт в школу",
    "Обсудили нагрузку перед четвертными контрольными",
]


@transaction.atomic
def build_closures(
    programme: Programme,
    *,
    seed: int,
    curator: User | None,
    today: datetime.date | None = None,
) -> int:
    """Once per programme; returns the number of support contacts recorded."""
    if programme.pairs.exclude(closure_reason="").exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed)
    working = list(
        programme.pairs.filter(status=Pair.Status.ACTIVE, continued_from__isnull=True)
        .prefetch_related("mentees__participant")
        .order_by("id")
    )
    singles = [pair for pair in working if len(pair.mentees.all()) == 1]
    if len(singles) >= 4:
        planned, early = singles[0], singles[1]
        close_pair(
            planned,
            by=curator,
            early=False,
            closure_reason=Pair.ClosureReason.GOAL_REACHED,
            comment="Наставляемый закрыл пробелы по предмету и готов заниматься сам",
            on=today - datetime.timedelta(days=4),
            final_meeting=Meeting(
                held_on=today - datetime.timedelta(days=5),
                topic="Итоги работы: что получилось и что дальше",
                outcome="Цель плана достигнута, наставляемый оценил свои результаты",
            ),
            require_final_meeting=True,
        )
        close_pair(
            early,
            by=curator,
            early=True,
            closure_reason=Pair.ClosureReason.MOVED,
            comment="Семья переехала в другой город",
            on=today - datetime.timedelta(days=6),
        )
    contacts = []
    in_work = list(
        programme.pairs.filter(status=Pair.Status.ACTIVE)
        .prefetch_related("mentees__participant")
        .order_by("id")
    )
    for index, pair in enumerate(in_work):
        if index % 4 == 3:
            continue  # left without a contact this month: the queue shows them
        mentee = pair.mentees.all()[0]
        minor = mentee.participant.is_minor(today)
        people = [Person.MENTOR, Person.PARENT if minor else Person.MENTEE]
        for number, person in enumerate(people):
            day = today - datetime.timedelta(days=rng.randint(0, 20))
            if number and index % 3 == 0:
                day = today - datetime.timedelta(days=rng.randint(21, 28))
            contacts.append(
                SupportContact(
                    pair=pair,
                    contacted_on=day,
                    channel=rng.choice(SupportContact.Channel.values),
                    person=person,
                    mentee=None if person == Person.MENTOR else mentee,
                    notes=rng.choice(NOTES),
                    follow_up="Проверить, состоялась ли встреча" if index % 5 == 0 else "",
                    recorded_by=curator,
                )
            )
    SupportContact.objects.bulk_create(contacts)
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            kind=Meeting.Kind.WORKING,
            held_on=today + datetime.timedelta(days=3 + index),
            starts_at=datetime.time(15, 30),
            topic="Подготовка к полугодовой контрольной",
        )
        for index, pair in enumerate(in_work[:3])
    )
    return len(contacts)
