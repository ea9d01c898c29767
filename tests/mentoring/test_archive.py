"""Retention: a finished programme goes to the archive and is read-only everywhere."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from mentoring.archive import ArchiveError, ProgrammeArchived, archive_programme
from mentoring.models import AcademicYear
from registry.models import Meeting, MentoringForm, Pair
from reports.models import Order
from stages.models import RoadmapItem

from ..factories import ProgrammeFactory, UserFactory
from ..registry.factories import ready_mentee, ready_student_mentor

MESSAGE = "Программа 2020/2021 в архиве: данные только для чтения."


@pytest.fixture
def past_year(db):
    return AcademicYear.objects.create(
        name="2020/2021",
        start_date=datetime.date(2020, 9, 1),
        end_date=datetime.date(2021, 8, 31),
    )


@pytest.fixture
def old_programme(reference_data, school, past_year):
    return ProgrammeFactory(school=school, year=past_year)


@pytest.fixture
def archived(old_programme, director):
    return archive_programme(old_programme, by=director)


@pytest.fixture
def pair(archived, mentor, forms, request_categories):
    from mentoring.archive import archive_guard_lifted

    with archive_guard_lifted():
        pair = Pair.objects.create(
            programme=archived, mentor=mentor, form=forms["student_student"], status="active"
        )
    return pair


def _refused(response):
    assert response.status_code == 403
    assert MESSAGE in response.content.decode()


def test_director_archives_after_the_year_ended(client, old_programme, director):
    client.force_login(director)
    url = reverse("stages:programme_archive", args=[old_programme.pk])
    page = client.get(url).content.decode()
    assert "Архивировать программу" in page
    response = client.post(url)
    assert response.status_code == 302
    old_programme.refresh_from_db()
    assert old_programme.archived_at is not None and old_programme.archived_by == director
    roadmap = client.get(reverse("stages:roadmap", args=[old_programme.pk])).content.decode()
    assert "В архиве" in roadmap and "Добавить мероприятие" not in roadmap


def test_not_before_the_year_ends(client, programme, director):
    client.force_login(director)
    url = reverse("stages:programme_archive", args=[programme.pk])
    assert "ещё не закончился" in client.get(url).content.decode()
    client.post(url)
    programme.refresh_from_db()
    assert programme.archived_at is None
    with pytest.raises(ArchiveError):
        archive_programme(programme, by=director)


def test_only_the_director_archives(client, old_programme, curator, working_group):
    url = reverse("stages:programme_archive", args=[old_programme.pk])
    for user in (curator, working_group):
        client.force_login(user)
        assert "может только директор" in client.get(url).content.decode()
        assert client.post(url).status_code == 403
    old_programme.refresh_from_db()
    assert old_programme.archived_at is None


def test_other_school_gets_404(client, old_programme, other_curator):
    client.force_login(other_curator)
    url = reverse("stages:programme_archive", args=[old_programme.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_roadmap_status_change_is_refused(client, archived, curator):
    item = archived.roadmap_items.first()
    client.force_login(curator)
    _refused(client.post(reverse("stages:item_status", args=[item.pk]), {"status": "done"}))
    item.refresh_from_db()
    assert item.status == RoadmapItem.Status.PLANNED


def test_pair_create_is_refused(client, archived, curator, forms):
    mentor = ready_student_mentor(archived.school)
    from mentoring.archive import archive_guard_lifted

    with archive_guard_lifted():
        mentee = ready_mentee(archived, class_name="6А")
    client.force_login(curator)
    response = client.post(
        reverse("registry:pair_create", args=[archived.pk]),
        {"mentor": mentor.pk, "mentees": [mentee.pk], "form": forms["student_student"].pk},
    )
    _refused(response)
    assert not Pair.objects.exists()


def test_meeting_create_is_refused(client, pair, curator, today):
    client.force_login(curator)
    response = client.post(
        reverse("registry:meeting_create", args=[pair.pk]),
        {"kind": "working", "held_on": today.isoformat(), "format": "online", "topic": "Цели"},
    )
    _refused(response)
    assert not Meeting.objects.exists()


def test_order_create_is_refused(client, archived, curator):
    client.force_login(curator)
    response = client.post(
        reverse("reports:order_create", args=[archived.pk]), {"kind": "implementation"}
    )
    _refused(response)
    assert not Order.objects.exists()


def test_reads_still_work(client, pair, curator):
    client.force_login(curator)
    for url in (
        reverse("stages:roadmap", args=[pair.programme_id]),
        reverse("registry:pair_list", args=[pair.programme_id]),
        reverse("registry:pair_detail", args=[pair.pk]),
        reverse("reports:roadmap_export", args=[pair.programme_id, "xlsx"]),
        reverse("reports:school_dashboard", args=[pair.programme.school_id]),
    ):
        assert client.get(url).status_code == 200, url
    pairs_page = client.get(reverse("registry:pair_list", args=[pair.programme_id]))
    assert "В архиве" in pairs_page.content.decode()


def test_writes_outside_views_are_refused_too(archived, mentor):
    item = archived.roadmap_items.first()
    item.status = RoadmapItem.Status.DONE
    attempts = [
        item.save,
        item.delete,
        lambda: Pair.objects.create(
            programme=archived, mentor=mentor, form=MentoringForm.objects.first()
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ProgrammeArchived, match="в архиве"), transaction.atomic():
            attempt()
    archived.title = "Другое"
    with pytest.raises(ProgrammeArchived), transaction.atomic():
        archived.save()


def test_unarchive_by_superuser_only(client, archived, director, curator):
    url = reverse("stages:programme_unarchive", args=[archived.pk])
    for user in (director, curator):
        client.force_login(user)
        assert client.post(url).status_code == 403
    archived.refresh_from_db()
    assert archived.archived_at is not None
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert (
        "Вернуть из архива"
        in client.get(reverse("stages:roadmap", args=[archived.pk])).content.decode()
    )
    assert client.post(url).status_code == 302
    archived.refresh_from_db()
    assert archived.archived_at is None
    item = archived.roadmap_items.first()
    item.status = RoadmapItem.Status.DONE
    item.save()
