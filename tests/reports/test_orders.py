"""Orders: drafting from data, the director's workflow, numbering, freezing and effects."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Membership, Role
from registry.models import Mentor, MentoringForm, Pair
from reports.models import NameOverride, Order, OrderEvent
from reports.orders import services
from reports.orders.rendering import order_document
from stages.models import OrderKind, RoadmapItem
from tests.events import events_log  # noqa: F401
from tests.factories import member
from tests.registry.factories import (
    InterviewFactory,
    MentorFactory,
    ParticipantFactory,
    ready_mentee,
    ready_student_mentor,
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def recommended(programme):
    """A candidate the commission recommended: ready for the registry order."""
    mentor = MentorFactory(
        participant=ParticipantFactory(
            school=programme.school,
            last_name="Ковалёва",
            first_name="Анна",
            middle_name="Ильинична",
        ),
        status=Mentor.Status.INTERVIEWED,
    )
    InterviewFactory(mentor=mentor, programme=programme)
    return mentor


def submitted(order, by):
    return services.submit(order, by=by)


def test_registry_order_full_cycle(programme, curator, director, recommended):
    order = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    assert list(order.mentors.all()) == [recommended]
    document = order_document(order)
    assert document.is_draft and document.number == ""
    assert document.attachments[0].table.rows[0].cells[1] == "Ковалёва Анна Ильинична"
    assert "Куратору программы наставничества Тимофеевой" in " ".join(order.points)

    services.submit(order, by=curator)
    services.return_order(order, by=director, comment="Добавьте срок в пункт 2")
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED
    assert order.events.filter(action=OrderEvent.Action.RETURNED).get().comment == (
        "Добавьте срок в пункт 2"
    )
    order.points[1] += " в срок до 01.10."
    order.save()
    services.submit(order, by=curator)
    order = services.approve(order, by=director, today=datetime.date(2026, 9, 15))

    assert (order.number, order.number_year, order.order_date) == (
        1,
        2026,
        datetime.date(2026, 9, 15),
    )
    recommended.refresh_from_db()
    assert recommended.status == Mentor.Status.SELECTED
    assert recommended.registry_note == "Приказ от 15.09.2026 № 1"
    items = RoadmapItem.objects.filter(programme=programme, order_kind=OrderKind.MENTOR_REGISTRY)
    assert items and all(item.status == RoadmapItem.Status.DONE for item in items)
    assert set(order.roadmap_items.all()) == set(items)
    assert "№ 1" in items[0].evidence_note

    pdf = pdf_text(order.pdf_file.read())
    assert "ПРИКАЗ" in pdf and "15.09.2026" in pdf and "№ 1" in pdf
    assert pdf.index("ПРИКАЗЫВАЮ") < pdf.index("Ковалёва Анна Ильинична")
    assert "ПРОЕКТ" not in pdf
    assert "в срок до 01.10." in docx_text(order.docx_file.read())


def test_approved_order_does_not_change_with_the_data(
    programme,
    curator,
    director,
    recommended,
    events_log,  # noqa: F811
):
    order = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    services.submit(order, by=curator)
    order = services.approve(order, by=director)
    stored_pdf = order.pdf_file.read()
    assert [(line["event"], line["user"]) for line in events_log.lines] == [
        ("order.created", curator.pk),
        ("order.submitted", curator.pk),
        ("order.approved", director.pk),
    ]
    assert events_log.named("order.approved")[0]["number"] == order.number

    participant = recommended.participant
    participant.last_name = "Петрова"
    participant.save()
    programme.school.full_name = "Переименованная школа"
    programme.school.save()

    order.refresh_from_db()
    document = order_document(order)
    assert document.attachments[0].table.rows[0].cells[1] == "Ковалёва Анна Ильинична"
    assert document.organisation != "Переименованная школа"
    assert "Петрова" not in pdf_text(stored_pdf)
    response_pdf = order.pdf_file.open("rb").read()
    assert response_pdf == stored_pdf
    with pytest.raises(services.OrderError):
        services.regenerate(order, by=curator)


def test_problems_block_submission(programme, curator):
    order = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    with pytest.raises(services.OrderError) as error:
        services.submit(order, by=curator)
    assert "Выберите наставников для включения в реестр." in error.value.problems
    not_interviewed = MentorFactory(participant=ParticipantFactory(school=programme.school))
    order.mentors.add(not_interviewed)
    problems = services.order_problems(order)
    assert any("не проходил собеседование" in problem for problem in problems)


def test_curator_order_records_the_curator(programme, curator, director):
    teacher = member(
        Role.WORKING_GROUP,
        programme.school,
        username="teacher",
        last_name="Шевчук",
        first_name="Ольга",
        middle_name="Ивановна",
    )
    order = services.create_order(programme, OrderKind.CURATOR, by=curator)
    order.curator = teacher
    order.curator_position = "учитель математики"
    order.save()
    services.regenerate(order, by=curator)
    order.refresh_from_db()
    assert "куратором" in order.points[0]
    assert order.points[0].startswith(
        "Назначить Шевчук Ольгу Ивановну, учителя математики, куратором внедрения"
    )
    services.submit(order, by=curator)
    order = services.approve(order, by=director)
    programme.refresh_from_db()
    assert programme.curator == teacher
    assert programme.curator_basis == order.reference
    assert Membership.objects.filter(
        user=teacher, school=programme.school, role=Role.CURATOR
    ).exists()


def test_pairs_order_approves_its_pairs(programme, curator, director, forms):
    mentor = ready_student_mentor(programme.school, class_name="10А")
    mentee = ready_mentee(programme, class_name="6Б")
    pair = Pair.objects.create(programme=programme, mentor=mentor, form=forms["student_student"])
    pair.mentees.set([mentee])
    order = services.create_order(programme, OrderKind.PAIRS, by=curator)
    assert list(order.pairs.all()) == [pair]
    services.submit(order, by=curator)
    order = services.approve(order, by=director)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.APPROVED
    assert pair.approval_note == order.reference


def test_numbers_follow_each_other_per_school_and_year(
    programme, other_programme, curator, director, other_curator
):
    other_director = member(Role.DIRECTOR, other_programme.school, username="other_director")
    numbers = []
    for _ in range(3):
        order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
        services.submit(order, by=curator)
        numbers.append(services.approve(order, by=director).number)
    assert numbers == [1, 2, 3]
    other = services.create_order(other_programme, OrderKind.IMPLEMENTATION, by=other_curator)
    services.submit(other, by=other_curator)
    assert services.approve(other, by=other_director).number == 1


# Views ---------------------------------------------------------------------------------------


def test_views_walk_the_cycle(client, programme, curator, director, recommended):
    client.force_login(curator)
    response = client.post(
        reverse("reports:order_create", args=[programme.pk]), {"kind": "mentor_registry"}
    )
    order = Order.objects.get()
    assert response["Location"] == reverse("reports:order_edit", args=[order.pk])
    page = client.get(reverse("reports:order_edit", args=[order.pk]))
    assert "Ковалёва Анна Ильинична" in page.content.decode()
    response = client.post(
        reverse("reports:order_edit", args=[order.pk]),
        {
            "title": "Об утверждении реестра наставников",
            "preamble": order.preamble,
            "points_text": "Утвердить реестр.\nКонтроль оставляю за собой.",
            "acquainted_text": "Тимофеева М.А.",
            "mentors": [recommended.pk],
            "signer_position": "Директор",
            "signer_name": "Е.П. Воронцова",
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.points == ["Утвердить реестр.", "Контроль оставляю за собой."]
    client.post(reverse("reports:order_submit", args=[order.pk]))
    assert client.post(reverse("reports:order_approve", args=[order.pk])).status_code == 403

    client.force_login(director)
    dashboard = client.get(reverse("reports:school_dashboard", args=[programme.school_id]))
    assert "Ожидают вашего утверждения" in dashboard.content.decode()
    assert order.title in dashboard.content.decode()
    client.post(reverse("reports:order_approve", args=[order.pk]))
    order.refresh_from_db()
    assert order.is_approved
    pdf = client.get(reverse("reports:order_file", args=[order.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    documents_page = client.get(reverse("reports:documents", args=[programme.pk]))
    assert f"№ {order.number}" in documents_page.content.decode()


def test_return_needs_a_comment(client, programme, curator, director):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    services.submit(order, by=curator)
    client.force_login(director)
    response = client.post(
        reverse("reports:order_return", args=[order.pk]), {"comment": " "}, follow=True
    )
    assert "без комментария приказ не возвращается" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED


def test_access(client, programme, curator, director, working_group, other_curator, officer):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    services.submit(order, by=curator)
    detail = reverse("reports:order_detail", args=[order.pk])
    for outsider in (other_curator, officer):
        client.force_login(outsider)
        assert client.get(detail).status_code == 404
        assert client.post(reverse("reports:order_approve", args=[order.pk])).status_code == 404
    client.force_login(working_group)
    assert client.get(detail).status_code == 200
    assert client.post(reverse("reports:order_approve", args=[order.pk])).status_code == 403
    assert (
        client.post(
            reverse("reports:order_create", args=[programme.pk]), {"kind": "implementation"}
        ).status_code
        == 403
    )
    client.force_login(curator)
    assert client.post(reverse("reports:order_approve", args=[order.pk])).status_code == 403
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED


def test_the_director_approves_but_does_not_draft(client, programme, curator, director):
    """Separation of duties (order.draft is the curator's): the director never approves a draft
    of their own."""
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    client.force_login(director)
    documents_page = client.get(reverse("reports:documents", args=[programme.pk])).content.decode()
    assert reverse("reports:order_create", args=[programme.pk]) not in documents_page
    detail = client.get(reverse("reports:order_detail", args=[order.pk])).content.decode()
    assert reverse("reports:order_edit", args=[order.pk]) not in detail
    assert reverse("reports:order_submit", args=[order.pk]) not in detail
    create = reverse("reports:order_create", args=[programme.pk])
    assert client.post(create, {"kind": "implementation"}).status_code == 403
    for name in ("order_edit", "order_regenerate", "order_submit", "order_delete"):
        assert client.post(reverse(f"reports:{name}", args=[order.pk])).status_code == 403, name
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert Order.objects.count() == 1


def test_draft_downloads_are_marked_as_drafts(client, programme, curator):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    client.force_login(curator)
    pdf = client.get(reverse("reports:order_file", args=[order.pk, "pdf"]))
    assert "ПРОЕКТ" in pdf_text(pdf.content)
    word = client.get(reverse("reports:order_file", args=[order.pk, "docx"]))
    assert "ПРОЕКТ" in docx_text(word.content)
    forged = reverse("reports:order_file", args=[order.pk, "pdf"]).replace(".pdf", ".exe")
    assert client.get(forged).status_code == 404
    assert client.get(reverse("reports:order_file", args=[order.pk, "xlsx"])).status_code == 404


def test_no_order_form_is_ever_a_stub(programme, curator, director, forms):
    """Every kind drafts a title, a preamble and points."""
    for kind in OrderKind.values:
        order = services.create_order(programme, kind, by=curator)
        assert order.title and order.preamble.startswith("В соответствии") and order.points
        assert order.points[-1].startswith("Контроль за исполнением")
    assert MentoringForm.objects.exists()


def test_name_override_returns_only_to_this_site(client, programme, curator):
    client.force_login(curator)
    url = reverse("reports:name_overrides", args=[programme.school_id])
    data = {"nominative": "Гусь Ольга Кирилловна", "genitive": "Гусь Ольги Кирилловны"}
    for hostile in ("/\\evil.example/", "https://evil.example/", "/orders/1/\nSet-Cookie: x=1"):
        response = client.post(url, {**data, "next": hostile})
        assert response.status_code == 302
        location = response["Location"]
        assert location == url or location.startswith("/orders/1/%0A"), location
        assert "x" not in response.cookies
        client.post(reverse("reports:name_override_delete", args=[NameOverride.objects.get().pk]))
    response = client.post(url, {**data, "next": "/orders/1/"})
    assert response["Location"] == "/orders/1/"


def test_the_registry_candidates_list_asks_for_interviews_once(
    client, programme, curator, django_assert_max_num_queries
):
    for _ in range(6):
        InterviewFactory(
            mentor=MentorFactory(
                participant=ParticipantFactory(school=programme.school),
                status=Mentor.Status.INTERVIEWED,
            ),
            programme=programme,
        )
    order = services.create_order(programme, OrderKind.MENTOR_REGISTRY, by=curator)
    client.force_login(curator)
    url = reverse("reports:order_edit", args=[order.pk])
    client.get(url)
    with django_assert_max_num_queries(25) as captured:
        page = client.get(url)
    assert page.status_code == 200
    interview_queries = [q for q in captured.captured_queries if "registry_interview" in q["sql"]]
    assert len(interview_queries) <= 2
