import datetime

from django.urls import reverse

from stages.models import RoadmapItem, Stage

from ..factories import ProgrammeFactory, SchoolFactory


def test_school_dashboard_shows_overdue_and_upcoming(client, programme, curator, today):
    items = list(programme.roadmap_items.order_by("position"))
    programme.roadmap_items.update(deadline=today + datetime.timedelta(days=90))
    items[0].deadline = today - datetime.timedelta(days=1)
    items[0].save()
    items[1].deadline = today + datetime.timedelta(days=3)
    items[1].save()
    client.force_login(curator)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    assert "Просрочено" in page and items[0].activity[:40] in page
    assert "Срок в ближайшие 14 дней" in page and items[1].activity[:40] in page
    assert 'id="overdue-count">1<' in page


def test_dashboard_without_programme_offers_to_start_one(
    client, reference_data, school, curator, current_year
):
    client.force_login(curator)
    page = client.get(school.get_absolute_url()).content.decode()
    assert "ещё не начата" in page
    response = client.post(reverse("start_programme", args=[school.pk]))
    programme = school.programmes.get()
    assert response["Location"] == programme.get_absolute_url()
    assert programme.roadmap_items.count() > 30


def test_municipality_overview_lists_schools_with_progress(
    client, programme, other_programme, officer
):
    programme.roadmap_items.filter(stage__number=2).update(status=RoadmapItem.Status.DONE)
    client.force_login(officer)
    page = client.get(programme.school.municipality.get_absolute_url()).content.decode()
    assert programme.school.short_name in page
    assert other_programme.school.short_name not in page
    # the stage of work is the latest with a done item, though stage 1 is still open
    assert f"2. {Stage.objects.get(number=2).short_name}" in page


def test_municipality_overview_queries_do_not_grow_with_schools(
    client, programme, officer, current_year
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = programme.school.municipality.get_absolute_url()
    client.force_login(officer)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        ProgrammeFactory(
            school=SchoolFactory(municipality=programme.school.municipality), year=current_year
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("Выполнено 0 из") == 5
    # 14: one of them is the request's school scope (mentoring/scoping.py), one the pairs of the
    # duration curves by form.
    assert len(many.captured_queries) == len(few.captured_queries) <= 14


def test_other_officer_gets_404(client, municipality, other_officer):
    client.force_login(other_officer)
    assert client.get(municipality.get_absolute_url()).status_code == 404


def test_dashboard_lists_pairs_without_meetings_for_30_days(client, programme, curator, today):
    from registry import reference
    from registry.models import Meeting, MentoringForm, Pair

    from ..registry.factories import ready_student_mentor

    reference.load_forms()
    form = MentoringForm.objects.get(code="student_student")
    start = today - datetime.timedelta(days=90)
    stale_mentor = ready_student_mentor(programme.school)
    fresh_mentor = ready_student_mentor(programme.school)
    stale = Pair.objects.create(
        programme=programme, mentor=stale_mentor, form=form, status="active", starts_on=start
    )
    fresh = Pair.objects.create(
        programme=programme, mentor=fresh_mentor, form=form, status="active", starts_on=start
    )
    Meeting.objects.create(pair=stale, held_on=today - datetime.timedelta(days=40), topic="Т")
    Meeting.objects.create(pair=fresh, held_on=today - datetime.timedelta(days=3), topic="Т")
    client.force_login(curator)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    section = page[page.index('id="stale-pairs"') :]
    assert stale_mentor.participant.full_name in section
    assert fresh_mentor.participant.full_name not in section.split("</ul>")[0]


def test_officer_reads_stale_pairs_without_names(client, programme, officer, curator, today):
    """Student mentors are children: the centre gets the count and the form, not the name."""
    from registry import reference
    from registry.models import Meeting, MentoringForm, Pair

    from ..registry.factories import ready_student_mentor

    reference.load_forms()
    form = MentoringForm.objects.get(code="student_student")
    mentor = ready_student_mentor(programme.school)
    # A surname that no staff name or patronymic on the page contains.
    mentor.participant.last_name = "Шереметьева"
    mentor.participant.save()
    stale = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=form,
        status="active",
        starts_on=today - datetime.timedelta(days=90),
    )
    Meeting.objects.create(pair=stale, held_on=today - datetime.timedelta(days=40), topic="Т")
    client.force_login(officer)
    page = client.get(programme.school.get_absolute_url()).content.decode()
    section = page[page.index("Пары без встреч 30 дней") :].split("</ul>")[0]
    assert 'id="stale-count">1<' in section and form.name in section
    assert (today - datetime.timedelta(days=40)).strftime("%d.%m.%Y") in section
    assert mentor.participant.last_name not in page
    assert stale.get_absolute_url() not in page
