"""The login pages and the main pages of every role over one small school: what the accessibility
check (axe-core in Chromium) and the HTML check (the Nu HTML checker) both walk."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from mentoring.models import CalendarFeed, Region, Role
from registry import reference as registry_reference
from registry.models import Meeting, MentoringForm, Pair
from reports.models import NotificationSettings

from .factories import MunicipalityFactory, ProgrammeFactory, SchoolFactory, UserFactory, member
from .registry.factories import (
    MentorFactory,
    ParticipantFactory,
    ready_mentee,
    ready_student_mentor,
)

PASSWORD = "secret-pass-123"
ROLES = ("anonymous", "curator", "director", "mentor", "officer", "regional", "admin")


@dataclass
class RolePages:
    username: str | None
    urls: list[str]


def _running_job(user, municipality):
    from mentoring.jobs import Job

    return Job.objects.create(
        kind="consolidated_monthly_pdf",
        user=user,
        municipality=municipality,
        status=Job.Status.RUNNING,
        attempts=1,
        done=1,
        total=3,
        message="Собраны показатели школ: 1 из 2",
    )


def build_world() -> dict[str, RolePages]:
    """A school with a working pair and a recorded meeting; the pages each role opens most."""
    registry_reference.load_forms()
    region = Region.objects.create(name="Заречная область")
    municipality = MunicipalityFactory(region=region)
    school = SchoolFactory(municipality=municipality)
    programme = ProgrammeFactory(school=school)
    member(Role.CURATOR, school, username="curator", password=PASSWORD)
    member(Role.DIRECTOR, school, username="director", password=PASSWORD)
    officer = member(
        Role.MUNICIPAL_OFFICER, municipality=municipality, username="officer", password=PASSWORD
    )
    member(Role.REGIONAL_OFFICER, region=region, username="regional", password=PASSWORD)
    UserFactory(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)

    teacher = member(Role.MENTOR, school, username="mentor", password=PASSWORD)
    teacher_mentor = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Шевчук", user=teacher)
    )
    paired = ready_mentee(programme, class_name="6Б", last_name="Смирнова", first_name="Ольга")
    waiting = ready_mentee(programme, class_name="7А", last_name="Орлова", first_name="Анна")
    pair = Pair.objects.create(
        programme=programme,
        mentor=teacher_mentor,
        form=MentoringForm.objects.get(code="teacher_teacher"),
        status=Pair.Status.ACTIVE,
    )
    pair.mentees.set([paired])
    Meeting.objects.create(
        pair=pair,
        kind=Meeting.Kind.ACQUAINTANCE,
        held_on=datetime.date(2026, 9, 20),
        topic="Знакомство и ожидания",
        recorded_by=teacher,
    )
    free_mentor = ready_student_mentor(school, class_name="10Б")
    CalendarFeed.objects.create(user=teacher)  # the calendar page with its link and instructions
    unsubscribe = NotificationSettings.objects.create(user=teacher).unsubscribe_token

    def programme_url(name: str) -> str:
        return reverse(name, args=[programme.pk])

    school_pages = [
        reverse("reports:school_dashboard", args=[school.pk]),
        programme_url("stages:roadmap"),
        programme_url("registry:pair_list"),
        programme_url("registry:attention_queue"),
        pair.get_absolute_url(),
        programme_url("reports:documents"),
        programme_url("reports:monthly_list"),
    ]
    curator_pages = [
        *school_pages,
        programme_url("registry:participant_list"),
        programme_url("registry:participant_create"),
        programme_url("registry:mentor_list"),
        free_mentor.get_absolute_url(),
        programme_url("registry:mentee_list"),
        waiting.get_absolute_url(),
        reverse("registry:mentee_suggestions", args=[waiting.pk]),
        programme_url("registry:request_map"),
        programme_url("registry:selection"),
        programme_url("registry:course_list"),
        programme_url("registry:pair_create"),
        reverse("registry:meeting_create", args=[pair.pk]),
        programme_url("registry:matching_proposal"),
        programme_url("registry:case_list"),
        programme_url("registry:award_list"),
        programme_url("registry:partner_list"),
        programme_url("registry:teacher_mentor_list"),
        programme_url("registry:import_start"),
        programme_url("stages:protocol_list"),
        programme_url("surveys:questionnaire_list"),
        programme_url("surveys:distribution_list"),
        programme_url("surveys:monitoring"),
        programme_url("reports:outgoing_list"),
        programme_url("reports:programme_settings"),
        programme_url("reports:regulation"),
        reverse("reports:school_card", args=[school.pk]),
    ]
    mentor_pages = [
        reverse("registry:my_pairs"),
        pair.get_absolute_url(),
        reverse("registry:meeting_create", args=[pair.pk]),
        reverse("registry:plan_detail", args=[pair.pk, paired.pk]),
        reverse("surveys:my_surveys"),
        reverse("reports:calendar_settings"),
        reverse("reports:notification_settings"),
    ]
    officer_pages = [
        reverse("reports:municipality_overview", args=[municipality.pk]),
        reverse("reports:school_overview", args=[municipality.pk, school.pk]),
        reverse("stages:stage_reference"),
        reverse("job", args=[_running_job(officer, municipality).pk]),
    ]
    admin_pages = [reverse("home"), reverse("admin:index")]
    return {
        "anonymous": RolePages(
            None,
            [
                reverse("login"),
                reverse("password_reset"),
                reverse("reports:unsubscribe", args=[unsubscribe]) + "?kind=meetings",
            ],
        ),
        "curator": RolePages("curator", curator_pages),
        "director": RolePages("director", school_pages),
        "mentor": RolePages("mentor", mentor_pages),
        "officer": RolePages("officer", officer_pages),
        "regional": RolePages("regional", [region.get_absolute_url(), *officer_pages[:2]]),
        "admin": RolePages("admin", admin_pages),
    }
