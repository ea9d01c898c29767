import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Role
from registry import reference as registry_reference
from registry.models import MentoringForm, Pair
from surveys.models import Distribution, Invitation
from surveys.services import distribution as services

from ..factories import UserFactory, member
from ..registry.factories import ready_mentee, ready_student_mentor
from .test_answering import make_invitation, make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(programme, school):
    """A pair (mentor with an account, one mentee), a waiting mentee and a mentor without a pair."""
    registry_reference.load_forms()
    mentor = ready_student_mentor(school)
    mentor.participant.user = UserFactory(username="mentor-account")
    mentor.participant.save()
    paired = ready_mentee(programme, last_name="Смирнова", first_name="Ольга")
    waiting = ready_mentee(programme, last_name="Орлов", first_name="Пётр")
    spare = ready_student_mentor(school, class_name="11Б")
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([paired])
    return {"mentor": mentor, "paired": paired, "waiting": waiting, "spare": spare, "pair": pair}


def create(programme, groups, curator, days=10):
    return services.create_distribution(
        programme,
        make_questionnaire(),
        title="Входная анкета",
        phase="input",
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        groups=groups,
        by=curator,
    )


def test_pair_mentors_get_account_invitations(programme, people, curator):
    distribution = create(programme, [services.PAIR_MENTORS], curator)
    invitation = distribution.invitations.get()
    assert invitation.participant == people["mentor"].participant
    assert invitation.user.username == "mentor-account"
    assert invitation.pair == people["pair"]
    assert invitation.respondent_name == people["mentor"].participant.full_name


def test_deadline_is_end_of_day(programme, people, curator):
    distribution = create(programme, [services.PAIR_MENTEES], curator)
    invitation = distribution.invitations.get()
    local = timezone.localtime(invitation.expires_at)
    assert local.date() == distribution.deadline
    assert (local.hour, local.minute) == (23, 59)
    assert invitation.user is None and invitation.token


def test_all_groups_once_each(programme, people, curator):
    groups = [code for code, _ in services.GROUPS]
    distribution = create(programme, groups, curator)
    invitations = {i.participant_id: i for i in distribution.invitations.all()}
    assert set(invitations) == {
        people[key].participant_id for key in ("mentor", "paired", "waiting", "spare")
    }
    assert invitations[people["waiting"].participant_id].pair is None
    assert invitations[people["paired"].participant_id].pair == people["pair"]
    assert invitations[people["spare"].participant_id].pair is None


def test_all_mentees_of_the_base(programme, people, curator):
    distribution = create(programme, [services.ALL_MENTEES], curator)
    assert distribution.invitations.count() == 2


@pytest.fixture
def staff_client(client, curator):
    client.force_login(curator)
    return client


def test_create_view(staff_client, programme, people, curator):
    questionnaire = make_questionnaire(programme.school, title="Анкета школы")
    url = reverse("surveys:distribution_create", args=[programme.pk])
    page = staff_client.get(url)
    assert "Анкета школы" in page.content.decode()
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    response = staff_client.post(
        url,
        {
            "questionnaire": questionnaire.pk,
            "title": "Обратная связь",
            "phase": "",
            "deadline": deadline.isoformat(),
            "groups": [services.PAIR_MENTORS, services.PAIR_MENTEES],
        },
    )
    distribution = Distribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == distribution.get_absolute_url()
    assert distribution.invitations.count() == 2
    assert distribution.created_by == curator


def test_create_refuses_past_deadline_and_foreign_questionnaire(
    staff_client, programme, other_school, people
):
    foreign = make_questionnaire(other_school, title="Чужая")
    url = reverse("surveys:distribution_create", args=[programme.pk])
    response = staff_client.post(
        url,
        {
            "questionnaire": foreign.pk,
            "title": "Т",
            "deadline": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "groups": [services.PAIR_MENTORS],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Срок не может быть в прошлом" in html
    assert "Чужая" not in html
    assert not Distribution.objects.exists()


def test_list_and_detail_progress(staff_client, programme, people, curator):
    distribution = create(programme, [services.PAIR_MENTORS, services.ALL_MENTEES], curator)
    Invitation.objects.filter(participant=people["paired"].participant).update(
        answered_at=timezone.now()
    )
    html = staff_client.get(reverse("surveys:distribution_list", args=[programme.pk])).content
    assert "1 из 3 ответили" in html.decode()
    html = staff_client.get(distribution.get_absolute_url()).content.decode()
    assert "1 из 3 ответили" in html
    assert "Ещё не ответили: 2" in html
    waiting = Invitation.objects.get(participant=people["waiting"].participant)
    link = "http://testserver" + reverse("surveys:answer_by_link", args=[waiting.token])
    assert link in html
    account = Invitation.objects.get(participant=people["mentor"].participant)
    assert account.token not in html
    answered = Invitation.objects.get(participant=people["paired"].participant)
    assert answered.token not in html


@pytest.mark.parametrize("outsider", ["other_curator", "officer", "mentor_user"])
def test_outsiders_get_404(client, request, programme, curator, outsider):
    distribution = make_invitation(programme, make_questionnaire()).distribution
    client.force_login(request.getfixturevalue(outsider))
    for url in (
        reverse("surveys:distribution_list", args=[programme.pk]),
        reverse("surveys:distribution_create", args=[programme.pk]),
        distribution.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_detail_queries_bounded(staff_client, programme, curator, school):
    distribution = make_invitation(programme, make_questionnaire()).distribution
    url = distribution.get_absolute_url()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    few = count()
    user = member(Role.MENTOR, school, username="many")
    for number in range(15):
        Invitation.objects.create(
            distribution=distribution,
            respondent_name=f"Участник {number}",
            user=user if number % 2 else None,
            expires_at=timezone.now() + datetime.timedelta(days=1),
            answered_at=timezone.now() if number % 3 == 0 else None,
        )
    assert count() == few
