"""Dates inside orders: deadlines are counted from the order's date, not from the day the draft
was made, and a deadline that an approved order has already met is not set again."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from registry.models import CommissionMember, Mentor, SelectionCommission
from reports.orders import services
from reports.orders.deadlines import recount, within
from reports.orders.rendering import order_document
from stages.models import OrderKind, RoadmapItem
from tests.clock import moment
from tests.registry.factories import InterviewFactory, MentorFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def point_with(points: list[str], words: str) -> str:
    [point] = [point for point in points if words in point]
    return point


def approve_on(order, day: str, *, curator, director, time_machine):
    """Hands the draft to the director and approves it on ``day``."""
    if order.is_editable:
        services.submit(order, by=curator)
    time_machine.move_to(moment(day))
    return services.approve(order, by=director)


@pytest.fixture
def commission(programme):
    commission = SelectionCommission.objects.create(programme=programme)
    for full_name, role in (
        ("Иванова Мария Петровна", CommissionMember.Role.CHAIR),
        ("Тимофеева Марина Андреевна", CommissionMember.Role.CURATOR),
        ("Орлов Павел Сергеевич", CommissionMember.Role.MEMBER),
    ):
        commission.members.create(full_name=full_name, role=role)
    return commission


@pytest.fixture
def recommended(programme):
    mentor = MentorFactory(
        participant=ParticipantFactory(school=programme.school, last_name="Ковалёва"),
        status=Mentor.Status.INTERVIEWED,
    )
    InterviewFactory(mentor=mentor, programme=programme)
    return mentor


@pytest.mark.today("2026-10-01")
def test_deadline_is_counted_from_the_approval_date(programme, curator, director, time_machine):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    assert "31.10.2026" in point_with(order.points, "разработать")

    order = approve_on(
        order, "2026-10-20", curator=curator, director=director, time_machine=time_machine
    )

    assert order.order_date == datetime.date(2026, 10, 20)
    frozen = point_with(order_document(order).points, "разработать")
    assert "19.11.2026" in frozen and "31.10.2026" not in frozen
    assert "в течение 30 дней со дня издания приказа (до 19.11.2026)" in frozen
    assert order.points == order_document(order).points
    pdf = pdf_text(order.pdf_file.read())
    assert "20.10.2026" in pdf and "19.11.2026" in pdf and "31.10.2026" not in pdf
    word = docx_text(order.docx_file.read())
    assert "(до 19.11.2026)" in word and "31.10.2026" not in word


@pytest.mark.today("2026-10-01")
def test_the_curators_own_words_are_kept_and_counted_from_the_order_date(programme, curator):
    order = services.create_order(programme, OrderKind.PAIRS, by=curator)
    order.points = [
        point.replace("в течение 14 дней", "в течение 3 недель") for point in order.points
    ]
    order.points.insert(0, "Провести общую встречу наставников в срок до 05.10.2026.")
    order.save()

    document = order_document(order, on=datetime.date(2026, 10, 20))

    assert "в течение 3 недель со дня издания приказа (до 10.11.2026)" in " ".join(document.points)
    assert "в срок до 05.10.2026" in document.points[0]


def test_explicit_dates_given_to_the_services(programme, curator, director, commission, today):
    drafted_on = today - datetime.timedelta(days=19)
    order = services.create_order(programme, OrderKind.COMMISSION, by=curator, today=drafted_on)
    on_draft = (drafted_on + datetime.timedelta(days=45)).strftime("%d.%m.%Y")
    assert f"(до {on_draft})" in point_with(order.points, "провести отбор")

    services.submit(order, by=curator)
    order = services.approve(order, by=director, today=today)

    due = (today + datetime.timedelta(days=45)).strftime("%d.%m.%Y")
    assert f"(до {due})" in point_with(order_document(order).points, "провести отбор")
    assert on_draft not in pdf_text(order.pdf_file.read())


@pytest.mark.today("2026-10-01")
def test_a_draft_reads_its_deadlines_from_the_day_it_is_looked_at(
    client, programme, curator, time_machine
):
    order = services.create_order(programme, OrderKind.PAIRS, by=curator)
    assert "15.10.2026" in point_with(order.points, "индивидуальные планы")
    time_machine.move_to(moment("2026-10-20"))
    client.force_login(curator)

    page = client.get(order.get_absolute_url()).content.decode()
    assert "(до 03.11.2026)" in page and "15.10.2026" not in page
    form = client.get(reverse("reports:order_edit", args=[order.pk])).content.decode()
    assert "(до 03.11.2026)" in form and "15.10.2026" not in form
    pdf = pdf_text(client.get(reverse("reports:order_file", args=[order.pk, "pdf"])).content)
    assert "ПРОЕКТ" in pdf and "03.11.2026" in pdf and "15.10.2026" not in pdf


@pytest.mark.today("2026-10-01")
def test_work_done_by_an_approved_order_is_not_given_a_deadline_again(
    programme, curator, director, time_machine
):
    implementation = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    assert "разработать Положение о наставничестве" in " ".join(implementation.points)
    services.submit(implementation, by=curator)
    time_machine.move_to(moment("2026-10-10"))
    regulations = services.create_order(programme, OrderKind.REGULATIONS_ROADMAP, by=curator)
    regulations = approve_on(
        regulations, "2026-10-10", curator=curator, director=director, time_machine=time_machine
    )
    assert regulations.number == 1

    implementation = approve_on(
        implementation, "2026-10-20", curator=curator, director=director, time_machine=time_machine
    )

    text = " ".join(order_document(implementation).points)
    assert "разработать Положение" not in text
    assert (
        "разработать программу наставничества (Положение о наставничестве и дорожная карта "
        "внедрения целевой модели наставничества утверждены приказом от 10.10.2026 № 1)"
    ) in text
    assert "в течение 30 дней со дня издания приказа (до 19.11.2026)" in text
    pdf = pdf_text(implementation.pdf_file.read())
    assert "10.10.2026" in pdf and "31.10.2026" not in pdf


@pytest.mark.today("2026-10-01")
def test_selection_finished_by_the_registry_order_is_said_to_be_done(
    programme, curator, director, commission, recommended, time_machine
):
    order = services.create_order(programme, OrderKind.COMMISSION, by=curator)
    services.submit(order, by=curator)
    registry = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    approve_on(
        registry, "2026-10-12", curator=curator, director=director, time_machine=time_machine
    )

    order = approve_on(
        order, "2026-10-20", curator=curator, director=director, time_machine=time_machine
    )

    points = order_document(order).points
    assert not [point for point in points if "провести отбор" in point]
    assert (
        "Отбор наставников завершён: реестр наставников утверждён приказом от 12.10.2026 № 1."
        in points
    )
    assert "(до " not in " ".join(points)


@pytest.mark.today("2026-10-01")
def test_a_deadline_an_earlier_order_set_is_referred_to_not_set_again(
    programme, curator, director, commission, time_machine
):
    first = services.create_order(programme, OrderKind.COMMISSION, by=curator)
    second = services.create_order(programme, OrderKind.COMMISSION, by=curator)
    assert "15.11.2026" in point_with(second.points, "провести отбор")
    first = approve_on(
        first, "2026-10-10", curator=curator, director=director, time_machine=time_machine
    )
    assert "24.11.2026" in point_with(first.points, "провести отбор")

    second = approve_on(
        second, "2026-10-20", curator=curator, director=director, time_machine=time_machine
    )

    point = point_with(order_document(second).points, "провести отбор")
    assert point == (
        "Конкурсной комиссии провести отбор наставников на основе заявлений и собеседований "
        "в срок, установленный приказом от 10.10.2026 № 1."
    )
    pdf = pdf_text(second.pdf_file.read())
    assert "15.11.2026" not in pdf and "04.12.2026" not in pdf


@pytest.mark.today("2026-10-01")
def test_the_roadmap_attached_to_an_order_does_not_date_work_already_done(
    programme, curator, director, time_machine
):
    implementation = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    approve_on(
        implementation, "2026-10-01", curator=curator, director=director, time_machine=time_machine
    )
    order = services.create_order(programme, OrderKind.REGULATIONS_ROADMAP, by=curator)

    order = approve_on(
        order, "2026-10-20", curator=curator, director=director, time_machine=time_machine
    )

    roadmap = next(part for part in order_document(order).attachments if part.table)
    rows = {row.cells[0]: row.cells[2] for row in roadmap.table.rows}
    item = RoadmapItem.objects.get(programme=programme, order_kind=OrderKind.IMPLEMENTATION)
    assert rows[item.number] == "выполнено: приказ от 01.10.2026 № 1"
    selection = RoadmapItem.objects.get(programme=programme, order_kind=OrderKind.COMMISSION)
    assert rows[selection.number] == f"{selection.deadline:%d.%m.%Y}"
    assert "01.10.2026" in pdf_text(order.pdf_file.read())


def test_relative_deadlines_are_recounted_and_others_kept():
    on = datetime.date(2026, 10, 20)
    assert within(21, on) == "в течение 21 дня со дня издания приказа (до 10.11.2026)"
    assert recount("в срок до 01.11.2026.", on) == "в срок до 01.11.2026."
    assert recount("В течение 2 недель со дня издания настоящего приказа (до 01.01.2020).", on) == (
        "В течение 2 недель со дня издания настоящего приказа (до 03.11.2026)."
    )
    assert recount("в течение 10 календарных дней со дня издания приказа", on) == (
        "в течение 10 календарных дней со дня издания приказа (до 30.10.2026)"
    )
