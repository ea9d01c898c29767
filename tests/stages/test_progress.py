import datetime

from stages import selectors
from stages.models import RoadmapItem, Stage


def _set(programme, numbers, status):
    programme.roadmap_items.filter(number__in=numbers).update(status=status)


def test_stage_progress_counts_done_and_skips_cancelled(programme):
    stage_one = programme.roadmap_items.filter(stage__number=1)
    total = stage_one.count()
    numbers = list(stage_one.values_list("number", flat=True))
    _set(programme, numbers[:2], RoadmapItem.Status.DONE)
    _set(programme, numbers[2:3], RoadmapItem.Status.CANCELLED)
    progress = selectors.stage_progress(programme)[0]
    assert progress.stage.number == 1
    assert (progress.done, progress.total) == (2, total - 1)
    assert progress.percent == round(200 / (total - 1))


def test_every_stage_is_listed_even_without_items(programme):
    programme.roadmap_items.filter(stage__number=7).delete()
    progress = selectors.stage_progress(programme)
    assert len(progress) == Stage.objects.count() == 7
    assert progress[6].total == 0 and progress[6].percent == 0


def test_overdue_is_past_deadline_and_not_done(programme, today):
    items = list(programme.roadmap_items.order_by("position")[:3])
    for item, status in zip(items, ["planned", "in_progress", "done"], strict=True):
        item.deadline = today - datetime.timedelta(days=3)
        item.status = status
        item.save()
    later = programme.roadmap_items.exclude(pk__in=[i.pk for i in items])
    later.update(deadline=today + datetime.timedelta(days=30))
    overdue = list(selectors.overdue_items(programme, today))
    assert overdue == items[:2]
    assert items[0].is_overdue(today) and not items[2].is_overdue(today)
    assert selectors.overall_progress(selectors.stage_progress(programme, today)).overdue == 2


def test_upcoming_within_14_days(programme, today):
    programme.roadmap_items.update(deadline=today + datetime.timedelta(days=60))
    soon = programme.roadmap_items.order_by("position").first()
    soon.deadline = today + datetime.timedelta(days=14)
    soon.save()
    assert list(selectors.upcoming_items(programme, 14, today)) == [soon]


def test_progress_of_many_programmes_in_one_query(
    programme, other_programme, django_assert_num_queries
):
    _set(programme, ["1.1"], RoadmapItem.Status.DONE)
    with django_assert_num_queries(1):
        progress = selectors.progress_by_programme([programme.pk, other_programme.pk])
    assert progress[programme.pk].done == 1
    assert progress[other_programme.pk].done == 0
