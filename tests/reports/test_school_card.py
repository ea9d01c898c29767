"""The school card: case forms of the full name prefilled, editable, and used by documents."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mentoring.models import School

FULL = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»"
GENITIVE = "Муниципального бюджетного общеобразовательного учреждения «Средняя школа № 7»"
PREPOSITIONAL = "Муниципальном бюджетном общеобразовательном учреждении «Средняя школа № 7»"
CASE_FIELDS = (
    "full_name_genitive",
    "full_name_dative",
    "full_name_accusative",
    "full_name_instrumental",
    "full_name_prepositional",
)


def card_url(school):
    return reverse("reports:school_card", args=[school.pk])


def card_data(school, **changes):
    data = {
        "full_name": school.full_name,
        "short_name": school.short_name,
        "town": "г. Энск",
        "director_name": school.director_name,
        "address": "",
        "phone": "",
        "email": "",
        **{field: "" for field in CASE_FIELDS},
    }
    data.update(changes)
    return data


@pytest.fixture
def named_school(school):
    school.full_name = FULL
    school.save()
    return school


def test_the_card_shows_the_case_forms_filled_from_the_full_name(client, curator, named_school):
    client.force_login(curator)
    page = client.get(card_url(named_school)).content.decode()
    assert f'value="{GENITIVE}"' in page
    assert f'value="{PREPOSITIONAL}"' in page
    assert "Заполнить падежные формы автоматически" in page


def test_blank_case_forms_are_filled_on_saving(client, curator, named_school):
    client.force_login(curator)
    response = client.post(card_url(named_school), card_data(named_school))
    assert response.status_code == 302
    named_school.refresh_from_db()
    assert named_school.full_name_genitive == GENITIVE
    assert named_school.full_name_prepositional == PREPOSITIONAL
    assert named_school.town == "г. Энск"
    assert LogEntry.objects.get_for_object(named_school).exists()


def test_a_form_the_school_wrote_is_kept_and_used(client, curator, named_school):
    client.force_login(curator)
    own = "Муниципальном бюджетном общеобразовательном учреждении «Средняя школа № 7» (МБОУ)"
    client.post(card_url(named_school), card_data(named_school, full_name_prepositional=own))
    named_school.refresh_from_db()
    assert named_school.full_name_prepositional == own
    assert named_school.full_name_in("prepositional") == own
    # A new full name refreshes the automatic forms and leaves the school's own one alone.
    renamed = FULL.replace("№ 7", "№ 8")
    data = card_data(
        named_school,
        full_name=renamed,
        **{field: getattr(named_school, field) for field in CASE_FIELDS},
    )
    data["full_name_prepositional"] = own.replace("№ 7", "№ 8")
    client.post(card_url(named_school), data)
    named_school.refresh_from_db()
    assert named_school.full_name_genitive == GENITIVE.replace("№ 7", "№ 8")
    assert named_school.full_name_prepositional == own.replace("№ 7", "№ 8")


def test_autofill_refills_every_case_form_without_saving(client, director, named_school):
    client.force_login(director)
    data = card_data(named_school, full_name_genitive="что-то не то", autofill="1")
    page = client.post(card_url(named_school), data).content.decode()
    assert GENITIVE in page and "что-то не то" not in page
    assert "Проверьте их и сохраните" in page
    named_school.refresh_from_db()
    assert named_school.full_name_genitive == ""


def test_a_case_form_that_lost_the_quoted_name_is_refused_in_russian(client, curator, named_school):
    client.force_login(curator)
    data = card_data(named_school, full_name_dative="Муниципальному учреждению")
    page = client.post(card_url(named_school), data).content.decode()
    assert "В форме должно остаться название в кавычках «Средняя школа № 7»" in page
    assert "карточка не сохранена" in page
    assert School.objects.get(pk=named_school.pk).full_name_dative == ""


def test_the_working_group_reads_and_cannot_change(client, working_group, named_school):
    client.force_login(working_group)
    page = client.get(card_url(named_school)).content.decode()
    assert "Изменять карточку могут куратор и директор школы." in page
    response = client.post(card_url(named_school), card_data(named_school, town="г. Другой"))
    assert response.status_code == 403
    named_school.refresh_from_db()
    assert named_school.town == ""


def test_another_school_gets_404(client, other_curator, named_school):
    client.force_login(other_curator)
    assert client.get(card_url(named_school)).status_code == 404
