from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from mentoring.models import (
    AcademicYear,
    Membership,
    Municipality,
    Programme,
    Role,
    School,
    User,
)
from stages.models import RoadmapItem
from stages.selectors import overall_progress, stage_progress


def _registry_counts():
    from registry.models import (
        Consent,
        Interview,
        Mentee,
        Mentor,
        Participant,
        SelectionCommission,
        TrainingCertificate,
    )

    return [
        model.objects.count()
        for model in (
            Participant,
            Mentor,
            Mentee,
            Consent,
            SelectionCommission,
            Interview,
            TrainingCertificate,
        )
    ]


def _assert_last_year_carried_over():
    """Every school: last year archived, this year started from it by «Новый учебный год»."""
    from registry.models import Pair, Participant

    this_year = AcademicYear.for_date(timezone.localdate())
    for school in School.objects.all():
        current = school.programmes.get(year=this_year)
        previous = school.programmes.get(year__end_date__lt=this_year.start_date)
        assert previous.is_archived and not current.is_archived
        assert previous.year_turn.to_programme == current
        assert not previous.pairs.open().exists()
        continued = current.pairs.filter(continued_from__programme=previous)
        assert continued.exists()
        for pair in continued:
            assert {m.participant_id for m in pair.mentees.all()} <= {
                m.participant_id for m in pair.continued_from.mentees.all()
            }
        carried = current.mentees.filter(participant__kind=Participant.Kind.STUDENT)
        grades = set(carried.values_list("participant__grade", flat=True))
        assert grades and grades <= set(range(6, 11))  # last year's grades 5–9, one up
        assert previous.mentees.count() > current.mentees.count() > 0
        assert current.roadmap_items.count() == previous.roadmap_items.count()
    assert Pair.objects.filter(status=Pair.Status.TERMINATED).exists()
    graduates = Participant.objects.filter(
        kind=Participant.Kind.GRADUATE, organisation__startswith="выпуск", mentor__isnull=False
    )
    assert graduates.exists()  # last year's 11th-grade mentors stay as graduate mentors


def test_demo_bases_are_of_realistic_size_carried_over_and_built_once(
    reference_data, request_categories
):
    from registry.models import Mentee, Mentor

    call_command("seed_demo")
    first = School.objects.get(short_name="МБОУ «СОШ № 1»")
    assert Mentor.objects.filter(school=first).count() == 60
    last_year = first.programmes.get(archived_at__isnull=False)
    assert Mentee.objects.filter(programme=last_year).count() == 150
    _assert_last_year_carried_over()
    counts = _registry_counts()
    assert all(counts)
    call_command("seed_demo")
    assert _registry_counts() == counts


def test_seed_demo_builds_a_municipality_once(reference_data, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "curator1" in out and "mnc" in out and "demo2026" in out
    counts = (
        Municipality.objects.count(),
        School.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Programme.objects.count(),
        RoadmapItem.objects.count(),
    )
    assert counts[:2] == (1, 10)
    assert "curator10" in out and "director4" in out
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    done_before = RoadmapItem.objects.filter(status="done").count()

    call_command("seed_demo")
    assert (
        Municipality.objects.count(),
        School.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Programme.objects.count(),
        RoadmapItem.objects.count(),
    ) == counts
    assert RoadmapItem.objects.filter(status="done").count() == done_before


def test_demo_roadmaps_are_partly_done_with_overdue_items(reference_data):
    call_command("seed_demo")
    for programme in Programme.objects.all():
        progress = overall_progress(stage_progress(programme))
        assert 0 < progress.done < progress.total
        assert progress.overdue > 0


def test_demo_orders_are_numbered_and_one_awaits_the_director(reference_data):
    from reports.models import Order

    call_command("seed_demo")
    for programme in Programme.objects.filter(archived_at__isnull=True):
        approved = programme.orders.filter(status=Order.Status.APPROVED)
        assert sorted(approved.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
        assert all(order.pdf_file and order.docx_file for order in approved)
        assert programme.curator is not None
    for short_name in ("МБОУ «СОШ № 1»", "МБОУ «Лицей № 2»", "МБОУ «СОШ № 3»"):
        programme = Programme.objects.get(school__short_name=short_name, archived_at=None)
        assert programme.orders.filter(status=Order.Status.SUBMITTED).exists()


def test_demo_users_can_log_in(client, reference_data):
    call_command("seed_demo")
    assert client.login(request=HttpRequest(), username="curator1", password="demo2026")


def test_demo_programmes_have_totals_and_monthly_reports_in_every_status(reference_data):
    from reports.models import MonthlyReport
    from reports.monthly.services import due_periods, latest_due_period

    call_command("seed_demo")
    assert all(p.students_total and p.teachers_total for p in Programme.objects.all())
    programmes = list(Programme.objects.filter(archived_at__isnull=True))
    periods = due_periods(programmes[0])
    if not periods:
        return  # early September: no month of the year is due yet
    reports = MonthlyReport.objects.all()
    latest = set(reports.filter(period=latest_due_period()).values_list("status", flat=True))
    assert latest == {"draft", "submitted", "returned", "accepted"}
    assert reports.filter(period=latest_due_period()).count() < len(programmes)  # some missing
    for older in periods[1:]:
        assert set(reports.filter(period=older).values_list("status", flat=True)) == {"accepted"}
    count = reports.count()
    call_command("seed_demo")
    assert MonthlyReport.objects.count() == count
