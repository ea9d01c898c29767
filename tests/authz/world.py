"""The world the authorization matrix is walked against.

Two municipalities, each in its own region; school A and a second school in the first one,
school B in the second. A regional officer of each region.
Users for every role, and one object of school A for every URL kwarg (``tests/url_objects.py``).

School A also has a working «ученик – ученик» group (a student mentor, two student mentees with
accounts, no meeting for two months, an award), so that the content checks have children's names
to look for in the centre's pages and documents. Staff users have names of their own, none of
them a child's surname.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from mentoring.models import AcademicYear, Membership, Region, Role, User

from ..factories import (
    MunicipalityFactory,
    ProgrammeFactory,
    SchoolFactory,
    UserFactory,
    member,
)
from ..url_objects import url_kwarg_values

ANONYMOUS = "anonymous"
MENTOR = "mentor"
MENTEE = "mentee"
CURATOR = "curator"
DIRECTOR = "director"
WORKING_GROUP = "working_group"
OFFICER = "officer"
OTHER_OFFICER = "other_officer"
OTHER_CURATOR = "other_curator"
REGIONAL = "regional_officer"
OTHER_REGIONAL = "other_regional_officer"

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
    REGIONAL,
    OTHER_REGIONAL,
)
OUTSIDERS = (OTHER_OFFICER, OTHER_CURATOR, OTHER_REGIONAL)


@dataclass
class World:
    users: dict[str, User | None]
    values: dict[str, object]
    extra: dict[str, object] = field(default_factory=dict)
    # What a log-in puts into each role's session (tests/authz/sessions.py).
    sessions: dict[str, dict] = field(default_factory=dict)

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

    region = Region.objects.create(name="Заречная область")
    other_region = Region.objects.create(name="Соседняя область")
    municipality = MunicipalityFactory(name="Заречный муниципальный округ", region=region)
    school = SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 1»")
    second_school = SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 2»")
    other_municipality = MunicipalityFactory(
        name="Соседний муниципальный округ", region=other_region
    )
    other_school = SchoolFactory(municipality=other_municipality, short_name="МБОУ «Гимназия № 9»")
    programme = ProgrammeFactory(school=school, year=year, is_public=True)
    ProgrammeFactory(school=second_school, year=year)
    ProgrammeFactory(school=other_school, year=year)

    curator = member(Role.CURATOR, school, username="curator", last_name="Тимофеева")
    director = member(Role.DIRECTOR, school, username="director", last_name="Воронцова")
    working_group = member(Role.WORKING_GROUP, school, username="group", last_name="Гаврилова")
    officer = member(
        Role.MUNICIPAL_OFFICER, municipality=municipality, username="officer", last_name="Осипова"
    )
    other_officer = member(
        Role.MUNICIPAL_OFFICER,
        municipality=other_municipality,
        username="other_officer",
        last_name="Никитина",
    )
    other_curator = member(
        Role.CURATOR, other_school, username="other_curator", last_name="Соколова"
    )
    regional = UserFactory(username="regional", last_name="Родионова")
    Membership.objects.create(user=regional, role=Role.REGIONAL_OFFICER, region=region)
    other_regional = UserFactory(username="other_regional", last_name="Ракитина")
    Membership.objects.create(user=other_regional, role=Role.REGIONAL_OFFICER, region=other_region)

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

    values = url_kwarg_values(programme, municipality, mentor, mentee, curator)
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
        REGIONAL: regional,
        OTHER_REGIONAL: other_regional,
    }
    extra = {"other_pair": _other_pair(programme), "group": _student_group(programme)}
    return World(users=users, values=values, extra=extra)


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


def _student_group(programme) -> dict[str, object]:
    """A working «ученик – ученик» group of school A: a child mentor and two child mentees.

    The first mentee has an account; the second has a diary entry and a plan with a task.
    """
    import datetime

    from registry.models import Award, DevelopmentPlan, DiaryEntry, Mentor, MentoringForm, Pair
    from registry.services.accounts import create_account

    from ..registry.factories import MenteeFactory, MentorFactory, StudentFactory

    school = programme.school
    mentor = MentorFactory(
        participant=StudentFactory(
            school=school, last_name="Гордеев", first_name="Матвей", class_name="10А"
        ),
        status=Mentor.Status.ACTIVE,
    )
    first, second = (
        MenteeFactory(
            programme=programme,
            participant=StudentFactory(school=school, last_name=last, first_name=first_name),
        )
        for last, first_name in (("Лаптева", "Дарья"), ("Зуева", "Вера"))
    )
    today = timezone.localdate()
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=MentoringForm.objects.get(code="student_student"),
        status=Pair.Status.ACTIVE,
        starts_on=today - datetime.timedelta(days=60),
    )
    pair.mentees.set([first, second])
    DiaryEntry.objects.create(
        pair=pair, diary="mentee", mentee=second, written_on=today, text="Запись Зуевой"
    )
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=second, goal="Цель Зуевой")
    Award.objects.create(
        programme=programme, kind=Award.Kind.BEST_PAIR, pair=pair, awarded_on=today
    )
    child, _ = create_account(first.participant)
    return {
        "child": child,
        "pair_id": pair.pk,
        "own_mentee_id": first.pk,
        "other_mentee_id": second.pk,
        "other_plan_item_id": plan.items.create(task="Задача Зуевой").pk,
    }
