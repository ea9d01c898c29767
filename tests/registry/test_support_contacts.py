"""Support contacts: the curator records check-ins; health checks ask for them monthly."""

import datetime
import re

import pytest
from django.urls import reverse

from registry import health, support_checks
from registry.models import MentoringForm, Pair, SupportContact

from .factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory, years_ago

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]
DAY = datetime.timedelta(days=1)


def make_pair(programme, *mentees, starts_on, status=Pair.Status.ACTIVE):
    mentor = MentorFactory(participant=ParticipantFactory(school=programme.school))
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        starts_on=starts_on,
        status=status,
    )
    pair.mentees.set(mentees or [MenteeFactory(programme=programme)])
    return pair


def contact(pair, day, person=SupportContact.Person.MENTOR, **fields):
    return SupportContact.objects.create(
        pair=pair, contacted_on=day, channel=SupportContact.Channel.PHONE, person=person, **fields
    )


@pytest.fixture
def pair(programme, forms, today):
    return make_pair(programme, starts_on=today - 120 * DAY)


def post(client, pair, **data):
    url = reverse("registry:support_contacts", args=[pair.pk])
    return client.post(url, {"contacted_on": "2026-11-25", "channel": "phone", **data})


def test_curator_records_a_contact_with_the_parent_of_a_minor(client, curator, pair):
    client.force_login(curator)
    response = post(client, pair, person="parent", notes="Мама довольна", follow_up="Позвонить")
    assert response.status_code == 302
    saved = SupportContact.objects.get()
    assert saved.person == "parent" and saved.mentee == pair.mentees.get()
    assert saved.recorded_by == curator
    page = client.get(response["Location"]).content.decode()
    assert "Мама довольна" in page and "Позвонить" in page


def test_parent_only_for_a_minor_mentee(client, curator, programme, today):
    adult = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=programme.school, birth_date=years_ago(18) - DAY),
    )
    pair = make_pair(programme, adult, starts_on=today - 60 * DAY)
    client.force_login(curator)
    page = post(client, pair, person="parent").content.decode()
    assert "только для несовершеннолетнего наставляемого" in page
    assert not SupportContact.objects.exists()
    assert post(client, pair, person="mentee").status_code == 302


def test_in_a_group_the_parent_contact_names_the_child(client, curator, programme, today):
    first, second = MenteeFactory(programme=programme), MenteeFactory(programme=programme)
    group = make_pair(programme, first, second, starts_on=today - 60 * DAY)
    client.force_login(curator)
    page = post(client, group, person="parent").content.decode()
    assert "Выберите наставляемого, с чьим родителем" in page
    assert post(client, group, person="parent", mentee=second.pk).status_code == 302
    assert SupportContact.objects.get().mentee == second


def test_future_contact_date_is_refused(client, curator, pair):
    client.force_login(curator)
    page = post(client, pair, person="mentor", contacted_on="2026-11-27").content.decode()
    assert "позже сегодняшнего дня" in page


def test_the_pairs_mentor_does_not_see_the_contacts(client, pair, mentor_user):
    pair.mentor.participant.user = mentor_user
    pair.mentor.participant.save()
    contact(pair, datetime.date(2026, 11, 20), notes="Наставник устал")
    client.force_login(mentor_user)
    assert client.get(reverse("registry:pair_detail", args=[pair.pk])).status_code == 200
    url = reverse("registry:support_contacts", args=[pair.pk])
    assert client.get(url).status_code == 404
    assert post(client, pair, person="mentor").status_code == 404
    pair_page = client.get(reverse("registry:pair_detail", args=[pair.pk])).content.decode()
    assert "Контакт с участниками" not in pair_page and "Наставник устал" not in pair_page


def test_contacts_are_hidden_from_another_school(client, pair, other_curator):
    client.force_login(other_curator)
    assert client.get(reverse("registry:support_contacts", args=[pair.pk])).status_code == 404


def codes(found, pair):
    return [(c.code, c.reason) for c in found.get(pair.pk, []) if c.code.startswith("support")]


def test_working_pair_without_a_contact_this_month(pair, today):
    contact(pair, datetime.date(2026, 10, 27))
    found = health.concerns([pair], today)
    assert codes(found, pair) == [
        (
            "support_month",
            "Нет контакта куратора с участниками за ноябрь 2026 (последний — 27.10.2026)",
        )
    ]
    concern = next(c for c in found[pair.pk] if c.code == "support_month")
    assert concern.action == "Связаться с наставником и наставляемым"
    assert concern.url == reverse("registry:support_contacts", args=[pair.pk])
    contact(pair, datetime.date(2026, 11, 2))
    assert codes(health.concerns([pair], today), pair) == []


def test_a_contact_late_last_month_still_counts_early_in_this_one(pair):
    contact(pair, datetime.date(2026, 10, 28))
    assert codes(health.concerns([pair], datetime.date(2026, 11, 26)), pair) == []
    assert [
        code for code, _ in codes(health.concerns([pair], datetime.date(2026, 11, 27)), pair)
    ] == ["support_month"]


def test_a_pair_never_contacted_is_flagged(pair, today):
    assert codes(health.concerns([pair], today), pair) == [
        (
            "support_month",
            "Нет контакта куратора с участниками за ноябрь 2026 (контактов не было)",
        )
    ]


def test_new_pair_needs_two_contacts_in_its_first_month(programme, today):
    new = make_pair(programme, starts_on=today - 10 * DAY)
    contact(new, today - 20 * DAY)  # before the start: does not count
    contact(new, today - 5 * DAY)
    assert codes(health.concerns([new], today), new) == [
        ("support_new_pair", "Новая пара: 1 контакт за первый месяц (нужно не меньше 2)")
    ]
    contact(new, today - DAY, person=SupportContact.Person.PARENT)
    assert codes(health.concerns([new], today), new) == []


def test_closed_and_draft_pairs_are_not_asked_for_contacts(programme, today):
    closed = make_pair(programme, starts_on=today - 90 * DAY, status=Pair.Status.COMPLETED)
    draft = make_pair(programme, starts_on=None, status=Pair.Status.DRAFT)
    found = health.concerns([closed, draft], today)
    assert codes(found, closed) == [] and codes(found, draft) == []


def test_checks_queries_do_not_grow_with_pairs(programme, today, django_assert_num_queries):
    pairs = [make_pair(programme, starts_on=today - n * 7 * DAY) for n in range(1, 4)]
    with django_assert_num_queries(1):
        few = list(support_checks.support_contacts(health.in_work(pairs, today), today))
    pairs += [make_pair(programme, starts_on=today - n * 7 * DAY) for n in range(1, 9)]
    for pair in pairs[::2]:
        contact(pair, today - DAY)
    with django_assert_num_queries(1):
        many = list(support_checks.support_contacts(health.in_work(pairs, today), today))
    assert len(few) == 3 and len(many) > len(few)


def test_contacts_page_queries_do_not_grow(client, curator, pair, django_assert_max_num_queries):
    client.force_login(curator)
    url = reverse("registry:support_contacts", args=[pair.pk])
    contact(pair, datetime.date(2026, 11, 1), person=SupportContact.Person.PARENT)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for day in range(2, 22):
        contact(pair, datetime.date(2026, 11, day), person=SupportContact.Person.MENTEE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert len(re.findall(r'id="contact-\d+"', page.content.decode())) == 21
