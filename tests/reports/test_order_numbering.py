"""Order numbers: one sequence per school per calendar year, no gaps, no duplicates."""

import datetime
import threading

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from mentoring.models import Role
from reports.models import Order
from reports.orders import services
from stages.models import OrderKind
from tests.factories import ProgrammeFactory, member

DAY = datetime.date(2026, 11, 24)


def submitted_order(programme, curator) -> Order:
    """Drafted and handed to the director by the curator (``order.draft``)."""
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    return services.submit(order, by=curator)


def approved_number(programme, curator, director, today=DAY) -> int:
    order = submitted_order(programme, curator)
    return services.approve(order, by=director, today=today).number


@pytest.mark.django_db
def test_numbers_follow_one_another_within_a_school(programme, curator, director):
    numbers = [approved_number(programme, curator, director) for _ in range(3)]

    assert numbers == [1, 2, 3]
    assert set(Order.objects.values_list("number_year", flat=True)) == {2026}


@pytest.mark.django_db
def test_another_school_has_its_own_sequence(
    programme, other_programme, curator, director, other_curator
):
    approved_number(programme, curator, director)
    approved_number(programme, curator, director)

    other_director = member(Role.DIRECTOR, other_programme.school, username="other_director")
    assert approved_number(other_programme, other_curator, other_director) == 1
    assert approved_number(programme, curator, director) == 3


@pytest.mark.django_db
def test_a_new_calendar_year_starts_again_at_one(programme, curator, director):
    approved_number(programme, curator, director, today=datetime.date(2026, 12, 30))
    approved_number(programme, curator, director, today=datetime.date(2026, 12, 31))

    january = services.approve(
        submitted_order(programme, curator), by=director, today=datetime.date(2027, 1, 9)
    )

    assert (january.number, january.number_year) == (1, 2027)
    assert january.reference == "Приказ от 09.01.2027 № 1"
    assert approved_number(programme, curator, director, today=datetime.date(2027, 1, 10)) == 2


@pytest.mark.django_db
def test_approving_twice_is_refused_and_keeps_the_number(programme, curator, director):
    approved_number(programme, curator, director)
    order = services.approve(submitted_order(programme, curator), by=director, today=DAY)
    assert order.number == 2

    with pytest.raises(services.OrderError, match="уже утверждён"):
        services.approve(order, by=director, today=DAY + datetime.timedelta(days=40))

    order.refresh_from_db()
    assert (order.number, order.order_date) == (2, DAY)
    assert Order.objects.filter(number__isnull=False).count() == 2
    assert approved_number(programme, curator, director) == 3


@pytest.mark.django_db
def test_a_deleted_draft_never_takes_a_number(programme, curator, director):
    first = approved_number(programme, curator, director)
    draft = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    assert draft.number is None
    returned = submitted_order(programme, curator)
    services.return_order(returned, by=director, comment="Уточните сроки.")
    returned.refresh_from_db()
    services.delete_order(draft)
    services.delete_order(returned)

    assert [first, approved_number(programme, curator, director)] == [1, 2]


# Concurrency ---------------------------------------------------------------------------------

THREADS = 8

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database; row locks are tested on PostgreSQL only",
)


def run_together(targets) -> list:
    """Runs each callable in its own thread (so its own connection), all released at once.

    Returns what each returned or the exception it raised, in the order given.
    """
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def work(index, target):
        try:
            barrier.wait(timeout=30)
            # A thread starts outside any scope, as a job would; these act as the service.
            with scopes_disabled():
                results[index] = target()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(index, target)) for index, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an approval hung"
    return results


@pytest.fixture
def school_with_orders(reference_data, school, current_year, curator, director):
    programme = ProgrammeFactory(school=school, year=current_year)
    return programme, curator, director


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_take_distinct_numbers(school_with_orders):
    programme, curator, director = school_with_orders
    orders = [submitted_order(programme, curator) for _ in range(THREADS)]

    results = run_together(
        [lambda order=order: services.approve(order, by=director, today=DAY) for order in orders]
    )

    errors = [result for result in results if isinstance(result, Exception)]
    assert errors == []
    numbers = sorted(Order.objects.filter(school=programme.school).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_order_approved_twice_at_once_is_approved_once(school_with_orders):
    programme, curator, director = school_with_orders
    order = submitted_order(programme, curator)

    results = run_together(
        [lambda: services.approve(Order.objects.get(pk=order.pk), by=director, today=DAY)] * 2
    )

    approved = [result for result in results if isinstance(result, Order)]
    refused = [result for result in results if isinstance(result, services.OrderError)]
    assert len(approved) == 1 and len(refused) == 1, results
    order.refresh_from_db()
    assert order.number == approved[0].number == 1
    assert order.events.filter(action="approved").count() == 1
    assert approved_number(programme, curator, director) == 2
