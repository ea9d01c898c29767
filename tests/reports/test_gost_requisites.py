"""ГОСТ Р 7.0.97-2016 requisites of the school's papers, read back from the PDF and DOCX files:
the place of compilation, page numbers, attachment marks, grifs of approval, the acquainted list,
and the outgoing numbers and «Исполнитель» of letters."""

import datetime
import io

import docx
import pdfplumber
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from registry.models import Award, Mentor, Partner
from reports.builders.letters import partner_letter_document
from reports.builders.roadmap import roadmap_document
from reports.documents import render_official_docx, render_official_pdf, render_pdf, render_xlsx
from reports.models import OutgoingDocument, decliner_for
from reports.orders import services
from reports.orders.drafting import signer_name
from reports.orders.rendering import order_document
from reports.outgoing.services import register_outgoing
from reports.regulation.services import regulation_document
from stages.models import OrderKind
from tests.documents import convert, docx_paragraphs, pdf_pages, pdf_text, xlsx_rows
from tests.registry.factories import (
    MentorFactory,
    ParticipantFactory,
)
from tests.reports.test_order_numbering import needs_postgresql, run_together

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 9, 15)
MARK = "Приложение № {n} к приказу МБОУ «СОШ № 1» от 15.09.2026 № {number}"


@pytest.fixture
def town(school):
    school.town = "г. Энск"
    school.save(update_fields=["town"])
    return school


def approved(programme, kind, curator, director, day=DAY):
    order = services.create_order(programme, kind, by=curator, today=day)
    services.submit(order, by=curator)
    return services.approve(order, by=director, today=day)


def page_tops(pdf: bytes) -> list[str]:
    """The text in the top margin (above 20 mm) of each page, and whether it is centred."""
    tops = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            words = [w for w in page.extract_words() if w["bottom"] < 20 * 72 / 25.4]
            for word in words:
                middle = (word["x0"] + word["x1"]) / 2
                left, right = 30 * 72 / 25.4, page.width - 15 * 72 / 25.4
                assert abs(middle - (left + right) / 2) < 5, "the number is not centred"
            tops.append(" ".join(word["text"] for word in words))
    return tops


def files(order) -> tuple[bytes, bytes]:
    return order.pdf_file.read(), order.docx_file.read()


@pytest.fixture
def regulations_order(programme, curator, director, town):
    return approved(programme, OrderKind.REGULATIONS_ROADMAP, curator, director)


def test_the_place_follows_the_kind_and_the_date_line(regulations_order):
    pdf, document = files(regulations_order)
    # The kind is letter-spaced in the PDF: the order of the lines is read without spaces.
    first = "".join(pdf_pages(pdf)[0].split())
    kind, dateline = first.index("ПРИКАЗ"), first.index("15.09.2026№1")
    assert kind < dateline < first.index("г.Энск") < first.index("ОбутвержденииПоложения")
    lines = [line for line in docx_paragraphs(document) if line.strip()]
    place = lines.index("г. Энск")
    assert lines[place - 2] == "ПРИКАЗ" and lines[place - 1] == "15.09.2026\t№ 1"


