"""The demo municipality (``seed_demo``): built once for the module, each test sees it afresh.

Seeding takes most of a minute, so the module seeds once, inside a transaction rolled back at its
end (tests/module_data.py); every test runs in its own savepoint within it.
"""

import contextvars
import io
import re

import pytest
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
from stages import reference
from stages.models import RoadmapItem
from stages.selectors import overall_progress, stage_progress
from surveys import demo as surveys_demo
from surveys.models import Answer, Distribution, Invitation, Question, Response

from .documents import pdf_text
from .module_data import rolled_back


def seed_demo(**options):
    """As an operator runs it: outside any school scope (the command opens its own), not inside
    the tests' scopes_disabled()."""
    contextvars.Context().run(call_command, "seed_demo", **options)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The seeded database for the module; the command's output."""
    from registry import reference as registry_reference

    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("demo-media")):
        # A transactional test before this module may have flushed the reference data.
        reference.load()
        registry_reference.load()
        out = io.StringIO()
        seed_demo(stdout=out)
        yield out.getvalue()


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
    demo, reference_data, request_categories
):
    from registry.models import Mentee, Mentor

    first = School.objects.get(short_name="МБОУ «СОШ № 1»")
    assert Mentor.objects.filter(school=first).count() == 60
    last_year = first.programmes.get(archived_at__isnull=False)
    assert Mentee.objects.filter(programme=last_year).count() == 150
    _assert_last_year_carried_over()
    counts = _registry_counts()
    assert all(counts)
    seed_demo()
    assert _registry_counts() == counts


def test_seed_demo_builds_a_municipality_once(demo, reference_data):
    out = demo
    assert "curator1" in out and "mnc" in out and "rnc" in out and "demo2026" in out
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

    seed_demo()
    assert (
        Municipality.objects.count(),
        School.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Programme.objects.count(),
        RoadmapItem.objects.count(),
    ) == counts
    assert RoadmapItem.objects.filter(status="done").count() == done_before


def test_demo_roadmaps_are_partly_done_with_overdue_items(demo, reference_data):
    for programme in Programme.objects.all():
        progress = overall_progress(stage_progress(programme))
        assert 0 < progress.done < progress.total
        assert progress.overdue > 0


def test_demo_orders_are_numbered_and_one_awaits_the_director(demo, reference_data):
    from reports.models import Order

    for programme in Programme.objects.filter(archived_at__isnull=True):
        approved = programme.orders.filter(status=Order.Status.APPROVED)
        # The five orders of September and October, then the order approving the new pairs.
        new_pairs = programme.pairs.filter(continued_from__isnull=True).exists()
        expected = list(range(1, 7 if new_pairs else 6))
        assert sorted(approved.values_list("number", flat=True)) == expected
        assert all(order.pdf_file and order.docx_file for order in approved)
        assert programme.curator is not None
    for short_name in ("МБОУ «СОШ № 1»", "МБОУ «Лицей № 2»", "МБОУ «СОШ № 3»"):
        programme = Programme.objects.get(school__short_name=short_name, archived_at=None)
        assert programme.orders.filter(status=Order.Status.SUBMITTED).exists()


def test_demo_users_can_log_in(client, demo, reference_data):
    assert client.login(request=HttpRequest(), username="curator1", password="demo2026")


def test_demo_programmes_have_totals_and_monthly_reports_in_every_status(demo, reference_data):
    from reports.models import MonthlyReport
    from reports.monthly.services import due_periods, latest_due_period

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
    seed_demo()
    assert MonthlyReport.objects.count() == count


# --- survey answers ---------------------------------------------------------------------------


def _survey_counts():
    return [model.objects.count() for model in (Distribution, Invitation, Response, Answer)]


def test_demo_answers_are_valid_and_show_growth(demo, reference_data, request_categories):
    _answers_fit_each_question_kind()
    _growth_has_input_and_output_of_the_same_people()
    _requests_include_link_answers_and_reminders()


def _answers_fit_each_question_kind():
    answers = Answer.objects.select_related("question")
    assert answers.exists()
    kinds = set()
    for answer in answers.iterator():
        question = answer.question
        kinds.add(question.kind)
        if question.is_scale:
            assert answer.number in question.scale_values
        elif question.kind == Question.Kind.YES_NO:
            assert answer.number in (0, 1)
        elif question.kind == Question.Kind.SINGLE:
            assert len(answer.choices) == 1 and answer.choices[0] in question.options
        elif question.kind == Question.Kind.MULTIPLE:
            assert answer.choices and set(answer.choices) <= set(question.options)
        else:
            assert answer.text.strip()
    assert kinds == set(Question.Kind.values)


def _growth_has_input_and_output_of_the_same_people():
    for code in ("monitoring_growth", "monitoring_growth_teachers"):
        responses = Response.objects.filter(distribution__questionnaire__code=code)
        before = set(responses.filter(phase="input").values_list("participant", flat=True))
        after = set(responses.filter(phase="output").values_list("participant", flat=True))
        assert after and after <= before
    scales = Answer.objects.filter(question__kind=Question.Kind.SCALE)
    anxiety = scales.filter(question__measure="тревожность")
    growth = scales.filter(
        question__questionnaire__code="monitoring_growth", question__higher_is_better=True
    )

    def mean(answers, phase):
        numbers = list(answers.filter(response__phase=phase).values_list("number", flat=True))
        return sum(numbers) / len(numbers)

    assert mean(growth, "output") > mean(growth, "input")
    assert mean(anxiety, "output") < mean(anxiety, "input")


