"""The letter to an employer, the meeting protocol, the award certificate and the «Положение о
наставничестве»: built from the school's data, read back from PDF and DOCX, and who may get them."""

import datetime
from io import BytesIO

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Role
from registry.models import Award, Meeting, MentoringForm, Pair, Partner
from reports.builders.letters import partner_letter_document, position_dative
from reports.models import Regulation, decliner_for
from reports.regulation.services import regulation_sections, template_sections

from ..factories import member
from ..registry.factories import MenteeFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "1. Общие положения",
    "2. Цель и задачи наставничества",
    "3. Формы наставничества",
    "4. Критерии, методы и процедуры отбора/выдвижения наставников",
    "5. Права и обязанности наставников, наставляемых и куратора",
    "6. Мотивация наставников и куратора",
    "7. Оценка качества и эффективности программ наставничества",
    "8. Заключительные положения",
]


def pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return text.replace("- ", "-")  # words broken at a hyphen across lines


def docx_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert "wordprocessingml" in response["Content-Type"]
    document = docx.Document(BytesIO(response.content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def school_data(school, curator):
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»"
    school.address = "г. Заречный, ул. Школьная, 1"
    school.phone = "+7 (800) 100-20-30"
    school.email = "school1@example.ru"
    school.save()
    return school


# Letter to an employer ------------------------------------------------------------------------


def letter_url(programme, partner, fmt):
    return reverse("reports:partner_letter", args=[programme.pk, partner.pk, fmt])


@pytest.fixture
def partner(school_data):
    return Partner.objects.create(
        school=school_data,
        name="ООО «Вектор»",
        head_position="Генеральный директор",
        head_name="Соколова Анна Викторовна",
    )


@pytest.mark.parametrize(
    ("position", "dative"),
    [
        ("Директор", "Директору"),
        ("Генеральный директор", "Генеральному директору"),
        ("Руководитель", "Руководителю"),
        ("Заведующий", "Заведующему"),
        ("Директор по персоналу", "Директору по персоналу"),
        ("Глава", "Главе"),
        ("", "Руководителю"),
    ],
)
def test_position_in_the_dative(position, dative):
    assert position_dative(position) == dative


def test_letter_is_addressed_in_the_dative_with_the_schools_data(programme, partner, curator):
    letter = partner_letter_document(programme, partner, decliner_for(programme.school))
    assert letter.doc_type == ""
    assert letter.addressee == ["Генеральному директору ООО «Вектор»", "Соколовой А.В."]
    assert letter.salutation == "Уважаемая Анна Викторовна!"
    assert letter.organisation == programme.school.full_name
    body = " ".join(letter.preamble)
    assert "Якутск" not in body
    assert "Наименование ОУ" not in body
    assert "муниципальном образовании «Заречный муниципальный округ»" in body
    assert f"Программе наставничества {programme.school.short_name}" in body
    assert (
        f"куратора Программы наставничества – {curator.full_name}, "
        "тел. +7 (800) 100-20-30, e-mail: school1@example.ru." in body
    )
    assert letter.signatures[0].position == "Директор"
    assert letter.signatures[0].name == "Е.П. Воронцова"


def test_salutation_follows_the_gender_and_falls_back(programme, partner):
    partner.head_name = "Орлов Пётр Сергеевич"
    letter = partner_letter_document(programme, partner, decliner_for(programme.school))
    assert letter.salutation == "Уважаемый Пётр Сергеевич!"
    assert letter.addressee[1] == "Орлову П.С."
    partner.head_name = ""
    partner.head_position = "Директор"
    letter = partner_letter_document(programme, partner, decliner_for(programme.school))
    assert letter.salutation == "Уважаемый руководитель!"
    assert letter.addressee == ["Директору ООО «Вектор»"]


def test_programme_curator_takes_precedence(programme, partner, curator, school):
    appointed = member(Role.CURATOR, school, username="appointed", last_name="Беляева")
    programme.curator = appointed
    programme.save()
    letter = partner_letter_document(programme, partner, decliner_for(programme.school))
    assert appointed.full_name in letter.preamble[-1]


def test_letter_reads_back_from_docx_and_pdf(client, curator, programme, partner):
    client.force_login(curator)
    text = docx_text(client.get(letter_url(programme, partner, "docx")))
    assert "Генеральному директору ООО «Вектор»" in text
    assert "Соколовой А.В." in text
    assert "Уважаемая Анна Викторовна!" in text
    assert "Заречный муниципальный округ" in text
    assert "Е.П. Воронцова" in text
    text = pdf_text(client.get(letter_url(programme, partner, "pdf")))
    assert "Уважаемая Анна Викторовна!" in text
    assert "С надеждой на взаимовыгодное сотрудничество" in text
    assert programme.school.full_name.upper() in text.upper()


@pytest.mark.parametrize("outsider", ["other_curator", "mentor_user", "officer"])
def test_letter_is_for_the_schools_staff_only(client, request, programme, partner, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(letter_url(programme, partner, "pdf")).status_code == 404


def test_letter_formats_and_foreign_partner(client, curator, programme, other_school, partner):
    client.force_login(curator)
    assert client.get(letter_url(programme, partner, "xlsx")).status_code == 404
    foreign = Partner.objects.create(school=other_school, name="ПАО «Чужое»")
    assert client.get(letter_url(programme, foreign, "pdf")).status_code == 404


# Meeting protocol ----------------------------------------------------------------------------


@pytest.fixture
def meeting(programme, mentor, mentor_user, request_categories, curator, school_data):
    mentor.participant.user = mentor_user
    mentor.participant.save()
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set(
        [
            MenteeFactory(programme=programme, participant__last_name="Романова"),
            MenteeFactory(programme=programme, participant__last_name="Белов"),
        ]
    )
    return Meeting.objects.create(
        pair=pair,
        kind=Meeting.Kind.ACQUAINTANCE,
        held_on=datetime.date(2026, 10, 7),
        format=Meeting.Format.ONLINE,
        topic="Знакомство и ожидания от работы",
        outcome="Договорились встречаться по средам",
        duration_minutes=90,
    )


def protocol_url(meeting, fmt):
    return reverse("reports:meeting_protocol", args=[meeting.pk, fmt])


def test_the_pairs_mentor_gets_the_protocol(client, mentor_user, meeting, curator):
    client.force_login(mentor_user)
    text = pdf_text(client.get(protocol_url(meeting, "pdf")))
    assert "ПРОТОКОЛ" in text.replace(" ", "")
    assert "встречи наставника и наставляемого: встреча-знакомство" in text
    assert "07.10.2026" in text
    assert "Формат: дистанционно" in text
    assert "Продолжительность: 1 ч 30 мин" in text
    assert "Тема встречи: Знакомство и ожидания от работы" in text
    assert "Итоги встречи: Договорились встречаться по средам" in text
    mentees = [
        m.participant.full_name for m in meeting.pair.mentees.order_by("participant__last_name")
    ]
    assert f"Присутствовали: наставник — {meeting.pair.mentor.participant.full_name}" in text
    assert f"наставляемые — {mentees[0]}, {mentees[1]}" in text
    curator_sign = f"{curator.first_name[0]}.{curator.middle_name[0]}. {curator.last_name}"
    assert curator_sign in text
    text = docx_text(client.get(protocol_url(meeting, "docx")))
    assert "ПРОТОКОЛ" in text
    assert "Тема встречи: Знакомство и ожидания от работы" in text


def test_staff_get_the_protocol(client, working_group, meeting):
    client.force_login(working_group)
    assert client.get(protocol_url(meeting, "docx")).status_code == 200


@pytest.mark.parametrize("outsider", ["other_curator", "officer"])
def test_protocol_is_hidden_from_others(client, request, meeting, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(protocol_url(meeting, "pdf")).status_code == 404


def test_another_mentor_gets_404(client, school, meeting):
    client.force_login(member(Role.MENTOR, school, username="another_mentor"))
    assert client.get(protocol_url(meeting, "pdf")).status_code == 404


def test_protocol_unknown_format(client, curator, meeting):
    client.force_login(curator)
    assert client.get(protocol_url(meeting, "xlsx")).status_code == 404


def test_timeline_links_the_protocol(client, mentor_user, meeting):
    client.force_login(mentor_user)
    page = client.get(reverse("registry:pair_timeline", args=[meeting.pair_id])).content.decode()
    assert protocol_url(meeting, "pdf") in page
    assert protocol_url(meeting, "docx") in page


# Certificate ---------------------------------------------------------------------------------


def certificate_url(award):
    return reverse("reports:award_certificate", args=[award.pk])


def test_best_mentor_certificate(client, curator, programme, mentor, school_data):
    award = Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=mentor,
        awarded_on=datetime.date(2026, 12, 25),
    )
    client.force_login(curator)
    response = client.get(certificate_url(award))
    text = pdf_text(response)
    assert "ГРАМОТА" in text
    assert "награждается" in text
    assert mentor.participant.full_name in text
    assert f"Программы наставничества {school_data.short_name} в {programme.year.name}" in text
    assert "«25» декабря 2026 г." in text
    assert "Е.П. Воронцова" in text
    page = PdfReader(BytesIO(response.content)).pages[0]
    assert len(PdfReader(BytesIO(response.content)).pages) == 1
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_best_pair_and_parents_letter(client, director, meeting):
    pair = meeting.pair
    best_pair = Award.objects.create(
        programme=pair.programme,
        kind=Award.Kind.BEST_PAIR,
        pair=pair,
        awarded_on=datetime.date(2027, 5, 20),
        note="за проект «Школьный музей»",
    )
    client.force_login(director)
    text = pdf_text(client.get(certificate_url(best_pair)))
    assert "награждаются" in text
    assert pair.mentor.participant.full_name in text
    for mentee in pair.mentees.all():
        assert mentee.participant.full_name in text
    assert "за проект «Школьный музей»" in text
    letter = Award.objects.create(
        programme=pair.programme,
        kind=Award.Kind.PARENTS_LETTER,
        mentor=pair.mentor,
        recipient_name="Шевчук Анна Сергеевна",
        awarded_on=datetime.date(2027, 5, 20),
    )
    text = pdf_text(client.get(certificate_url(letter)))
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text
    assert "Выражаем искреннюю благодарность Шевчук Анне Сергеевне" in text
    assert "ГРАМОТА" not in text


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_certificate_is_for_the_schools_staff(client, request, programme, mentor, outsider):
    award = Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=mentor,
        awarded_on=datetime.date.today(),
    )
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(certificate_url(award)).status_code == 404


def test_award_list_links_the_certificate(client, curator, programme, mentor):
    award = Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_MENTOR,
        mentor=mentor,
        awarded_on=datetime.date.today(),
    )
    client.force_login(curator)
    page = client.get(reverse("registry:award_list", args=[programme.pk])).content.decode()
    assert certificate_url(award) in page


# Положение о наставничестве -----------------------------------------------------------------


def regulation_url(programme):
    return reverse("reports:regulation", args=[programme.pk])


def reset_url(programme):
    return reverse("reports:regulation_reset", args=[programme.pk])


def export_url(programme, fmt):
    return reverse("reports:regulation_export", args=[programme.pk, fmt])


def form_data(programme, **changes) -> dict:
    sections = regulation_sections(programme)
    data = {f"section_{index}": section["text"] for index, section in enumerate(sections)}
    data.update(changes)
    return data


def test_template_has_the_sections_in_order():
    assert [heading for heading, _ in template_sections()] == HEADINGS
    for _, text in template_sections():
        assert len([p for p in text.split("\n\n") if p.strip()]) >= 3


def test_template_is_filled_with_the_schools_data(programme, curator, school_data):
    programme.forms_in_use = "«Ученик – ученик», «Учитель – учитель»"
    programme.save()
    text = " ".join(section["text"] for section in regulation_sections(programme))
    assert school_data.full_name in text
    assert school_data.short_name in text
    assert programme.year.name in text
    assert "реализуется в следующих формах: «Ученик – ученик», «Учитель – учитель»." in text
    assert f"Куратором программы наставничества назначается {curator.full_name}." in text
    assert "{" not in text


def test_missing_data_leaves_a_visible_blank(programme):
    programme.forms_in_use = ""
    programme.save()
    text = " ".join(section["text"] for section in regulation_sections(programme))
    assert "в следующих формах: __________." in text
    assert "назначается __________." in text


def test_editor_sees_textareas_and_saves(client, curator, programme):
    client.force_login(curator)
    page = client.get(regulation_url(programme)).content.decode()
    assert page.count("<textarea") == len(HEADINGS)
    assert programme.school.full_name in page
    data = form_data(programme, section_1="2.1. Своя цель школы.\n\n2.2. Свои задачи.")
    response = client.post(regulation_url(programme), data, follow=True)
    assert "Положение о наставничестве сохранено." in response.content.decode()
    saved = Regulation.objects.get(programme=programme)
    assert saved.updated_by == curator
    assert saved.sections[1] == {
        "heading": HEADINGS[1],
        "text": "2.1. Своя цель школы.\n\n2.2. Свои задачи.",
    }
    assert [section["heading"] for section in regulation_sections(programme)] == HEADINGS


def test_empty_section_is_refused(client, curator, programme):
    client.force_login(curator)
    response = client.post(regulation_url(programme), form_data(programme, section_3="  "))
    assert response.status_code == 200
    assert "Раздел не может быть пустым." in response.content.decode()
    assert not Regulation.objects.exists()


def test_reset_restores_the_template(client, director, programme):
    client.force_login(director)
    client.post(regulation_url(programme), form_data(programme, section_0="Своё."))
    assert regulation_sections(programme)[0]["text"] == "Своё."
    page = client.get(reset_url(programme)).content.decode()
    assert "Вернуть типовой текст Положения?" in page
    assert Regulation.objects.exists()
    response = client.post(reset_url(programme), follow=True)
    assert "восстановлен по шаблону" in response.content.decode()
    assert not Regulation.objects.exists()
    assert regulation_sections(programme)[0]["text"].startswith("1.1. Настоящее Положение")


def test_export_reads_back_with_headings_in_order(client, curator, programme):
    client.force_login(curator)
    client.post(regulation_url(programme), form_data(programme, section_5="6.1. Грамоты лучшим."))
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(client.get(export_url(programme, fmt)))
        # the school's name after «в» is in the prepositional case
        assert "ПОЛОЖЕНИЕ о наставничестве в Муниципальном бюджетном учреждении" in text
        assert "о наставничестве в Муниципальное" not in text
        positions = [text.index(heading) for heading in HEADINGS]
        assert positions == sorted(positions), fmt
        assert "6.1. Грамоты лучшим." in text
    assert client.get(export_url(programme, "xlsx")).status_code == 404


def test_read_only_staff_see_text_and_cannot_post(client, working_group, programme, monkeypatch):
    import dataclasses

    from mentoring import access

    nobody = dataclasses.replace(access.PERMISSIONS["records.edit"], roles=frozenset())
    monkeypatch.setitem(access.PERMISSIONS, "records.edit", nobody)
    client.force_login(working_group)
    page = client.get(regulation_url(programme)).content.decode()
    assert "<textarea" not in page
    assert HEADINGS[0] in page
    assert client.post(regulation_url(programme), form_data(programme)).status_code == 403
    assert client.post(reset_url(programme)).status_code == 403
    assert not Regulation.objects.exists()


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_regulation_is_for_the_schools_staff(client, request, programme, outsider):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(regulation_url(programme)).status_code == 404
    assert client.post(regulation_url(programme), form_data(programme)).status_code == 404
    assert client.post(reset_url(programme)).status_code == 404
    assert client.get(export_url(programme, "pdf")).status_code == 404
    assert not Regulation.objects.exists()