def test_pages_are_numbered_from_the_second_at_the_top(regulations_order):
    pdf, document = files(regulations_order)
    tops = page_tops(pdf)
    assert len(tops) > 3
    assert tops[0] == ""
    assert tops[1:] == [str(number) for number in range(2, len(tops) + 1)]
    assert "стр." not in pdf_text(pdf)

    section = docx.Document(io.BytesIO(document)).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centre
    instructions = [node.text.strip() for node in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert all(not p.text for p in section.footer.paragraphs)


def test_the_regulation_is_attached_with_its_mark_and_grif(regulations_order):
    pdf, document = files(regulations_order)
    text = pdf_text(pdf)
    grif = "УТВЕРЖДЕНО приказом МБОУ «СОШ № 1» от 15.09.2026 № 1"
    assert f"{MARK.format(n=1, number=1)} {grif} ПОЛОЖЕНИЕ о наставничестве" in text
    assert f"{MARK.format(n=2, number=1)} УТВЕРЖДЕНА приказом МБОУ «СОШ № 1»" in text
    assert "Общие положения" in text.split(MARK.format(n=1, number=1))[1]
    points = " ".join(regulations_order.points)
    assert "(приложение № 1)" in points and "(приложение № 2)" in points
    assert "прилагается" not in points

    paragraphs = docx_paragraphs(document)
    assert (
        "Приложение № 1\nк приказу МБОУ «СОШ № 1»\nот 15.09.2026 № 1\nУТВЕРЖДЕНО\n"
        "приказом МБОУ «СОШ № 1»\nот 15.09.2026 № 1"
    ) in paragraphs
    assert any(p.startswith("ПОЛОЖЕНИЕ о наставничестве") for p in paragraphs)


def test_every_attachment_of_every_kind_is_referred_to_by_its_number(
    programme, curator, forms, today
):
    for kind in OrderKind.values:
        if kind == OrderKind.TEACHER_MENTOR:
            continue
        order = services.create_order(programme, kind, by=curator, today=today)
        document = order_document(order, on=today)
        text = " ".join(document.points)
        for number in range(1, len(document.attachments) + 1):
            referred = f"(приложение № {number})" in text or f"приложению № {number}" in text
            assert referred, (kind, text)
            assert document.attachment_mark(number)[0] == f"Приложение № {number}"


def test_a_draft_attachment_mark_leaves_date_and_number_blank(programme, curator, today):
    order = services.create_order(programme, OrderKind.REGULATIONS_ROADMAP, by=curator)
    mark = order_document(order, on=today).attachment_mark(2)
    assert mark[:3] == [
        "Приложение № 2",
        "к приказу МБОУ «СОШ № 1»",
        "от «___» ____________ 20__ г. № _____",
    ]


def test_the_regulation_and_the_roadmap_carry_the_grif_once_approved(programme, curator, director):
    assert regulation_document(programme).approval == []
    assert roadmap_document(programme, today=DAY).approval == []
    assert "УТВЕРЖДЕН" not in pdf_text(render_official_pdf(regulation_document(programme)))

    approved(programme, OrderKind.REGULATIONS_ROADMAP, curator, director)

    regulation = regulation_document(programme)
    text = pdf_text(render_official_pdf(regulation))
    grif = "УТВЕРЖДЕНО приказом МБОУ «СОШ № 1» от 15.09.2026 № 1"
    assert grif in text and text.index(grif) < text.index("ПОЛОЖЕНИЕ о наставничестве")
    assert "УТВЕРЖДЕНО\nприказом МБОУ «СОШ № 1»\nот 15.09.2026 № 1" in docx_paragraphs(
        render_official_docx(regulation)
    )
    roadmap = roadmap_document(programme, today=DAY)
    assert "УТВЕРЖДЕНА приказом МБОУ «СОШ № 1» от 15.09.2026 № 1" in pdf_text(render_pdf(roadmap))
    cells = [row[0] for row in xlsx_rows(render_xlsx(roadmap))]
    assert cells[1:4] == ["УТВЕРЖДЕНА", "приказом МБОУ «СОШ № 1»", "от 15.09.2026 № 1"]


def test_the_acquainted_are_the_people_concerned_not_the_director(
    programme, curator, director, school
):
    teacher = MentorFactory(
        participant=ParticipantFactory(
            school=school, last_name="Ковалёва", first_name="Анна", middle_name="Ильинична"
        ),
        status=Mentor.Status.SELECTED,
    )
    Award.objects.create(
        programme=programme, kind=Award.Kind.BEST_MENTOR, mentor=teacher, awarded_on=DAY
    )
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        recipient_name=school.director_name,
        awarded_on=DAY,
    )
    order = approved(programme, OrderKind.AWARDS, curator, director)

    assert order.acquainted == [signer_name(curator.full_name), "А.И. Ковалёва"]
    assert all("Воронцова" not in name for name in order.acquainted)
    text = pdf_text(order.pdf_file.read())
    acquainted = text.split("С приказом ознакомлены:")[1].split("Приложение № 1")[0]
    assert "А.И. Ковалёва" in acquainted and "Воронцова" not in acquainted
    assert "«___» ________ 20__ г." in acquainted


