import pytest
from django.urls import reverse

from registry.forms.work import RECIPIENT_NEEDED, WHOM_NEEDED, AwardForm, CaseForm
from registry.models import Award, Case, MentoringForm, Pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(programme, mentor, mentee):
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([mentee])
    return pair


def test_parents_letter_needs_the_recipient(programme, today):
    data = {"kind": Award.Kind.PARENTS_LETTER, "awarded_on": today.isoformat()}
    form = AwardForm(data, programme=programme)
    assert not form.is_valid()
    assert form.errors["recipient_name"] == [RECIPIENT_NEEDED]
    form = AwardForm({**data, "recipient_name": "Смирновы"}, programme=programme)
    assert form.is_valid(), form.errors


def test_award_names_whom(programme, mentor, today):
    data = {"kind": Award.Kind.BEST_MENTOR, "awarded_on": today.isoformat()}
    form = AwardForm(data, programme=programme)
    assert form.errors["__all__"] == [WHOM_NEEDED]
    assert AwardForm({**data, "mentor": mentor.pk}, programme=programme).is_valid()


def test_award_form_offers_only_the_school_and_programme(
    programme, other_programme, pair, mentor, today
):
    from .factories import MentorFactory, ParticipantFactory

    stranger = MentorFactory(participant=ParticipantFactory(school=other_programme.school))
    form = AwardForm(programme=programme)
    assert list(form.fields["mentor"].queryset) == [mentor]
    assert stranger not in form.fields["mentor"].queryset
    assert list(form.fields["pair"].queryset) == [pair]
    other_pair = Pair.objects.create(
        programme=other_programme, mentor=stranger, form=MentoringForm.objects.first()
    )
    case = CaseForm(
        {"title": "x", "what_was_done": "y", "results": "z", "pair": other_pair.pk},
        programme=programme,
    )
    assert "pair" in case.errors


def test_curator_adds_and_edits_a_case(client, curator, programme, pair):
    client.force_login(curator)
    data = {
        "title": "Клуб юных математиков",
        "pair": pair.pk,
        "form": pair.form_id,
        "what_was_done": "Еженедельные занятия",
        "results": "Призёр олимпиады",
        "publishable": "on",
    }
    response = client.post(reverse("registry:case_create", args=[programme.pk]), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.programme, case.pair, case.publishable) == (programme, pair, True)
    edit = reverse("registry:case_edit", args=[case.pk])
    assert client.post(edit, {**data, "title": "Клуб"}).status_code == 302
    case.refresh_from_db()
    assert case.title == "Клуб"
    listing = client.get(reverse("registry:case_list", args=[programme.pk]))
    assert "Клуб" in listing.content.decode()


def test_curator_adds_a_parents_letter(client, curator, programme, today):
    client.force_login(curator)
    url = reverse("registry:award_create", args=[programme.pk])
    data = {"kind": "parents_letter", "awarded_on": today.isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert RECIPIENT_NEEDED in response.content.decode()
    response = client.post(url, {**data, "recipient_name": "Смирновым Е. и А."})
    assert response.status_code == 302
    assert Award.objects.get().recipient_name == "Смирновым Е. и А."
    listing = client.get(reverse("registry:award_list", args=[programme.pk]))
    assert "Благодарственное письмо родителям" in listing.content.decode()


def test_officer_and_mentor_cannot_use_cases(client, officer, mentor_user, programme):
    client.force_login(officer)
    assert client.get(reverse("registry:case_list", args=[programme.pk])).status_code == 404
    client.force_login(mentor_user)
    assert client.get(reverse("registry:award_list", args=[programme.pk])).status_code == 404


def test_working_group_reads_and_writes(client, working_group, programme):
    client.force_login(working_group)
    assert client.get(reverse("registry:case_create", args=[programme.pk])).status_code == 200
