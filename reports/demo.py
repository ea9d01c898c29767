"""Demo orders and papers: a year's orders in every state, partners, a name correction."""

import datetime

from django.utils import timezone

from mentoring.models import Programme, User
from registry.models import Award, Pair, Partner
from stages.models import OrderKind

from .models import NameOverride
from .orders import services

# Kinds approved in the demo, in the order a school issues them, with days after 1 September.
APPROVED = [
    (OrderKind.IMPLEMENTATION, 2),
    (OrderKind.CURATOR, 3),
    (OrderKind.REGULATIONS_ROADMAP, 10),
    (OrderKind.COMMISSION, 12),
    (OrderKind.MENTOR_SCHOOL, 40),
]
PARTNERS = [
    ("ООО «Северный завод металлоконструкций»", "Генеральный директор", "Чернов Павел Андреевич"),
    ("ГАУЗ «Районная больница»", "Главный врач", "Лукина Светлана Игоревна"),
    ("ИП Гайдамак Ольга Сергеевна", "Индивидуальный предприниматель", "Гайдамак Ольга Сергеевна"),
]


def _approve(order, curator: User, director: User, day: datetime.date) -> None:
    try:
        services.submit(order, by=curator)
        services.approve(order, by=director, today=day)
    except services.OrderError:
        # Demo data of a smaller school may lack what an order needs: it stays a draft.
        pass


def build_orders(programme: Programme, curator: User, director: User) -> None:
    """The orders a school issues before its pairs are formed; the registry order awaits the
    director."""
    if programme.orders.exists():
        return
    start = programme.year.start_date
    today = timezone.localdate()
    for kind, days in APPROVED:
        order = services.create_order(programme, kind, by=curator)
        if kind == OrderKind.CURATOR:
            order.curator = curator
            order.curator_position = "заместитель директора по воспитательной работе"
            order.save()
            services.regenerate(order, by=curator)
        _approve(order, curator, director, min(start + datetime.timedelta(days=days), today))
    registry = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    if registry.mentors.exists():
        services.submit(registry, by=curator)


def pairs_approval(curator: User, director: User):
    """How the demo approves new pairs (``registry.demo_pairs.build_pairs``): by the order
    «Об утверждении наставнических пар (групп)», so every pair cites an order that exists."""

    def approve(programme: Programme, pairs: list[Pair], day: datetime.date) -> None:
        order = services.create_order(programme, OrderKind.PAIRS, by=curator, today=day)
        order.pairs.set(pairs)
        _approve(order, curator, director, day)

    return approve


def build_awards(programme: Programme, curator: User) -> None:
    """Nominations of working pairs and the draft awards order; once per programme."""
    if programme.awards.exists():
        return
    _awards(programme)
    services.create_order(programme, OrderKind.AWARDS, by=curator)


def _awards(programme: Programme) -> None:
    """Nominations for the end of the year: the awards order is drafted from them."""
    pairs = list(programme.pairs.filter(status=Pair.Status.ACTIVE).select_related("mentor")[:2])
    if not pairs:
        return
    day = min(programme.year.end_date, timezone.localdate())
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=pairs[0].mentor,
        awarded_on=day,
        note="за высокие результаты работы с наставляемыми",
    )
    Award.objects.create(
        programme=programme, kind=Award.Kind.BEST_PAIR, pair=pairs[-1], awarded_on=day
    )


def build_partners(programme: Programme) -> None:
    school = programme.school
    if school.partners.exists():
        return
    for index, (name, position, head) in enumerate(PARTNERS):
        Partner.objects.create(
            school=school,
            name=name,
            head_position=position,
            head_name=head,
            contact_person=head,
            letter_sent_on=programme.year.start_date + datetime.timedelta(days=20)
            if index < 2
            else None,
            agreement_signed_on=programme.year.start_date + datetime.timedelta(days=45)
            if index == 0
            else None,
            agreement_note="Соглашение о сетевом взаимодействии № 7" if index == 0 else "",
        )
    NameOverride.objects.get_or_create(
        school=school,
        nominative="Гайдамак Ольга Сергеевна",
        defaults={
            "genitive": "Гайдамак Ольги Сергеевны",
            "dative": "Гайдамак Ольге Сергеевне",
            "accusative": "Гайдамак Ольгу Сергеевну",
            "instrumental": "Гайдамак Ольгой Сергеевной",
            "prepositional": "Гайдамак Ольге Сергеевне",
        },
    )
