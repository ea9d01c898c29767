"""Papers of teacher mentoring (ТК РФ, ст. 351.8): the consent, the supplementary agreement, the
order assigning a mentor to a young specialist and the month's payments list, read back."""

import datetime

import pytest
from django.urls import reverse

from registry.models import MentoringDuty, Pair
from reports.builders.teacher_mentoring import agreement_document, consent_document
from reports.documents import render_official_docx, render_official_pdf, render_xlsx
from reports.models import decliner_for
from reports.orders import services
from stages.models import OrderKind
from tests.documents import SOFFICE, convert, docx_paragraphs, docx_text, pdf_text, xlsx_rows
from tests.registry.factories import MenteeFactory
from tests.registry.teacher_mentoring_world import (
    agreement,
    mentoring_consent,
    teacher_mentor,
    young_specialist,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def mentor(programme):
    school = programme.school
    school.town = "р.п. Многовершинный"
    school.save(update_fields=["town"])
    return teacher_mentor(school)


@pytest.fixture
def specialist(programme):
    return young_specialist(programme.school)


@pytest.fixture
def signed(mentor, specialist):
    mentoring_consent(mentor)
    return agreement(mentor, [specialist])


def export(name, *args):
    return reverse(f"reports:{name}", args=args)


@pytest.mark.today("2026-10-15")
def test_consent_names_the_young_specialist_in_the_genitive(client, curator, signed, mentor):
    client.force_login(curator)
    docx = docx_text(client.get(export("mentoring_consent_export", mentor.pk, "docx")))
    pdf = pdf_text(client.get(export("mentoring_consent_export", mentor.pk, "pdf")))
    for text in (docx, pdf):
        assert "Согласие педагогического работника на осуществление наставничества" in text
        assert "Я, Иванова Мария Петровна, учитель математики" in text
        assert "работающая по трудовому договору от 30.08.2019 № 41" in text
        assert "статьёй 351.8 Трудового кодекса" in text
        assert (
            "в отношении молодого специалиста Петрова Петра Петровича, учителя истории, на срок "
            "с 16.09.2026 по 31.05.2027" in text
        )
        assert "Ознакомлена" in text and "три рабочих дня" in text
        assert "«25» августа 2026 г." in text and "М.П. Иванова" in text


@pytest.mark.today("2026-10-15")
def test_a_blank_consent_before_any_agreement(mentor):
    doc = consent_document(mentor, decliner_for(mentor.school), D(2026, 10, 15))
    text = docx_text(render_official_docx(doc))
    assert "по трудовому договору от __________ № __________" in text
    assert "в отношении молодого специалиста __________." in text
    assert "«___» ____________ 20__ г." in text


@pytest.mark.today("2026-10-15")
def test_agreement_states_term_form_content_and_payment(client, curator, signed, programme):
    client.force_login(curator)
    response = client.get(export("mentoring_agreement_export", signed.pk, "docx"))
    assert "%D0%94%D0%BE%D0%BF" in response["Content-Disposition"]  # «Доп…» in the file name
    paragraphs = docx_paragraphs(response)
    text = " ".join(" ".join(paragraphs).split())
    pdf = pdf_text(client.get(export("mentoring_agreement_export", signed.pk, "pdf")))
    for content in (text, pdf):
        assert "Дополнительное соглашение № 5 к трудовому договору от 30.08.2019 № 41" in content
        assert "р.п. Многовершинный, «28» августа 2026 г." in content
        assert (
            "в лице директора Воронцовой Елены Петровны, действующей на основании Устава" in content
        )
        assert "и Иванова Мария Петровна, учитель математики (далее — Работник)" in content
        assert "на основании письменного согласия Работника от 25.08.2026" in content
        assert "в отношении молодого специалиста Петрова Петра Петровича, учителя истории" in (
            content
        )
        assert "Форма наставничества: индивидуальная." in content
        assert "Содержание наставничества: помощь в планировании уроков, посещение" in content
        assert "Экземпляр соглашения получила" in content
        assert "с 16.09.2026 по 31.05.2027" in content
        assert "в размере 3 000,00 руб. в месяц в соответствии с Положением об оплате" in content
        assert "не менее чем за три рабочих дня" in content
        assert "Е.П. Воронцова" in content and "М.П. Иванова" in content


@pytest.mark.today("2026-10-15")
def test_agreement_with_a_percentage_and_two_specialists(mentor, programme):
    mentoring_consent(mentor)
    second = young_specialist(
        programme.school, last_name="Белых", first_name="Ольга", middle_name="Игоревна"
    )
    made = agreement(
        mentor,
        [young_specialist(programme.school), second],
        payment="percent",
        amount=None,
        percent=15,
    )
    text = pdf_text(render_official_pdf(agreement_document(made, decliner_for(mentor.school))))
    assert "в отношении молодых специалистов" in text
    assert "Белых Ольги Игоревны, учителя истории" in text
    assert "в размере 15 % оклада (ставки)" in text


@pytest.mark.today("2026-10-15")
def test_payments_list_prorates_and_totals(client, curator, signed, mentor, programme):
    other = teacher_mentor(programme.school, last_name="Глинка", first_name="Ирина")
    mentoring_consent(other)
    agreement(
        other,
        [young_specialist(programme.school, last_name="Зуев")],
        number="6",
        starts_on=D(2026, 9, 1),
        amount=2000,
        payment="amount",
    )
    client.force_login(curator)
    url = export("mentor_payments_export", programme.pk)
    rows = xlsx_rows(client.get(url, {"month": "2026-09"}))
    cells = [cell for row in rows for cell in row]
    assert "Список педагогов-наставников на дополнительную оплату" in cells
    mentors = {row[1]: row for row in rows if row and row[1] in ("Иванова Мария Петровна",)}
    ivanova = mentors["Иванова Мария Петровна"]
    assert ivanova[2] == "учитель математики"
    assert ivanova[3] == "№ 5 от 28.08.2026"
    assert ivanova[4] == "Петров П.П."
    assert ivanova[5] == "3\u00a0000,00 руб. в месяц"
    assert ivanova[6] == "16.09 – 30.09.2026"
    assert ivanova[7] == 15 and float(ivanova[8]) == 1500.0
    glinka = next(row for row in rows if row and row[1] == "Глинка Ирина Петровна")
    assert glinka[7] == 30 and float(glinka[8]) == 2000.0
    total = next(row for row in rows if row and row[1] == "Итого")
    assert float(total[8]) == 3500.0
    empty = xlsx_rows(client.get(url, {"month": "2026-08"}))
    assert any("соглашений о наставничестве не было" in str(c) for row in empty for c in row)


@pytest.mark.today("2026-10-15")
def test_downloads_are_for_the_school_staff_only(
    client, signed, mentor, programme, other_curator, mentor_user, officer, working_group
):
    urls = [
        export("mentoring_consent_export", mentor.pk, "pdf"),
        export("mentoring_agreement_export", signed.pk, "docx"),
        export("mentor_payments_export", programme.pk),
    ]
    for user in (other_curator, mentor_user, officer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
    client.force_login(working_group)
    assert all(client.get(url).status_code == 200 for url in urls)


@pytest.mark.today("2026-10-15")
def test_the_order_assigns_the_mentor_to_the_young_specialist(
    programme, curator, director, signed, specialist
):
    order = services.create_order(programme, OrderKind.TEACHER_MENTOR, by=curator)
    assert order.title == "О закреплении наставника за молодым специалистом"
    assert order.preamble.startswith("В соответствии со статьёй 351.8 Трудового кодекса")
    assert order.points[0] == (
        "Закрепить наставника Иванову Марию Петровну, учителя математики, за молодым "
        "специалистом Петровым Петром Петровичем, учителем истории, на срок с 16.09.2026 по "
        "31.05.2027 с дополнительной оплатой в размере 3\u00a0000,00 руб. в месяц (дополнительное "
        "соглашение от 28.08.2026 № 5 к трудовому договору от 30.08.2019 № 41)."
    )
    assert any(point.startswith("Бухгалтерии производить") for point in order.points)
    assert "М.П. Иванова" in order.acquainted and "П.П. Петров" in order.acquainted
    services.submit(order, by=curator)
    order = services.approve(order, by=director, today=D(2026, 10, 15))
    assert order.is_approved and order.frozen_content
    pdf = pdf_text(order.pdf_file.read())
    assert "О закреплении наставника за молодым специалистом" in pdf
    assert "за молодым специалистом Петровым Петром Петровичем" in pdf
    assert "Петровым Петром Петровичем" in docx_text(order.docx_file.read())
    # Once named in an approved order, the mentor is not suggested again.
    again = services.create_order(programme, OrderKind.TEACHER_MENTOR, by=curator)
    assert not again.mentors.exists()
    with pytest.raises(services.OrderError, match="Выберите наставников"):
        services.submit(again, by=curator)


@pytest.mark.today("2026-10-15")
def test_the_order_refuses_a_mentor_without_agreement_or_duty(
    programme, curator, mentor, specialist, forms
):
    order = services.create_order(programme, OrderKind.TEACHER_MENTOR, by=curator)
    order.mentors.add(mentor)
    with pytest.raises(services.OrderError, match="нет действующего дополнительного соглашения"):
        services.submit(order, by=curator)
    MentoringDuty.objects.create(
        mentor=mentor,
        basis="job_description",
        document="должностная инструкция учителя, п. 3.12",
        since=D(2026, 9, 1),
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["teacher_teacher"],
        starts_on=D(2026, 9, 1),
        ends_on=D(2027, 5, 31),
    )
    pair.mentees.set([MenteeFactory(programme=programme, participant=specialist)])
    services.regenerate(order, by=curator, today=D(2026, 10, 15))
    assert order.points[0] == (
        "Закрепить наставника Иванову Марию Петровну, учителя математики, за молодым "
        "специалистом Петровым Петром Петровичем, учителем истории, на срок с 01.09.2026 по "
        "31.05.2027 (наставничество входит в должностные обязанности наставника: должностная "
        "инструкция учителя, п. 3.12)."
    )
    assert not any(point.startswith("Бухгалтерии") for point in order.points)
    services.submit(order, by=curator)


@pytest.mark.today("2026-10-15")
def test_the_order_form_offers_teacher_mentors(client, programme, curator, signed):
    client.force_login(curator)
    response = client.post(
        reverse("reports:order_create", args=[programme.pk]), {"kind": "teacher_mentor"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Наставники из числа педагогов" in page
    assert "Иванова Мария Петровна — соглашение действует" in page


@pytest.mark.libreoffice
@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
@pytest.mark.today("2026-10-15")
def test_agreement_docx_and_payments_xlsx_open_in_libreoffice(signed, programme):
    from reports.builders.teacher_mentoring import payments_document

    docx = render_official_docx(agreement_document(signed, decliner_for(programme.school)))
    assert "Петрова Петра Петровича" in pdf_text(convert(docx, "docx"))
    xlsx = render_xlsx(payments_document(programme.school, D(2026, 9, 1)))
    assert "Иванова Мария Петровна" in pdf_text(convert(xlsx, "xlsx"))
