import datetime

from django.urls import reverse

from mentoring.models import Programme
from stages import reference
from stages.models import RoadmapItem, RoadmapTemplate, Stage, TemplateItem
from stages.services import create_roadmap, start_programme

from ..factories import SchoolFactory, UserFactory


def test_seven_stages_from_the_methodology(reference_data):
    names = list(Stage.objects.values_list("number", "name"))
    assert [n for n, _ in names] == [1, 2, 3, 4, 5, 6, 7]
    assert names[4][1] == "Формирование наставнических пар/групп"
    assert all(stage.goal for stage in Stage.objects.all())


def test_loading_twice_does_not_duplicate(reference_data):
    before = TemplateItem.objects.count()
    reference.load()
    assert TemplateItem.objects.count() == before
    assert RoadmapTemplate.objects.filter(is_default=True).count() == 1


def test_template_covers_every_stage_and_the_orders(reference_data):
    template = RoadmapTemplate.objects.get(is_default=True)
    assert set(template.items.values_list("stage__number", flat=True)) == set(range(1, 8))
    kinds = set(template.items.exclude(order_kind="").values_list("order_kind", flat=True))
    assert {"curator", "mentor_registry", "pairs", "awards"} <= kinds


def test_new_programme_gets_the_template_with_dated_deadlines(reference_data, school, current_year):
    programme, created = start_programme(school, current_year, goals="Цели школы")
    assert created and programme.goals == "Цели школы"
    template = RoadmapTemplate.objects.get(is_default=True)
    assert programme.roadmap_items.count() == template.items.count()
    source = template.items.exclude(deadline_offset_days=None).first()
    copy = programme.roadmap_items.get(number=source.number)
    assert copy.deadline == current_year.start_date + datetime.timedelta(
        days=source.deadline_offset_days
    )
    assert copy.responsible == source.responsible_title
    assert copy.status == RoadmapItem.Status.PLANNED


def test_create_roadmap_is_idempotent(programme):
    count = programme.roadmap_items.count()
    assert create_roadmap(programme) == 0
    assert programme.roadmap_items.count() == count


def test_starting_again_returns_the_programme_as_it_is(programme):
    count = programme.roadmap_items.count()
    programme.roadmap_items.first().delete()
    again, created = start_programme(programme.school, programme.year, goals="Другие цели")
    assert again == programme and not created
    assert again.roadmap_items.count() == count - 1
    assert again.goals == programme.goals


def test_only_starting_a_programme_builds_its_roadmap(reference_data, school, current_year):
    bare = Programme.objects.create(school=school, year=current_year)
    assert not bare.roadmap_items.exists()


def test_programme_added_in_the_admin_gets_its_roadmap(client, reference_data, current_year):
    school = SchoolFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:mentoring_programme_add"),
        {"school": school.pk, "year": current_year.pk, "title": "Программа наставничества"},
    )
    assert response.status_code == 302
    programme = Programme.objects.get(school=school)
    template = RoadmapTemplate.objects.get(is_default=True)
    assert programme.roadmap_items.count() == template.items.count()
