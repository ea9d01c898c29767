"""Consent forms prefilled per person and the mentor's portfolio: read back from PDF and DOCX,
and who may get them."""

import datetime

import pytest
from django.urls import reverse

from mentoring.models import Role
from registry.models import (
    Award,
    Certificate,
    Consent,
    Meeting,
    Mentor,
    Pair,
    TrainingCertificate,
)
from tests.documents import convert, docx_paragraphs, docx_text, pdf_text

from ..factories import member
from ..registry.factories import (
    CertificateFactory,
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
    TrainingCourseFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-10-15")]


@pytest.fixture
def school_data(school):
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»"
    school.address = "г. Заречный, ул. Школьная, 1"
    school.save()
    school.municipality.centre_name = "Заречный муниципальный наставнический центр"
    school.municipality.save()
    return school


@pytest.fixture
def child(programme, school_data):
    """A mentee of 13 whose mother signed an earlier consent."""
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=school_data,
            last_name="Смирнова",
            first_name="Ольга",
            middle_name="Сергеевна",
            birth_date=datetime.date(2013, 3, 12),
            class_name="7Б",
        ),
    )
    ConsentFactory(
        participant=mentee.participant,
        kind=Consent.Kind.PERSONAL_DATA,
        given_by=Consent.GivenBy.REPRESENTATIVE,
        representative_name="Смирнова Елена Петровна",
        signed_on=datetime.date(2026, 9, 10),
    )
    return mentee.participant


@pytest.fixture
def adult(school_data):
    mentor = MentorFactory(
        participant=ParticipantFactory(
            school=school_data,
            last_name="Андреев",
            first_name="Кирилл",
            middle_name="Сергеевич",
            birth_date=datetime.date(1985, 3, 14),
            position="учитель",
            subject="физика",
        )
    )
    return mentor.participant


def consent_url(participant, fmt):
    return reverse("reports:consent_form", args=[participant.pk, fmt])


def test_parent_form_names_the_child_in_the_genitive_and_the_operator(client, curator, child):
    client.force_login(curator)
    response = client.get(consent_url(child, "pdf"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Согласие родителя (законного представителя) на обработку персональных данных" in text
    assert "Я, Смирнова Елена Петровна, паспорт серия __________ № __________" in text
    assert "зарегистрированная по адресу" in text
    assert "несовершеннолетней Смирновой Ольги Сергеевны, 12.03.2013 г. р., обучающейся 7Б" in text
    assert (
        "даю согласие Муниципальному бюджетному общеобразовательному учреждению "
        "«СОШ № 1» (адрес: г. Заречный, ул. Школьная, 1; далее — Оператор)" in text
    )
    assert "Цель обработки: организация и осуществление наставничества" in text
    assert "индивидуальный план развития и записи дневника наставляемого" in text
    assert "Заречный муниципальный наставнический центр (Заречный муниципальный округ)" in text
    assert "может быть отозвано в любое время письменным заявлением" in text
    assert f"на {child.school.programmes.get().year.name} учебный год в роли наставляемого" in text
    assert "Е.П. Смирнова" in text
    # A child's consent carries no criminal-record certificate.
    assert "судимости" not in text


def test_parent_form_leaves_an_unknown_parent_blank(client, curator, programme, school_data):
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=school_data, last_name="Белов", first_name="Олег", middle_name="Ильич"
        ),
    )
    client.force_login(curator)
    text = docx_text(client.get(consent_url(mentee.participant, "docx")))
    assert "Я, ______________________________, паспорт серия" in text
    assert "зарегистрированный(-ая) по адресу" in text
    assert "несовершеннолетнего Белова Олега Ильича" in text
    assert "обучающегося 7Б класса" in text


def test_adult_form_for_a_mentor(client, director, adult):
    CertificateFactory(participant=adult)
    client.force_login(director)
    text = pdf_text(client.get(consent_url(adult, "pdf")))
    assert "Согласие на обработку персональных данных участника программы наставничества" in text
    assert "Я, Андреев Кирилл Сергеевич, 14.03.1985 г. р., паспорт серия" in text
    assert "зарегистрированный по адресу" in text
    assert "в роли наставника" in text
    assert "сведения о наличии (отсутствии) судимости (справка)" in text
    assert "К.С. Андреев" in text
    assert "родителя" not in text
    paragraphs = docx_paragraphs(client.get(consent_url(adult, "docx")))
    assert any(p.startswith("1) фамилия, имя, отчество;") for p in paragraphs)


def test_consent_form_is_for_the_schools_staff_only(client, request, school, child, adult):
    for outsider in (
        request.getfixturevalue("other_curator"),
        request.getfixturevalue("officer"),
        member(Role.MENTOR, school, username="a_mentor"),
    ):
        client.force_login(outsider)
        assert client.get(consent_url(child, "pdf")).status_code == 404
    client.force_login(request.getfixturevalue("working_group"))
    assert "Смирновой Ольги" in pdf_text(client.get(consent_url(child, "pdf")))


