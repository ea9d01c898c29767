"""Orders 1–3 and the Положение read back: the school and the curator's position in the case
the sentence needs."""

import pytest
from django.urls import reverse

from mentoring.models import Role
from reports.orders import services
from stages.models import OrderKind
from tests.documents import docx_text, pdf_text
from tests.factories import member

LYCEUM = "Муниципальная автономная общеобразовательная организация «Лицей № 2»"


@pytest.fixture
def lyceum_programme(programme):
    programme.school.full_name = LYCEUM
    programme.school.save()
    return programme


def order_texts(client, order) -> list[str]:
    return [
        read(client.get(reverse("reports:order_file", args=[order.pk, fmt])))
        for fmt, read in (("docx", docx_text), ("pdf", pdf_text))
    ]


def test_orders_one_to_three_decline_the_school_and_the_position(client, curator, lyceum_programme):
    teacher = member(
        Role.WORKING_GROUP,
        lyceum_programme.school,
        username="timofeeva",
        last_name="Тимофеева",
        first_name="Мария",
        middle_name="Александровна",
    )
    client.force_login(curator)
    implementation = services.create_order(lyceum_programme, OrderKind.IMPLEMENTATION, by=curator)
    appointment = services.create_order(lyceum_programme, OrderKind.CURATOR, by=curator)
    appointment.curator = teacher
    appointment.curator_position = "Заместитель директора по учебно-воспитательной работе"
    appointment.save()
    services.regenerate(appointment, by=curator)
    regulations = services.create_order(lyceum_programme, OrderKind.REGULATIONS_ROADMAP, by=curator)

    for text in order_texts(client, implementation):
        assert (
            "Внедрить целевую модель наставничества в Муниципальную автономную "
            "общеобразовательную организацию «Лицей № 2»" in text
        )
    for text in order_texts(client, appointment):
        assert (
            "Назначить Тимофееву Марию Александровну, заместителя директора по "
            "учебно-воспитательной работе, куратором внедрения целевой модели наставничества "
            "в Муниципальную автономную общеобразовательную организацию «Лицей № 2»" in text
        )
        assert "заместитель директора по" not in text
    for text in order_texts(client, regulations):
        assert (
            "Утвердить Положение о наставничестве в Муниципальной автономной "
            "общеобразовательной организации «Лицей № 2»" in text
        )
        assert "о наставничестве в Муниципальная" not in text


def test_the_regulation_title_uses_the_form_on_the_school_card(client, curator, lyceum_programme):
    school = lyceum_programme.school
    school.full_name_prepositional = "МАОО «Лицей № 2» (в предложном падеже — по уставу)"
    school.save()
    client.force_login(curator)
    url = reverse("reports:regulation_export", args=[lyceum_programme.pk, "docx"])
    text = docx_text(client.get(url))
    assert "ПОЛОЖЕНИЕ о наставничестве в МАОО «Лицей № 2» (в предложном падеже — по уставу)" in (
        text
    )
