"""Every URL pattern, walked: anonymous users go to log-in, users of another school get 404.

A new URL whose kwargs or access rule are not listed here makes these tests fail, so every page
gets an explicit decision.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

PUBLIC = {"login", "logout", "surveys:answer_by_link", "reports:public_programme"}
ANY_SIGNED_IN_USER = {
    "home",
    "stages:stage_reference",
    "registry:my_pairs",
    "surveys:my_surveys",
    # Not school data: the second factor is the user's own; the set-up page answers 404 to
    # anyone but a director or an officer (tests/mentoring/test_two_factor.py), and the code
    # page sends a user without a device on to the home page.
    "two_factor_setup",
    "two_factor_verify",
}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


ROUTES = sorted(set((name, tuple(kwargs)) for name, kwargs in _walk(get_resolver().url_patterns)))


@pytest.fixture
def kwargs_for(programme, municipality, mentor, mentee, curator):
    from registry.models import (
        Award,
        Case,
        DevelopmentPlan,
        ImportBatch,
        Meeting,
        MentoringForm,
        Pair,
        Partner,
        TrainingSession,
    )

    from .registry.factories import (
        CertificateFactory,
        ConsentFactory,
        InterviewFactory,
        TrainingCourseFactory,
    )

    item = programme.roadmap_items.first()
    item.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4"))
    consent = ConsentFactory(participant=mentor.participant)
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4"))
    certificate = CertificateFactory(participant=mentor.participant)
    certificate.scan.save("certificate.pdf", ContentFile(b"%PDF-1.4"))
    portfolio = mentor.files.create(title="Грамота", file=ContentFile(b"%PDF-1.4", "g.pdf"))
    course = TrainingCourseFactory(programme=programme)
    session = TrainingSession.objects.create(
        course=course, held_on=course.starts_on, topic="Роль наставника"
    )
    batch = ImportBatch.objects.create(
        programme=programme,
        kind=ImportBatch.Kind.MENTEES,
        file=ContentFile(b"not a real workbook", "base.xlsx"),
        original_name="base.xlsx",
        uploaded_by=curator,
    )
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([mentee])
    meeting = Meeting.objects.create(pair=pair, held_on=course.starts_on, topic="Знакомство")
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=mentee, goal="Подтянуть математику")
    plan_item = plan.items.create(task="Решить 20 задач")
    case = Case.objects.create(
        programme=programme, pair=pair, title="Клуб", what_was_done="…", results="…"
    )
    from reports.models import MonthlyReport, NameOverride
    from reports.orders.services import create_order
    from surveys.models import Distribution, Invitation, Questionnaire
    from surveys.services.distribution import end_of_day

    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Анкета", purpose="other", audience="all"
    )
    question = questionnaire.questions.create(text="Как дела?", kind="scale", position=1)
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка",
        deadline=course.starts_on,
    )
    invitation = Invitation.objects.create(
        distribution=distribution,
        user=curator,
        respondent_name="Тимофеева",
        expires_at=end_of_day(timezone.localdate() + datetime.timedelta(days=7)),
    )
    values = {
        "school_id": programme.school_id,
        "programme_id": programme.pk,
        "item_id": item.pk,
        "municipality_id": municipality.pk,
        "fmt": "pdf",
        "period": f"{timezone.localdate():%Y-%m}",
        "year": timezone.localdate().year,
        "quarter": (timezone.localdate().month - 1) // 3 + 1,
        "year_start": programme.year.start_date.year,
        "participant_id": mentor.participant_id,
        "model": "participant",
        "object_id": mentor.participant_id,
        "mentor_id": mentor.pk,
        "mentee_id": mentee.pk,
        "consent_id": consent.pk,
        "certificate_id": certificate.pk,
        "file_id": portfolio.pk,
        "interview_id": InterviewFactory(mentor=mentor, programme=programme).pk,
        "course_id": course.pk,
        "session_id": session.pk,
        "batch_id": batch.pk,
        "kind": "mentees",
        "pair_id": pair.pk,
        "meeting_id": meeting.pk,
        "plan_item_id": plan_item.pk,
        "case_id": case.pk,
        "diary": "mentor",
        "distribution_id": distribution.pk,
        "invitation_id": invitation.pk,
        "token": invitation.token,
        "questionnaire_id": questionnaire.pk,
        "question_id": question.pk,
        "response_id": distribution.responses.create().pk,
        "order_id": create_order(programme, "implementation", by=curator).pk,
        "report_id": MonthlyReport.objects.create(
            school=programme.school, programme=programme, period=programme.year.start_date
        ).pk,
        "override_id": NameOverride.objects.create(
            school=programme.school, nominative="Гусь Ольга Кирилловна", genitive="Гусь Ольги"
        ).pk,
        "partner_id": Partner.objects.create(school=programme.school, name="ООО «Вектор»").pk,
        "award_id": Award.objects.create(
            programme=programme,
            kind=Award.Kind.BEST_MENTOR,
            mentor=mentor,
            awarded_on=course.starts_on,
        ).pk,  # fmt: skip
    }

    def build(names):
        missing = [name for name in names if name not in values]
        assert not missing, f"tests/test_url_walk.py does not know URL kwargs {missing}"
        return {name: values[name] for name in names}

    return build


def _url(name, kwargs, kwargs_for):
    return reverse(name, kwargs=kwargs_for(kwargs))


def test_routes_were_found():
    names = {name for name, _ in ROUTES}
    assert {"stages:roadmap", "reports:school_dashboard", "home"} <= names


SCOPED = {name for name, _ in ROUTES} - PUBLIC - ANY_SIGNED_IN_USER
OUTSIDERS = ["other_curator", "other_officer", "mentor_user"]
OWNERS = {
    "reports:municipality_overview": "officer",
    "reports:consolidated_monthly": "officer",
    "reports:personified_accounting": "officer",
    "reports:quality_assessment": "officer",
    "registry:my_pairs": "mentor_user",
    "surveys:answer_invitation": "curator",
    "reports:order_approve": "director",
    "reports:monthly_accept": "officer",
    "reports:monthly_return": "officer",
    "reports:monthly_reopen": "officer",
    "reports:order_return": "director",
    "two_factor_setup": "director",
}


@pytest.mark.parametrize(("name", "kwargs"), [r for r in ROUTES if r[0] not in PUBLIC])
def test_every_door(client, kwargs_for, request, name, kwargs):
    """Anonymous → log-in; outsiders → 404 (GET and POST); the school's own user → an answer.

    One test per URL keeps the expensive fixture set-up to one per route.
    """
    url = _url(name, kwargs, kwargs_for)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, ("anonymous", name, method.__name__)
        assert response["Location"].startswith(reverse("login") + "?next="), name

    if name in SCOPED:
        for outsider in OUTSIDERS:
            client.force_login(request.getfixturevalue(outsider))
            assert client.get(url).status_code == 404, (outsider, name, "GET")
            assert client.post(url).status_code == 404, (outsider, name, "POST")
            client.logout()

    client.force_login(request.getfixturevalue(OWNERS.get(name, "curator")))
    assert client.get(url).status_code in (200, 302, 405), name