def test_cards_link_the_consent_form(client, curator, child):
    client.force_login(curator)
    page = client.get(reverse("registry:participant_detail", args=[child.pk])).content.decode()
    assert consent_url(child, "pdf") in page
    assert consent_url(child, "docx") in page


@pytest.mark.libreoffice
def test_consent_form_docx_converts(client, curator, child):
    client.force_login(curator)
    converted = pdf_text(convert(client.get(consent_url(child, "docx")), "docx"))
    assert "Смирновой Ольги Сергеевны" in converted


# Portfolio ------------------------------------------------------------------------------------


@pytest.fixture
def portfolio_mentor(programme, adult, mentor_user, forms):
    mentor = Mentor.objects.get(participant=adult)
    mentor.status = Mentor.Status.ACTIVE
    mentor.registry_note = "Приказ от 01.09.2026 № 12"
    mentor.portfolio = "Победитель конкурса «Учитель года — 2025»\nАвтор сборника задач"
    mentor.save()
    adult.user = mentor_user
    adult.save()
    course = TrainingCourseFactory(
        programme=programme,
        title="Школа наставников",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 9, 20),
    )
    course.participants.add(mentor)
    TrainingCertificate.objects.create(
        course=course, mentor=mentor, number="ШН-17", hours=16, issued_on=datetime.date(2026, 9, 21)
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([MenteeFactory(programme=programme, participant__last_name="Романова")])
    for day in (datetime.date(2026, 9, 25), datetime.date(2026, 10, 9)):
        Meeting.objects.create(pair=pair, held_on=day, topic="Разбор задач")
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=mentor,
        awarded_on=datetime.date(2026, 10, 1),
        note="за подготовку призёров олимпиады",
    )
    Certificate.objects.create(
        participant=adult,
        kind=Certificate.Kind.CRIMINAL_RECORD,
        number="77/00042",
        issued_on=datetime.date(2026, 8, 20),
    )
    return mentor


def portfolio_url(mentor, fmt):
    return reverse("reports:mentor_portfolio", args=[mentor.pk, fmt])


def test_portfolio_holds_record_training_pairs_meetings_awards_certificates(
    client, curator, portfolio_mentor
):
    client.force_login(curator)
    text = pdf_text(client.get(portfolio_url(portfolio_mentor, "pdf")))
    assert "Портфолио наставника" in text
    assert "Фамилия, имя, отчество: Андреев Кирилл Сергеевич." in text
    assert "Статус в базе наставников: работает с наставляемыми." in text
    assert "Основание включения в реестр наставников: Приказ от 01.09.2026 № 12." in text
    assert "Школа наставников" in text and "№ ШН-17 от 21.09.2026" in text
    assert portfolio_mentor.pairs.get().form.name in text
    mentee = portfolio_mentor.pairs.get().mentees.get().participant
    assert mentee.short_name in text
    assert mentee.full_name not in text  # a child is named by initials only
    assert "25.09.2026" in text and "09.10.2026" in text
    assert "Грамота «Лучший наставник»" in text
    assert "за подготовку призёров олимпиады" in text
    assert "Справка об отсутствии судимости" in text and "77/00042" in text
    assert "Победитель конкурса «Учитель года — 2025»" in text
    rows = docx_paragraphs(client.get(portfolio_url(portfolio_mentor, "docx")))
    assert "ШН-17" in " ".join(rows)
    assert "2" in rows  # the number of meetings in the pairs' table


def test_the_mentor_gets_their_own_portfolio_and_no_one_elses(
    client, school, mentor_user, portfolio_mentor
):
    client.force_login(mentor_user)
    assert "Андреев Кирилл Сергеевич" in pdf_text(
        client.get(portfolio_url(portfolio_mentor, "pdf"))
    )
    other = MentorFactory(participant=ParticipantFactory(school=school))
    assert client.get(portfolio_url(other, "pdf")).status_code == 404


@pytest.mark.parametrize("outsider", ["other_curator", "officer"])
def test_portfolio_is_hidden_from_outsiders(client, request, portfolio_mentor, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(portfolio_url(portfolio_mentor, "docx")).status_code == 404


def test_mentor_card_links_the_portfolio(client, curator, portfolio_mentor):
    client.force_login(curator)
    page = client.get(reverse("registry:mentor_detail", args=[portfolio_mentor.pk]))
    assert portfolio_url(portfolio_mentor, "pdf") in page.content.decode()


@pytest.mark.libreoffice
def test_portfolio_docx_converts(client, curator, portfolio_mentor):
    client.force_login(curator)
    converted = pdf_text(convert(client.get(portfolio_url(portfolio_mentor, "docx")), "docx"))
    assert "Портфолио наставника" in converted
