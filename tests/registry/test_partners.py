"""Partner organisations: list with stages, create/edit/delete, validation and who may do what."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Partner

pytestmark = pytest.mark.django_db

VALID = {
    "name": "ООО  «Вектор»",
    "head_position": "Генеральный директор",
    "head_name": "Соколов Андрей Викторович",
    "contact_person": "Ким Анна, отдел кадров",
    "phone": "+7 900 000-00-00",
    "email": "hr@vector.example",
    "letter_sent_on": "",
    "agreement_signed_on": "",
    "agreement_note": "",
    "notes": "Готовы дать двух инженеров",
}


def list_url(programme):
    return reverse("registry:partner_list", args=[programme.pk])


def create_url(programme):
    return reverse("registry:partner_create", args=[programme.pk])


def edit_url(programme, partner):
    return reverse("registry:partner_edit", args=[programme.pk, partner.pk])


def delete_url(programme, partner):
    return reverse("registry:partner_delete", args=[programme.pk, partner.pk])


def sent_url(programme, partner):
    return reverse("registry:partner_letter_sent", args=[programme.pk, partner.pk])


@pytest.fixture
def partner(school):
    return Partner.objects.create(
        school=school, name="АО «Завод»", head_position="Директор", head_name="Орлова Нина Ивановна"
    )


def test_empty_list_explains_what_to_do(client, curator, programme):
    client.force_login(curator)
    page = client.get(list_url(programme)).content.decode()
    assert "Организаций-партнёров пока нет" in page
    assert create_url(programme) in page
    assert "Партнёры" in page


def test_curator_adds_a_partner(client, curator, programme):
    client.force_login(curator)
    response = client.post(create_url(programme), VALID)
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.school == programme.school
    assert partner.name == "ООО «Вектор»"
    assert partner.stage == "Письмо не отправлено"
    page = client.get(list_url(programme)).content.decode()
    assert "ООО «Вектор»" in page
    assert "Письмо не отправлено" in page
    assert reverse("reports:partner_letter", args=[programme.pk, partner.pk, "docx"]) in page
    assert reverse("reports:partner_letter", args=[programme.pk, partner.pk, "pdf"]) in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "Укажите название организации."),
        ("name", "ао «завод»", "Эта организация уже есть в списке партнёров школы."),
        ("head_name", "Соколов", "Укажите фамилию и имя руководителя"),
        ("email", "not-an-email", "Введите правильный адрес электронной почты."),
        ("letter_sent_on", "2999-01-01", "Дата не может быть позже сегодняшнего дня."),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(
    client, curator, programme, partner, field, value, message
):
    client.force_login(curator)
    response = client.post(create_url(programme), {**VALID, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "данные не сохранены" in page
    assert Partner.objects.count() == 1


def test_the_same_name_at_another_school_is_fine(client, other_curator, other_programme, partner):
    client.force_login(other_curator)
    response = client.post(create_url(other_programme), {**VALID, "name": partner.name})
    assert response.status_code == 302
    assert Partner.objects.filter(name=partner.name).count() == 2


def test_edit_moves_the_partner_through_the_stages(client, curator, programme, partner, today):
    client.force_login(curator)
    data = {**VALID, "name": partner.name, "letter_sent_on": today.isoformat()}
    assert client.post(edit_url(programme, partner), data).status_code == 302
    partner.refresh_from_db()
    assert partner.stage == "Письмо отправлено"
    data["agreement_signed_on"] = today.isoformat()
    data["agreement_note"] = "Соглашение № 3"
    client.post(edit_url(programme, partner), data)
    partner.refresh_from_db()
    assert partner.stage == "Соглашение подписано"
    page = client.get(list_url(programme)).content.decode()
    assert "Соглашение подписано" in page
    assert "Соглашение № 3" in page


def test_editing_keeps_its_own_name(client, curator, programme, partner):
    client.force_login(curator)
    page = client.get(edit_url(programme, partner)).content.decode()
    assert partner.name in page
    response = client.post(edit_url(programme, partner), {**VALID, "name": partner.name})
    assert response.status_code == 302


def test_mark_letter_sent(client, curator, programme, partner, today):
    client.force_login(curator)
    assert client.get(sent_url(programme, partner)).status_code == 405
    assert client.post(sent_url(programme, partner)).status_code == 302
    partner.refresh_from_db()
    assert partner.letter_sent_on == today
    earlier = today - datetime.timedelta(days=3)
    Partner.objects.filter(pk=partner.pk).update(letter_sent_on=earlier)
    client.post(sent_url(programme, partner))
    partner.refresh_from_db()
    assert partner.letter_sent_on == earlier


def test_delete_asks_first(client, director, programme, partner):
    client.force_login(director)
    page = client.get(delete_url(programme, partner)).content.decode()
    assert "Удалить организацию из списка партнёров?" in page
    assert Partner.objects.exists()
    assert client.post(delete_url(programme, partner)).status_code == 302
    assert not Partner.objects.exists()


def test_working_group_edits_partners(client, working_group, programme):
    client.force_login(working_group)
    assert client.post(create_url(programme), VALID).status_code == 302
    assert Partner.objects.count() == 1


def test_read_only_staff_get_403_and_no_buttons(client, curator, programme, partner, monkeypatch):
    import dataclasses

    from mentoring import access

    nobody = dataclasses.replace(access.PERMISSIONS["records.edit"], roles=frozenset())
    monkeypatch.setitem(access.PERMISSIONS, "records.edit", nobody)
    client.force_login(curator)
    page = client.get(list_url(programme)).content.decode()
    assert partner.name in page
    assert create_url(programme) not in page
    assert edit_url(programme, partner) not in page
    assert client.get(create_url(programme)).status_code == 403
    assert client.post(create_url(programme), VALID).status_code == 403
    assert client.post(edit_url(programme, partner), VALID).status_code == 403
    assert client.post(delete_url(programme, partner)).status_code == 403
    assert client.post(sent_url(programme, partner)).status_code == 403
    partner.refresh_from_db()
    assert partner.name == "АО «Завод»"
    assert partner.letter_sent_on is None


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "other_officer", "mentor_user"])
def test_outsiders_get_404(client, request, programme, partner, outsider):
    client.force_login(request.getfixturevalue(outsider))
    for url in (
        list_url(programme),
        create_url(programme),
        edit_url(programme, partner),
        delete_url(programme, partner),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, VALID).status_code == 404
    assert Partner.objects.count() == 1


def test_another_schools_partner_is_not_found_through_own_programme(
    client, other_curator, programme, other_programme, partner
):
    client.force_login(other_curator)
    assert client.get(edit_url(other_programme, partner)).status_code == 404
    assert client.post(delete_url(other_programme, partner)).status_code == 404
    assert Partner.objects.exists()


def test_anonymous_goes_to_log_in(client, programme, partner):
    for url in (list_url(programme), edit_url(programme, partner)):
        assert client.get(url)["Location"].startswith(reverse("login"))