def _requests_include_link_answers_and_reminders():
    requests = Response.objects.filter(distribution__questionnaire__code="student_requests")
    assert requests.filter(participant__isnull=True).exists()
    assert requests.filter(participant__isnull=False).exists()
    assert Invitation.objects.filter(answered_at__isnull=True).exists()
    for code in ("satisfaction_mentees", "satisfaction_mentors", "monitoring_quality"):
        assert Response.objects.filter(distribution__questionnaire__code=code).exists()


def test_seed_demo_twice_does_not_duplicate_answers(demo, reference_data, request_categories):
    counts = _survey_counts()
    assert all(counts)
    seed_demo()
    assert _survey_counts() == counts
    distribution = Distribution.objects.first()
    assert surveys_demo.build_answers(distribution.programme, seed=0) == 0


# --- a consistent demo -------------------------------------------------------------------------

CITED_ORDER = re.compile(r"Приказ\s+от\s+(\d\d\.\d\d\.\d{4})\s+№\s+(\d+)")


def test_demo_cites_only_orders_that_exist(demo, reference_data):
    """Pairs (this year's and those continued from last year) are approved by a real order
    «Об утверждении наставнических пар (групп)» of their school, and the pairs list cites it."""
    from registry.models import Pair
    from reports.builders.registries import pairs_list_document
    from reports.documents import render_pdf
    from reports.models import Order
    from stages.models import OrderKind

    approved = Order.objects.filter(status=Order.Status.APPROVED)
    existing = {(order.school_id, order.reference) for order in approved}
    cited = Pair.objects.exclude(approval_note="").select_related("programme")
    assert cited.count() == Pair.objects.exclude(status=Pair.Status.DRAFT).count()
    for pair in cited:
        assert (pair.programme.school_id, pair.approval_note) in existing, pair.approval_note
    formed = Programme.objects.filter(pairs__continued_from__isnull=True).distinct()
    assert formed.count() > Programme.objects.count() / 2
    for programme in formed:
        pairs_order = programme.orders.get(kind=OrderKind.PAIRS, status=Order.Status.APPROVED)
        assert pairs_order.pairs.exists()
        assert not pairs_order.pairs.filter(status=Pair.Status.DRAFT).exists()

    programme = Programme.objects.get(school__short_name="МБОУ «СОШ № 1»", archived_at=None)
    text = pdf_text(render_pdf(pairs_list_document(programme)))
    numbers = set(CITED_ORDER.findall(text))
    assert numbers
    school_orders = {
        (f"{order.order_date:%d.%m.%Y}", str(order.number))
        for order in approved.filter(school=programme.school)
    }
    assert numbers <= school_orders
    assert "№ 45" not in text


def test_every_working_mentor_has_an_open_pair(demo, reference_data):
    from registry.models import Mentor, Pair

    working = Mentor.objects.filter(status=Mentor.Status.ACTIVE)
    assert working.exists()
    for mentor in working:
        assert Pair.objects.open().filter(mentor=mentor).exists(), mentor.participant.full_name


def test_demo_teacher_mentors_have_consent_and_agreement(demo, reference_data):
    from registry.models import Consent, MentoringAgreement

    agreements = MentoringAgreement.objects.select_related("mentor__participant")
    assert agreements.exists()
    assert agreements.filter(payment="percent").exists()
    for agreement in agreements:
        assert agreement.mentees.exists()
        assert Consent.objects.filter(
            participant=agreement.mentor.participant,
            kind=Consent.Kind.TEACHER_MENTORING,
            signed_on__lte=agreement.signed_on,
        ).exists()


def test_demo_monitoring_shows_effect_sizes_and_pair_durations(client, demo, reference_data):
    from django.urls import reverse

    from surveys.analytics.growth import growth_report
    from surveys.analytics.survival import duration_curves

    programme = Programme.objects.get(school__short_name="МБОУ «СОШ № 1»", archived_at=None)
    totals = [c.total.effect for c in growth_report(programme)]
    assert totals and all(effect.available for effect in totals)
    assert duration_curves(programme.pairs.all(), timezone.localdate())
    client.force_login(User.objects.get(username="curator1"))
    page = client.get(reverse("surveys:monitoring", args=[programme.pk])).content.decode()
    assert re.search(
        r"<strong>−?\d,\d\d \[−?\d,\d\d; −?\d,\d\d\]</strong> — (выше|ниже|в пред)", page
    )
    assert "Ориентир метаанализа: 0,21" in page and 'class="survival-chart"' in page


def test_demo_has_closed_pairs_support_contacts_and_planned_meetings(demo, reference_data):
    from registry.models import Meeting, Pair, SupportContact

    planned = Pair.objects.filter(closure_reason=Pair.ClosureReason.GOAL_REACHED)
    assert planned.exists()
    for pair in planned:
        assert pair.meetings.filter(kind=Meeting.Kind.FINAL).exists()
    early = Pair.objects.filter(
        closure_kind=Pair.ClosureKind.EARLY, closure_reason=Pair.ClosureReason.MOVED
    )
    assert early.exists() and all(pair.termination_reason for pair in early)
    assert SupportContact.objects.values("pair").distinct().count() >= 10
    assert SupportContact.objects.filter(person=SupportContact.Person.PARENT).exists()
    assert Meeting.objects.filter(held_on__gt=timezone.localdate()).exists()
