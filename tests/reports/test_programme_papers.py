"""The programme of mentoring (and the pairs order approving it), the agreement with a partner,
the protocols of the pedagogical council and the parents' meeting, and the памятки: built from
the school's data, read back from PDF and DOCX, converted in LibreOffice, and who may get them."""

import datetime

import pytest
from django.urls import reverse

from mentoring.models import User
from registry.models import Pair, Partner
from reports.builders.mentoring_programme import mentoring_programme_document
from reports.documents import render_official_pdf
from reports.orders import services
from reports.orders.rendering import order_document
from stages.models import MeetingProtocol, OrderKind

from ..documents import convert, docx_paragraphs, docx_text, pdf_pages, pdf_text
from ..registry.factories import ready_mentee, ready_student_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-10-15")]


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    if response["Content-Type"] == "application/pdf":
        return pdf_text(response).replace("- ", "-")
    return docx_text(response)


@pytest.fixture
def school_data(school):
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»"
    school.director_name = "Петрова Анна Сергеевна"
    school.phone = "+7 (800) 100-20-30"
    school.town = "г. Заречный"
    school.save()
    return school


@pytest.fixture
def pair(programme, school_data, forms, mentor_user):
    mentor = ready_student_mentor(programme.school, class_name="10А")
    mentor.participant.last_name, mentor.participant.first_name = "Андреев", "Кирилл"
    mentor.participant.user = mentor_user
    mentor.participant.save()
    mentee = ready_mentee(programme, class_name="6Б", last_name="Белых", first_name="Олег")
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["student_student"],
        role_model=forms["student_student"].role_models.first(),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([mentee])
    return pair


@pytest.fixture
def mentee_user(pair):
    user = User.objects.create_user("mentee_user", password="x", last_name="Белых")
    participant = pair.mentees.get().participant
    participant.user = user
    participant.save()
    return user


# Programme of mentoring -------------------------------------------------------------------------


def programme_url(programme, fmt):
    return reverse("reports:mentoring_programme_export", args=[programme.pk, fmt])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_programme_is_built_from_the_schools_data(client, curator, programme, pair, fmt):
    client.force_login(curator)
    text = text_of(client.get(programme_url(programme, fmt)))
    year = programme.year.name
    assert (
        "Программа наставничества в Муниципальном бюджетном общеобразовательном учреждении "
        f"«Средняя школа № 1» на {year} учебный год" in text
    )
    assert "УТВЕРЖДЕНА" in text and "приказом МБОУ «СОШ № 1»" in text
    for heading in (
        "1. Пояснительная записка",
        "3. Формы наставничества и ролевые модели",
        "5. Этапы реализации программы",
        "6. Дорожная карта реализации программы",
        "8. Ожидаемые результаты",
        "9. Мониторинг и оценка результатов",
    ):
        assert heading in text
    assert "Ученик – ученик" in text and pair.role_model.name in text
    assert "сформировано пар (групп): 1; в них наставников: 1, наставляемых: 1" in text
    assert "Директор школы (Петрова Анна Сергеевна)" in text
    assert f"Куратор программы наставничества ({curator.full_name})" in text
    assert "ежемесячно, 25-го числа" in text


def test_programme_without_pairs_names_the_planned_forms(client, curator, programme, school_data):
    programme.forms_in_use = "«Учитель – учитель»"
    programme.save()
    client.force_login(curator)
    text = text_of(client.get(programme_url(programme, "pdf")))
    assert "Формы наставничества, выбранные школой: «Учитель – учитель»" in text
    assert "Пары и группы ещё не сформированы" in text
    assert "от «___» ____________ 20__ г. № _____" in text


def test_pairs_order_approves_and_attaches_the_programme(programme, pair, curator, director):
    pair.status = Pair.Status.DRAFT
    pair.save()
    order = services.create_order(programme, OrderKind.PAIRS, by=curator)
    assert any("Утвердить программу наставничества" in p and "(приложение № 2)" in p
               for p in order.points)  # fmt: skip
    services.submit(order, by=curator)
    order = services.approve(order, by=director, today=datetime.date(2026, 10, 15))
    paper = order_document(order)
    programme_attachment = paper.attachments[1]
    assert programme_attachment.title.startswith("Программа наставничества в ")
    assert programme_attachment.approved == "УТВЕРЖДЕНА"
    assert "Приложение № 2" in paper.attachment_mark(2)
    headings = [section.heading for section in programme_attachment.sections]
    assert "3. Формы наставничества и ролевые модели" in headings
    text = pdf_text(order.pdf_file.read())
    assert "Утвердить программу наставничества" in text
    assert "Пояснительная записка" in text
    # Once approved, the programme on its own carries the order's grif.
    alone = pdf_text(render_official_pdf(mentoring_programme_document(programme)))
    assert f"от {order.order_date:%d.%m.%Y} № {order.number}" in alone


