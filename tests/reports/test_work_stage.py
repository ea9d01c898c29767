import datetime

import pytest
from django.urls import reverse

from registry.models import Meeting, Pair
from registry.work_stage import Lag, work_stage_by_programme
from stages.models import RoadmapItem

from ..registry.factories import ready_mentee, ready_student_mentor

pytestmark = pytest.mark.today("2026-12-10")

TODAY = datetime.date(2026, 12, 10)


def _set(programme, stage_number, status, deadline=None, count=None):
    items = programme.roadmap_items.filter(stage__number=stage_number).order_by("position")
    ids = list(items.values_list("id", flat=True))[:count]
    RoadmapItem.objects.filter(id__in=ids).update(status=status, deadline=deadline)


def _working_pair(programme, forms, held_on):
    pair = Pair.objects.create(
        programme=programme,
        mentor=ready_student_mentor(programme.school),
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([ready_mentee(programme)])
    Meeting.objects.create(pair=pair, held_on=held_on, topic="Разбор задач")
    return pair


@pytest.fixture
def december_school(programme, forms):
    """Stages 1–5 done except two overdue items of stage 1, pairs meeting since November."""
    for number in range(1, 6):
        _set(programme, number, RoadmapItem.Status.DONE)
    _set(programme, 1, RoadmapItem.Status.PLANNED, deadline=datetime.date(2026, 9, 30), count=2)
    _working_pair(programme, forms, datetime.date(2026, 11, 20))
    return programme


def test_working_pairs_put_the_school_at_their_stage_with_the_lag_beside(december_school):
    work = work_stage_by_programme([december_school.pk], TODAY)[december_school.pk]
    assert work.stage.number == 6
    assert work.lags == [Lag(1, 2)]
    assert work.lag_label == "отстаёт: 2 просроченных в этапе 1"


def test_without_meetings_the_latest_stage_with_a_done_item(programme):
    _set(programme, 3, RoadmapItem.Status.DONE, count=1)
    _set(programme, 1, RoadmapItem.Status.IN_PROGRESS, deadline=datetime.date(2026, 10, 1))
    _set(programme, 2, RoadmapItem.Status.DONE)
    _set(programme, 2, RoadmapItem.Status.PLANNED, deadline=datetime.date(2026, 11, 1), count=1)
    work = work_stage_by_programme([programme.pk], TODAY)[programme.pk]
    assert work.stage.number == 3
    overdue_first = programme.roadmap_items.filter(stage__number=1).count()
    assert work.lags == [Lag(1, overdue_first), Lag(2, 1)]
    total = overdue_first + 1
    assert work.lag_label.startswith(f"отстаёт: {total} просроч")
    assert work.lag_label.endswith("в этапах 1 и 2")


def test_a_meeting_after_the_day_is_no_activity_yet(programme, forms):
    _working_pair(programme, forms, datetime.date(2026, 12, 20))
    work = work_stage_by_programme([programme.pk], TODAY)[programme.pk]
    assert work.stage.number == 1
    assert work.lags == []


def test_every_item_done_is_the_end(programme):
    programme.roadmap_items.update(status=RoadmapItem.Status.DONE)
    assert work_stage_by_programme([programme.pk], TODAY)[programme.pk].stage is None


def test_overview_shows_the_stage_of_work_its_lag_and_definition(
    client, december_school, municipality, officer
):
    client.force_login(officer)
    page = client.get(reverse("reports:municipality_overview", args=[municipality.pk]))
    html = page.content.decode()
    row = html.split(f'data-school="{december_school.school_id}"', 1)[1].split("</tr>", 1)[0]
    assert "6. Работа пар/групп" in row
    assert "отстаёт: 2 просроченных в этапе 1" in row
    assert 'title="последний этап, на котором идёт работа' in row
    assert 'id="stage-definition">Текущий этап — последний этап' in html