def test_minors_are_not_asked_to_sign(programme, curator, director, forms):
    from registry.models import Pair
    from tests.registry.factories import ready_mentee, ready_student_mentor

    mentor = ready_student_mentor(programme.school)
    pair = Pair.objects.create(programme=programme, mentor=mentor, form=forms["student_student"])
    pair.mentees.set([ready_mentee(programme)])
    order = services.create_order(programme, OrderKind.PAIRS, by=curator, today=DAY)
    assert order.acquainted == [signer_name(curator.full_name)]


# Letters: the register of outgoing documents ---------------------------------------------------


@pytest.fixture
def partner(school):
    return Partner.objects.create(
        school=school,
        name="ООО «Энский завод»",
        head_position="Директор",
        head_name="Орлов Пётр Ильич",
    )


def test_outgoing_numbers_follow_one_another_per_school_and_year(school, other_school):
    def number(target, day):
        return register_outgoing(
            target, addressee="Кому-то", subject="О чём-то", by=None, on=day
        ).number

    assert [number(school, DAY) for _ in range(3)] == [1, 2, 3]
    assert number(other_school, DAY) == 1
    assert number(school, datetime.date(2027, 1, 10)) == 1
    assert number(school, DAY) == 4


@pytest.mark.today("2026-10-15")
def test_a_registered_letter_carries_its_number_date_and_executor(
    client, programme, curator, partner, school
):
    school.phone = "8 (800) 100-20-30"
    school.save(update_fields=["phone"])
    curator.email = "timofeeva@school.example"
    curator.save(update_fields=["email"])
    blank = partner_letter_document(programme, partner, decliner_for(school))
    assert blank.number_text == "№ _____"

    client.force_login(curator)
    url = reverse("reports:partner_letter_register", args=[programme.pk, partner.pk])
    page = client.post(url, follow=True).content.decode()
    today = datetime.date(2026, 10, 15)
    assert f"исх. № 1 от {today:%d.%m.%Y}" in page
    client.post(url)
    assert OutgoingDocument.objects.filter(school=school).count() == 1
    partner.refresh_from_db()
    assert partner.letter_sent_on == today

    letter_url = reverse("reports:partner_letter", args=[programme.pk, partner.pk, "pdf"])
    text = pdf_text(client.get(letter_url))
    assert f"{today:%d.%m.%Y} № 1" in text
    executor = text.split("Исполнитель:")[1]
    assert curator.full_name in executor
    assert "тел. 8 (800) 100-20-30" in executor and "timofeeva@school.example" in executor
    docx_url = reverse("reports:partner_letter", args=[programme.pk, partner.pk, "docx"])
    assert any(line.startswith("Исполнитель: ") for line in docx_paragraphs(client.get(docx_url)))


def test_the_register_page_lists_pages_and_an_empty_state(
    client, programme, curator, other_curator, school
):
    client.force_login(curator)
    url = reverse("reports:outgoing_list", args=[programme.pk])
    assert "Исходящих документов пока нет" in client.get(url).content.decode()
    for index in range(55):
        register_outgoing(
            school, addressee=f"Адресат {index + 1}", subject="О наставниках", by=curator, on=DAY
        )
    first = client.get(url).content.decode()
    assert "Адресат 55<" in first and "Адресат 1<" not in first and "Всего: 55" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Адресат 1<" in second
    client.force_login(other_curator)
    assert client.get(url).status_code == 404


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_take_distinct_numbers(reference_data, school):
    results = run_together(
        [
            lambda: register_outgoing(school, addressee="А", subject="Б", by=None, on=DAY)
            for _ in range(8)
        ]
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    numbers = sorted(
        OutgoingDocument.objects.filter(school=school).values_list("number", flat=True)
    )
    assert numbers == list(range(1, 9))


@pytest.mark.libreoffice
def test_an_order_with_attachments_converts_in_libreoffice(regulations_order):
    _, document = files(regulations_order)
    text = pdf_text(convert(document, "docx"))
    assert "Приложение № 1" in text and "Приложение № 2" in text
    assert "УТВЕРЖДЕНО" in text and "г. Энск" in text
    tops = page_tops(convert(document, "docx"))
    assert tops[0] == "" and tops[1] == "2"
