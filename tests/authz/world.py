"""The world the authorization matrix is walked against.

Two municipalities; school A and a second school in the first one, school B in the second.
Users for every role, and one object of school A for every URL kwarg (the same construction as
``tests/test_url_walk.py``'s ``kwargs_for``, copied so that that test stays as it is).
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from mentoring.models import AcademicYear, Role, User

from ..factories import MunicipalityFactory, ProgrammeFactory, SchoolFactory, member

ANONYMOUS = "anonymous"
MENTOR = "mentor"
MENTEE = "mentee"
CURATOR = "curator"
DIRECTOR = "director"
WORKING_GROUP = "working_group"
OFFICER = "officer"
OTHER_OFFICER = "other_officer"
OTHER_CURATOR = "other_curator"

ROLES = (
    ANONYMOUS,
    MENTOR,
    MENTEE,
    CURATOR,
    DIRECTOR,
    WORKING_GROUP,
    OFFICER,
    OTHER_OFFICER,
    OTHER_CURATOR,
)
OUTSIDERS = (OTHER_OFFICER, OTHER_CURATOR)


@dataclass
class World:
    users: dict[str, User | None]
    values: dict[str, object]
    extra: dict[str, object] = field(default_factory=dict)

    def other_pair_kwargs(self, names) -> dict[str, object]:
        """Objects of another pair of school A for the pair-scoped kwargs among ``names``."""
        other = self.extra["other_pair"]
        return {name: other[name] for name in names if name in other}

    def kwargs_for(self, names):
        missing = [name for name in names if name not in self.values]
        assert not missing, f"tests/authz/world.py does not know URL kwargs {missing}"
        return {name: self.values[name] for name in names}


def build_world() -> World:
    from registry import reference as registry_reference
    from registry.services.accounts import create_account
    from stages import reference

    from ..registry.factories import (
        MenteeFactory,
        MentorFactory,
        ParticipantFactory,
        StudentFactory,
    )

    reference.load()
    registry_reference.load()
    registry_reference.load_forms()
    year = AcademicYear.for_date(timezone.localdate())

    municipality = MunicipalityFactory(name="Заречный муниципальный округ")
    school = SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 1»")
    second_school = SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 2»")
    other_municipality = MunicipalityFactory(name="Соседний муниципальный округ")
    other_school = SchoolFactory(municipality=other_municipality, short_name="МБОУ «Гимназия № 9»")
    programme = ProgrammeFactory(school=school, year=year, is_public=True)
    ProgrammeFactory(school=second_school, year=year)
    ProgrammeFactory(school=other_school, year=year)

    curator = member(Role.CURATOR, school, username="curator", last_name="Тимофеева")
    director = member(Role.DIRECTOR, school, username="director")
    working_group = member(Role.WORKING_GROUP, school, username="group")
    officer = member(Role.MUNICIPAL_OFFICER, municipality=municipality, username="officer")
    other_officer = member(
        Role.MUNICIPAL_OFFICER, municipality=other_municipality, username="other_officer"
    )
    other_curator = member(Role.CURATOR, other_school, username="other_curator")

    mentor = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Шевчук", first_name="Илья")
    )
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=school, last_name="Смирнова", first_name="Ольга"),
        categories=["low_results", "ovz"],
    )
    mentor_user, _ = create_account(mentor.participant)
    mentee_user, _ = create_account(mentee.participant)

    values = _values(programme, municipality, mentor, mentee, curator)
    users = {
        ANONYMOUS: None,
        MENTOR: mentor_user,
        MENTEE: mentee_user,
        CURATOR: curator,
        DIRECTOR: director,
        WORKING_GROUP: working_group,
        OFFICER: officer,
        OTHER_OFFICER: other_officer,
        OTHER_CURATOR: other_curator,
    }
    return World(users=users, values=values, extra={"other_pair": _other_pair(programme)})


def _other_pair(programme) -> dict[str, int]:
    """A second pair of school A, with its own mentor and mentee (both with accounts)."""
    from registry.models import DevelopmentPlan, Meeting, MentoringForm, Pair
    from registry.services.accounts import create_account

    from ..registry.factories import (
        MenteeFactory,
        MentorFactory,
        ParticipantFactory,
        StudentFactory,
    )

    school = programme.school
    mentor = MentorFactory(
        participant=ParticipantFactory(school=school, last_name="Карпов", first_name="Никита")
    )
    mentee = MenteeFactory(
        programme=programme,
        participant=StudentFactory(school=school, last_name="Белова", first_name="Анна"),
    )
    create_account(mentor.participant)
    create_account(mentee.participant)
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([mentee])
    meeting = Meeting.objects.create(pair=pair, held_on=timezone.localdate(), topic="Знакомство")
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=mentee, goal="Читать больше")
    return {
        "pair_id": pair.pk,
        "mentee_id": mentee.pk,
        "meeting_id": meeting.pk,
        "plan_item_id": plan.items.create(task="Прочитать книгу").pk,
    }


def _values(programme, municipality, mentor, mentee, curator) -> dict[str, object]:
    """One object per URL kwarg: a copy of ``kwargs_for`` in tests/test_url_walk.py."""
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
    from reports.models import MonthlyReport, NameOverride
    from reports.orders.services import create_order
    from surveys.models import Distribution, Invitation, Questionnaire
    from surveys.services.distribution import end_of_day

    from ..registry.factories import (
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
    today = timezone.localdate()
    return {
        "school_id": programme.school_id,
        "programme_id": programme.pk,
        "item_id": item.pk,
        "municipality_id": municipality.pk,
        "fmt": "pdf",
        "period": f"{today:%Y-%m}",
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
        "year_start": programme.year.start_date.year,
        "participant_id": mentor.participant_id,
        "model": "participant",  # mentoring.audit.HISTORY_MODELS
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
        ).pk,
    }
