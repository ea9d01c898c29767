import datetime
import re

import pytest
from django.urls import reverse

from registry.models import Pair, RoleModel

from .factories import ready_mentee, ready_student_mentor


def _create(client, programme, mentor, mentee, form, **fields):
    return client.post(
        reverse("registry:pair_create", args=[programme.pk]),
        {"mentor": mentor.pk, "mentees": [mentee.pk], "form": form.pk, **fields},
    )


def test_role_model_of_another_form_is_refused_at_its_field(client, programme, curator, forms):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6А")
    chosen = forms["student_student"]
    alien = RoleModel.objects.exclude(form=chosen).select_related("form").first()
    client.force_login(curator)
    page = _create(client, programme, mentor, mentee, chosen, role_model=alien.pk)
    html = page.content.decode()
    assert not Pair.objects.exists()
    assert f"Ролевая модель «{alien.name}» не относится к форме «{chosen.name}»" in html
    assert re.search(r'id="error_1_id_role_model"|id_role_model[^>]*is-invalid', html)


def test_role_model_options_name_their_form_and_the_page_loads_the_script(
    client, programme, curator, forms
):
    client.force_login(curator)
    html = client.get(reverse("registry:pair_create", args=[programme.pk])).content.decode()
    select = re.search(r'<select name="role_model"[^>]*>(.*?)</select>', html, re.S)
    assert 'data-role-models-of="form"' in select.group(0)
    options = re.findall(r'<option value="(\d+)" data-form="(\d+)"', select.group(1))
    assert len(options) == RoleModel.objects.count()
    assert {int(form) for _, form in options} == set(
        RoleModel.objects.values_list("form_id", flat=True)
    )
    assert "js/role-models.js" in html


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "shown"),
    [
        (datetime.date(2026, 10, 1), None, "с 01.10.2026, без даты окончания"),
        (datetime.date(2026, 10, 1), datetime.date(2027, 5, 31), "с 01.10.2026 по 31.05.2027"),
        (None, None, "не указаны"),
    ],
)
def test_pair_page_says_the_term_in_words(
    client, programme, curator, forms, starts_on, ends_on, shown
):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6А")
    client.force_login(curator)
    fields = {"starts_on": starts_on or "", "ends_on": ends_on or ""}
    _create(client, programme, mentor, mentee, forms["student_student"], **fields)
    html = client.get(Pair.objects.get().get_absolute_url()).content.decode()
    assert f'<dd class="col-sm-7" id="pair-term">{shown}</dd>' in html
    assert "— —" not in html


def test_suggestion_role_models_name_their_form(client, programme, curator, request_categories):
    from .test_matching import student_mentee, student_mentor

    waiting = student_mentee(programme)
    mentor = student_mentor(programme.school, competencies=["математика"])
    client.force_login(curator)
    html = client.get(reverse("registry:mentee_suggestions", args=[waiting.pk])).content.decode()
    select = re.search(rf'<select[^>]*id="role-{mentor.pk}"[^>]*>(.*?)</select>', html, re.S)
    assert 'data-role-models-of="form"' in select.group(0)
    assert len(re.findall(r'data-form="\d+"', select.group(1))) == RoleModel.objects.count()
    assert "js/role-models.js" in html
