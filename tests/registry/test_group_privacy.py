"""A «ученик – ученик» group seen by one of its children: the group's shared part, their own plan
and their own diary — nothing of the other children's, and never the mentor's diary."""

import datetime

import pytest
from django.urls import reverse

from registry.models import DevelopmentPlan, DiaryEntry, Meeting, Mentor, Pair
from registry.services.accounts import create_account

from .factories import MenteeFactory, MentorFactory, StudentFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def group(programme, forms, today):
    school = programme.school
    mentor = MentorFactory(
        participant=StudentFactory(
            school=school, last_name="Гордеев", first_name="Матвей", class_name="10А"
        ),
        status=Mentor.Status.ACTIVE,
    )
    own, other = (
        MenteeFactory(
            programme=programme,
            participant=StudentFactory(school=school, last_name=last, first_name=first),
        )
        for last, first in (("Лаптева", "Дарья"), ("Зуева", "Вера"))
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
        starts_on=today - 30 * DAY,
    )
    pair.mentees.set([own, other])
    Meeting.objects.create(pair=pair, held_on=today - 2 * DAY, topic="Общая встреча группы")
    DiaryEntry.objects.create(
        pair=pair, diary="mentor", written_on=today - DAY, text="Заметка наставника о группе"
    )
    for mentee, text in ((own, "Мой дневник: понял дроби"), (other, "Чужой дневник: ссора дома")):
        DiaryEntry.objects.create(
            pair=pair, diary="mentee", mentee=mentee, written_on=today - DAY, text=text
        )
    own_plan = DevelopmentPlan.objects.create(pair=pair, mentee=own, goal="Моя цель: дроби")
    own_plan.items.create(task="Моя задача", deadline=today + 5 * DAY)
    other_plan = DevelopmentPlan.objects.create(pair=pair, mentee=other, goal="Чужая цель")
    other_item = other_plan.items.create(task="Чужая задача", deadline=today + 6 * DAY)
    child, _ = create_account(own.participant)
    mentor_user, _ = create_account(mentor.participant)
    return {
        "pair": pair,
        "own": own,
        "other": other,
        "other_item": other_item,
        "child": child,
        "mentor": mentor_user,
    }


def test_a_child_does_not_open_another_childs_plan(client, group):
    pair, other = group["pair"], group["other"]
    client.force_login(group["child"])
    own = reverse("registry:plan_detail", args=[pair.pk, group["own"].pk])
    assert "Моя цель: дроби" in client.get(own).content.decode()
    for url in (
        reverse("registry:plan_detail", args=[pair.pk, other.pk]),
        reverse("registry:plan_item_create", args=[pair.pk, other.pk]),
        reverse("registry:plan_item_status", args=[group["other_item"].pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"plan-goal": "Подмена"}).status_code == 404, url
    assert DevelopmentPlan.objects.get(pair=pair, mentee=other).goal == "Чужая цель"


def test_a_childs_timeline_shows_the_shared_part_and_only_their_own(client, group):
    client.force_login(group["child"])
    response = client.get(reverse("registry:pair_timeline", args=[group["pair"].pk]))
    html = response.content.decode()
    assert "Общая встреча группы" in html
    assert "Мой дневник: понял дроби" in html
    assert "Моя задача" in html
    for hidden in ("Чужой дневник", "Заметка наставника", "Чужая задача"):
        assert hidden not in html, hidden
    other_plan = reverse("registry:plan_detail", args=[group["pair"].pk, group["other"].pk])
    assert other_plan not in html


def test_a_childs_pages_link_only_their_own_plan(client, group):
    pair = group["pair"]
    own = reverse("registry:plan_detail", args=[pair.pk, group["own"].pk])
    other = reverse("registry:plan_detail", args=[pair.pk, group["other"].pk])
    client.force_login(group["child"])
    for name, args in (("registry:my_pairs", []), ("registry:diary_create", [pair.pk, "mentee"])):
        html = client.get(reverse(name, args=args)).content.decode()
        assert own in html and other not in html, name
    # the card of the pair is the staff's and the mentor's: the child is sent to the timeline
    html = client.get(reverse("registry:my_pairs")).content.decode()
    assert f'href="{reverse("registry:pair_detail", args=[pair.pk])}"' not in html
    assert f'href="{reverse("registry:pair_timeline", args=[pair.pk])}"' in html


@pytest.mark.parametrize("reader", ["mentor", "curator", "working_group"])
def test_the_mentor_and_the_staff_read_the_whole_group(client, request, group, reader):
    user = group["mentor"] if reader == "mentor" else request.getfixturevalue(reader)
    client.force_login(user)
    pair = group["pair"]
    html = client.get(reverse("registry:pair_timeline", args=[pair.pk])).content.decode()
    for text in ("Заметка наставника", "Мой дневник", "Чужой дневник", "Чужая задача"):
        assert text in html, text
    other = reverse("registry:plan_detail", args=[pair.pk, group["other"].pk])
    assert client.get(other).status_code == 200