def test_programme_is_for_the_schools_staff(client, programme, pair, mentor_user, other_curator):
    for user in (mentor_user, other_curator):
        client.force_login(user)
        assert client.get(programme_url(programme, "pdf")).status_code == 404


# Agreement with a partner -----------------------------------------------------------------------


@pytest.fixture
def partner(school_data):
    return Partner.objects.create(
        school=school_data,
        name="ООО «Вектор»",
        head_position="Генеральный директор",
        head_name="Егоров Максим Игоревич",
        agreement_signed_on=datetime.date(2026, 9, 28),
    )


def agreement_url(programme, partner, fmt):
    return reverse("reports:partner_agreement", args=[programme.pk, partner.pk, fmt])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_agreement_names_the_parties_in_the_genitive(client, curator, programme, partner, fmt):
    client.force_login(curator)
    text = text_of(client.get(agreement_url(programme, partner, fmt)))
    assert (
        "СОГЛАШЕНИЕ" in text.replace(" ", "")
        and "о сотрудничестве в реализации программы наставничества" in text
    )
    assert "28.09.2026" in text and "г. Заречный" in text
    assert (
        "(далее – Школа) в лице директора Петровой Анны Сергеевны, действующей на основании Устава"
        in text
    )
    assert (
        "ООО «Вектор» (далее – Партнёр) в лице генерального директора Егорова Максима Игоревича, "
        "действующего на основании Устава" in text
    )
    assert "А.С. Петрова" in text and "М.И. Егоров" in text
    assert "1. Предмет Соглашения" in text and "152-ФЗ" in text


def test_agreement_of_another_schools_partner_is_404(
    client, curator, programme, other_school, other_curator, partner
):
    foreign = Partner.objects.create(school=other_school, name="АО «Чужое»")
    client.force_login(curator)
    assert client.get(agreement_url(programme, foreign, "pdf")).status_code == 404
    client.force_login(other_curator)
    assert client.get(agreement_url(programme, partner, "docx")).status_code == 404


def test_partner_page_links_the_agreement(client, curator, programme, partner):
    client.force_login(curator)
    page = client.get(reverse("registry:partner_list", args=[programme.pk])).content.decode()
    assert agreement_url(programme, partner, "docx") in page


# Protocols of the pedagogical council and the parents' meeting ---------------------------------


def protocol_form(**changes):
    data = {
        "kind": "teachers_council",
        "number": "2",
        "held_on": "2026-09-10",
        "chair": "Петрова Анна Сергеевна",
        "secretary": "Козлова Вера Ивановна",
        "present_count": "31",
        "agenda": "О подготовке программы наставничества\nО выборе форм наставничества",
        "heard": "Куратора о целевой модели наставничества и формах «Ученик – ученик».",
        "decided": "Одобрить подготовку программы\nПровести родительские собрания до 25.09.2026",
    }
    return {**data, **changes}


def test_curator_records_a_protocol_and_gets_its_papers(client, curator, programme, school_data):
    client.force_login(curator)
    listing = reverse("stages:protocol_list", args=[programme.pk])
    assert "Протоколов пока нет" in client.get(listing).content.decode()
    response = client.post(reverse("stages:protocol_create", args=[programme.pk]), protocol_form())
    assert response.status_code == 302
    protocol = MeetingProtocol.objects.get()
    assert protocol.roadmap_item.number == "1.3"
    assert protocol.updated_by == curator
    page = client.get(listing).content.decode()
    assert "Педагогический совет" in page and "10.09.2026" in page
    for fmt in ("pdf", "docx"):
        text = text_of(client.get(reverse("reports:council_protocol", args=[protocol.pk, fmt])))
        assert "ПРОТОКОЛ" in text.replace(" ", "") and "заседания педагогического совета" in text
        assert "10.09.2026" in text and "№ 2" in text and "г. Заречный" in text
        assert "Председатель – А.С. Петрова" in text and "Присутствовали: 31 чел." in text
        assert "1. О подготовке программы наставничества" in text
        assert "2. Провести родительские собрания до 25.09.2026" in text
    roadmap = client.get(reverse("stages:roadmap", args=[programme.pk])).content.decode()
    assert listing in roadmap


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"held_on": "2026-10-20"}, "held_on", "не может быть позже сегодняшней"),
        ({"held_on": "2025-05-10"}, "held_on", "учебного года"),
        ({"present_count": "0"}, "present_count", "хотя бы один человек"),
        ({"number": " № "}, "number", "Укажите номер протокола"),
        ({"chair": ""}, "chair", "Обязательное поле"),
    ],
)
def test_protocol_form_refuses_bad_input_in_russian(
    client, curator, programme, changes, field, message
):
    client.force_login(curator)
    response = client.post(
        reverse("stages:protocol_create", args=[programme.pk]), protocol_form(**changes)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not MeetingProtocol.objects.exists()


def test_protocol_number_is_unique_per_kind(client, curator, programme):
    client.force_login(curator)
    url = reverse("stages:protocol_create", args=[programme.pk])
    client.post(url, protocol_form())
    response = client.post(url, protocol_form())
    assert "уже есть в этом учебном году" in " ".join(response.context["form"].errors["number"])
    assert client.post(url, protocol_form(kind="parents_meeting")).status_code == 302
    assert MeetingProtocol.objects.count() == 2


def test_protocols_are_hidden_outside_the_school(
    client, curator, programme, other_curator, officer, mentor_user
):
    client.force_login(curator)
    client.post(reverse("stages:protocol_create", args=[programme.pk]), protocol_form())
    protocol = MeetingProtocol.objects.get()
    for user in (other_curator, officer, mentor_user):
        client.force_login(user)
        assert client.get(reverse("stages:protocol_list", args=[programme.pk])).status_code == 404
        paper = reverse("reports:council_protocol", args=[protocol.pk, "pdf"])
        assert client.get(paper).status_code == 404
        assert client.get(reverse("stages:protocol_edit", args=[protocol.pk])).status_code == 404


# Памятки ------------------------------------------------------------------------------------------


def test_mentor_memo_is_one_page_for_the_pair(client, mentor_user, pair, curator):
    client.force_login(mentor_user)
    response = client.get(reverse("reports:mentor_memo", args=[pair.pk]))
    text = text_of(response)
    assert len(pdf_pages(response)) == 1
    assert "ПАМЯТКА наставнику" in text
    assert "Наставник: Андреев К." in text and "Наставляемый: Белых О." in text
    assert "Встреча-планирование" in text and "дневник наставника" in text
    assert f"Куратор программы: {curator.full_name}, +7 (800) 100-20-30" in text


def test_mentee_gets_own_memo_but_not_the_mentors(client, mentee_user, pair):
    client.force_login(mentee_user)
    response = client.get(reverse("reports:mentee_memo", args=[pair.pk]))
    text = text_of(response)
    assert len(pdf_pages(response)) == 1
    assert "ПАМЯТКА наставляемому" in text and "дневник наставляемого" in text
    assert client.get(reverse("reports:mentor_memo", args=[pair.pk])).status_code == 403


def test_memos_of_another_schools_pair_are_404(client, other_curator, pair):
    client.force_login(other_curator)
    for name in ("reports:mentor_memo", "reports:mentee_memo"):
        assert client.get(reverse(name, args=[pair.pk])).status_code == 404


# LibreOffice ------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_new_docx_papers_convert_in_libreoffice(client, curator, programme, pair, partner):
    client.force_login(curator)
    client.post(reverse("stages:protocol_create", args=[programme.pk]), protocol_form())
    protocol = MeetingProtocol.objects.get()
    urls = {
        "programme": programme_url(programme, "docx"),
        "agreement": agreement_url(programme, partner, "docx"),
        "protocol": reverse("reports:council_protocol", args=[protocol.pk, "docx"]),
    }
    expected = {
        "programme": "Пояснительная записка",
        "agreement": "Предмет Соглашения",
        "protocol": "РЕШИЛИ",
    }
    for kind, url in urls.items():
        response = client.get(url)
        assert any(expected[kind] in line for line in docx_paragraphs(response))
        assert expected[kind] in pdf_text(convert(response, "docx")), kind
