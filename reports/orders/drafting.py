"""The text of each kind of order, drafted from the school's live data.

The curator edits the draft afterwards; the attachments (tables) stay live until the order is
approved and frozen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from mentoring.models import Programme, Role, User
from mentoring.phrases import position_in
from mentoring.text import one_or_many
from registry.models import Award, Mentor, Pair
from registry.services.bases import registry_refusal
from stages.models import OrderKind

from ..declension import ACCUSATIVE, DATIVE, PREPOSITIONAL, Decliner, PersonName
from ..models import decliner_for
from .deadlines import (
    TASKS,
    Standing,
    cited,
    recount,
    sets_relative_deadline,
    standing,
    within,
)

BASIS = (
    "В соответствии с распоряжением Министерства просвещения Российской Федерации "
    "от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества "
    "обучающихся для организаций, осуществляющих образовательную деятельность по "
    "общеобразовательным, дополнительным общеобразовательным и программам среднего "
    "профессионального образования, в том числе с применением лучших практик обмена опытом "
    "между обучающимися»"
)
CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."
DEFAULT_FORMS = "«Ученик – ученик», «Учитель – учитель»"
DOCUMENTS_TO_DEVELOP = (
    "Положение о наставничестве, дорожную карту внедрения целевой модели наставничества и "
    "программу наставничества"
)
REGULATIONS_APPROVED = (
    "Положение о наставничестве и дорожная карта внедрения целевой модели наставничества утверждены"
)

TITLES = {
    OrderKind.IMPLEMENTATION: "О внедрении целевой модели наставничества",
    OrderKind.CURATOR: "О назначении куратора внедрения целевой модели наставничества",
    OrderKind.REGULATIONS_ROADMAP: (
        "Об утверждении Положения о наставничестве и дорожной карты внедрения целевой "
        "модели наставничества"
    ),
    OrderKind.COMMISSION: "О создании конкурсной комиссии по отбору наставников",
    OrderKind.MENTOR_REGISTRY: "Об утверждении реестра наставников",
    OrderKind.PAIRS: "Об утверждении наставнических пар (групп)",
    OrderKind.MENTOR_SCHOOL: "Об организации «Школы наставников»",
    OrderKind.AWARDS: "О поощрении участников наставнической деятельности",
    OrderKind.TEACHER_MENTOR: "О закреплении наставника за молодым специалистом",
}

AWARD_WORDING = {
    Award.Kind.BEST_MENTOR: "Наградить грамотой «Лучший наставник» {acc}",
    Award.Kind.MENTOR_OF_YEAR: "Присвоить звание «Наставник года» {dat}",
    Award.Kind.BEST_PAIR: ("Наградить грамотой «Лучшая пара» наставника {acc} и {mentees}"),
    Award.Kind.PARENTS_LETTER: "Направить благодарственное письмо: {recipient}",
}


def attachment(number: int) -> str:
    """How the text refers to an attachment (ГОСТ Р 7.0.97-2016, 5.23): «(приложение № 1)»."""
    return f"(приложение № {number})"


@dataclass
class Draft:
    title: str
    preamble: str
    points: list[str]
    acquainted: list[str] = field(default_factory=list)


def programme_curator(programme: Programme) -> User | None:
    """The curator recorded by order, else the first user with the curator role at the school."""
    if programme.curator_id:
        return programme.curator
    return (
        User.objects.filter(memberships__school=programme.school_id, memberships__role=Role.CURATOR)
        .order_by("last_name", "first_name")
        .first()
    )


def signer_name(full_name: str) -> str:
    """«И.И. Иванов», the way a signature block names the signer."""
    name = PersonName.parse(full_name)
    return f"{name.initials} {name.last}".strip()


class Drafter:
    """Drafts one order: its text from the data, in the cases the sentences need.

    ``on`` is the order's date, or the day the draft is made: deadlines are counted from it.
    """

    def __init__(self, order, decliner: Decliner, on: datetime.date):
        self.order = order
        self.on = on
        self.programme = order.programme
        self.school = order.programme.school
        self.decline = decliner
        self.curator = order.curator or programme_curator(self.programme)

    # Names -----------------------------------------------------------------------------------

    def curator_subject(self) -> str:
        """«Куратору программы наставничества Тимофеевой М.А.», the opening of a point."""
        if not self.curator:
            return "Куратору программы наставничества"
        name = self.decline.short(self.curator.full_name, DATIVE)
        return f"Куратору программы наставничества {name}"

    def acquainted(self, *people) -> list[str]:
        """«С приказом ознакомлены»: the people the order concerns as «И.О. Фамилия», each once,
        in the order given. The director who signs the order is not among them. ``people`` are
        users, participants or full names; empty ones are skipped."""
        director = {signer_name(self.school.director_name), self.order.signer_name.strip()}
        names: list[str] = []
        for person in people:
            full_name = person if isinstance(person, str) else getattr(person, "full_name", "")
            name = signer_name(full_name or "")
            if name and name not in director and name not in names:
                names.append(name)
        return names

    def adults(self, participants) -> list:
        """Participants of age on the order's date: minors do not sign orders."""
        return [person for person in participants if not person.is_minor(self.on)]

    def curator_acquainted(self) -> list[str]:
        return self.acquainted(self.curator)

    @property
    def year(self) -> str:
        return self.programme.year.name

    def preamble(self, purpose: str) -> str:
        return f"{BASIS}, {purpose},"

    # Kinds -----------------------------------------------------------------------------------

    def draft(self) -> Draft:
        build = getattr(self, f"_draft_{self.order.kind}")
        return build()

    def _draft_implementation(self) -> Draft:
        forms = self.programme.forms_in_use.strip() or DEFAULT_FORMS
        return Draft(
            title=TITLES[OrderKind.IMPLEMENTATION],
            preamble=self.preamble(
                "в целях достижения результатов федеральных и региональных проектов "
                "«Современная школа», «Успех каждого ребёнка», «Молодые профессионалы»"
            ),
            points=[
                "Внедрить целевую модель наставничества в "
                f"{self.school.full_name_in(ACCUSATIVE)} в {self.year} учебном году.",
                f"Определить формы наставничества: {forms}.",
                self._development_point(),
                "Разместить информацию о внедрении целевой модели наставничества на "
                "официальном сайте образовательной организации.",
                CONTROL,
            ],
            acquainted=self.curator_acquainted(),
        )

    def _draft_curator(self) -> Draft:
        if self.curator:
            person = self.decline.full(self.curator.full_name, ACCUSATIVE)
            position = position_in(self.order.curator_position, ACCUSATIVE)
            appoint = (
                f"Назначить {person}{f', {position},' if position else ''} куратором внедрения "
                f"целевой модели наставничества в {self.school.full_name_in(ACCUSATIVE)}."
            )
        else:
            appoint = "Назначить куратором внедрения целевой модели наставничества __________."
        return Draft(
            title=TITLES[OrderKind.CURATOR],
            preamble=self.preamble("в целях организации наставнической деятельности"),
            points=[
                appoint,
                f"{self.curator_subject()} обеспечить: формирование баз наставников "
                "и наставляемых; организацию обучения наставников; контроль проведения "
                "программ наставничества; участие в оценке вовлечённости обучающихся в "
                "различные формы наставничества; мониторинг реализации программы и "
                "оценку её эффективности.",
                CONTROL,
            ],
            acquainted=self.curator_acquainted(),
        )

    def _draft_regulations_roadmap(self) -> Draft:
        return Draft(
            title=TITLES[OrderKind.REGULATIONS_ROADMAP],
            preamble=self.preamble("в целях организации внедрения целевой модели наставничества"),
            points=[
                "Утвердить Положение о наставничестве в "
                f"{self.school.full_name_in(PREPOSITIONAL)} {attachment(1)}.",
                "Утвердить дорожную карту внедрения целевой модели наставничества на "
                f"{self.year} учебный год {attachment(2)}.",
                f"{self.curator_subject()} обеспечить "
                "выполнение мероприятий дорожной карты в установленные сроки.",
                CONTROL,
            ],
            acquainted=self.curator_acquainted(),
        )

    def _draft_commission(self) -> Draft:
        commission = self.order.commission
        members = list(commission.members.all()) if commission else []
        return Draft(
            title=TITLES[OrderKind.COMMISSION],
            preamble=self.preamble("в целях отбора наставников"),
            points=[
                "Создать конкурсную комиссию по отбору наставников в составе согласно "
                "приложению № 1.",
                self._selection_point(),
                "Решения конкурсной комиссии оформлять протоколом.",
                CONTROL,
            ],
            acquainted=self.acquainted(*(member.full_name for member in members)),
        )

    def _draft_mentor_registry(self) -> Draft:
        mentors = self.order.mentors.select_related("participant")
        return Draft(
            title=TITLES[OrderKind.MENTOR_REGISTRY],
            preamble=self.preamble("на основании решений конкурсной комиссии"),
            points=[
                f"Утвердить реестр наставников {self.school.short_name} на {self.year} учебный "
                f"год {attachment(1)}.",
                f"{self.curator_subject()} довести "
                "настоящий приказ до сведения наставников и обеспечить их участие в "
                "«Школе наставников».",
                CONTROL,
            ],
            acquainted=self.acquainted(
                self.curator, *self.adults(mentor.participant for mentor in mentors)
            ),
        )

    def _draft_pairs(self) -> Draft:
        people = []
        pairs = self.order.pairs.select_related("mentor__participant").prefetch_related(
            "mentees__participant"
        )
        for pair in pairs.order_by("mentor__participant__last_name", "pk"):
            people += [pair.mentor.participant, *(m.participant for m in pair.mentees.all())]
        return Draft(
            title=TITLES[OrderKind.PAIRS],
            preamble=self.preamble("по итогам формирования наставнических пар (групп)"),
            points=[
                f"Утвердить наставнические пары (группы) на {self.year} учебный год "
                f"{attachment(1)}.",
                f"Утвердить программу наставничества на {self.year} учебный год {attachment(2)}.",
                self._plans_point(),
                f"{self.curator_subject()} обеспечить "
                "сопровождение наставнических пар (групп) и мониторинг их работы.",
                CONTROL,
            ],
            acquainted=self.acquainted(self.curator, *self.adults(people)),
        )

    def _draft_mentor_school(self) -> Draft:
        course = self.order.course
        if course:
            organise = (
                f"Организовать обучение наставников по программе «{course.title}» в объёме "
                f"{course.hours} ч. в период с {course.starts_on:%d.%m.%Y} по "
                f"{course.ends_on:%d.%m.%Y} согласно плану занятий {attachment(2)}."
            )
        else:
            organise = "Организовать обучение наставников по программе «Школа наставников»."
        listeners = (
            [mentor.participant for mentor in course.participants.select_related("participant")]
            if course
            else []
        )
        responsible = (
            f"Назначить ответственным за организацию обучения "
            f"{self.decline.full(self.curator.full_name, ACCUSATIVE)}, куратора программы "
            "наставничества."
            if self.curator
            else "Назначить ответственного за организацию обучения."
        )
        return Draft(
            title=TITLES[OrderKind.MENTOR_SCHOOL],
            preamble=self.preamble("в целях развития компетенций наставников"),
            points=[
                organise,
                f"Утвердить список наставников, направляемых на обучение {attachment(1)}.",
                responsible,
                CONTROL,
            ],
            acquainted=self.acquainted(self.curator, *self.adults(listeners)),
        )

    def _draft_awards(self) -> Draft:
        awards = self.order.awards.select_related(
            "mentor__participant", "pair__mentor__participant"
        )
        points = [self.award_point(award) for award in awards]
        return Draft(
            title=TITLES[OrderKind.AWARDS],
            preamble=self.preamble(
                f"по итогам реализации программы наставничества в {self.year} учебном году"
            ),
            points=[
                "Утвердить список поощряемых участников наставнической деятельности "
                f"{attachment(1)}.",
                *points,
                CONTROL,
            ],
            acquainted=self.acquainted(self.curator, *self.awardees(awards)),
        )

    def awardees(self, awards) -> list:
        """Who an awards order concerns: the mentors and the adult members of awarded pairs,
        and a recipient named by hand; a letter of thanks goes to parents, who are not staff."""
        people = []
        for award in awards:
            if award.mentor:
                people.append(award.mentor.participant)
            elif award.pair:
                members = [award.pair.mentor.participant]
                members += [m.participant for m in award.pair.mentees.all()]
                people += self.adults(members)
            elif award.kind != Award.Kind.PARENTS_LETTER:
                people.append(award.recipient_name)
        return people

    def _draft_teacher_mentor(self) -> Draft:
        from . import teacher_mentor

        items = teacher_mentor.assignments(self.order, self.on)
        points = [teacher_mentor.assignment_point(item, self.decline) for item in items]
        payment = teacher_mentor.payment_point(items)
        people = [p for item in items for p in (item.mentor.participant, *item.mentees)]
        return Draft(
            title=TITLES[OrderKind.TEACHER_MENTOR],
            preamble=(
                "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, "
                f"{BASIS.removeprefix('В соответствии с ')}, в целях профессиональной адаптации и "
                "закрепления на месте работы молодых специалистов,"
            ),
            points=[
                *(points or ["Закрепить наставника __________ за молодым специалистом."]),
                f"{self.curator_subject()} обеспечить сопровождение наставников и молодых "
                "специалистов, контроль за ходом наставничества.",
                *([payment] if payment else []),
                CONTROL,
            ],
            acquainted=self.acquainted(self.curator, *people),
        )

    # Points with a deadline ----------------------------------------------------------------

    def task_point(self) -> str:
        """The point of the order's kind that gives its task a deadline."""
        points = {
            OrderKind.IMPLEMENTATION: self._development_point,
            OrderKind.COMMISSION: self._selection_point,
            OrderKind.PAIRS: self._plans_point,
        }
        return points[self.order.kind]()

    def _deadline(self, kind: str) -> tuple[str, Standing]:
        """The deadline of the kind's task and where the task stands on the order's date:
        an earlier approved order's deadline is referred to, not set again."""
        task = TASKS[kind]
        stands = standing(self.order, task, self.on)
        if stands.set_by:
            return f"в срок, установленный {cited(stands.set_by)}", stands
        return within(task.days, self.on), stands

    def _development_point(self) -> str:
        deadline, stands = self._deadline(OrderKind.IMPLEMENTATION)
        if stands.done_by:
            documents = "программу наставничества"
            done = f" ({REGULATIONS_APPROVED} {cited(stands.done_by)})"
        else:
            documents, done = DOCUMENTS_TO_DEVELOP, ""
        if stands.set_by:
            return f"{self.curator_subject()} разработать {documents} {deadline}{done}."
        return f"{self.curator_subject()} {deadline} разработать {documents}{done}."

    def _selection_point(self) -> str:
        deadline, stands = self._deadline(OrderKind.COMMISSION)
        if stands.done_by:
            return (
                f"Отбор наставников завершён: реестр наставников утверждён {cited(stands.done_by)}."
            )
        return (
            "Конкурсной комиссии провести отбор наставников на основе заявлений и "
            f"собеседований {deadline}."
        )

    def _plans_point(self) -> str:
        deadline, _ = self._deadline(OrderKind.PAIRS)
        return (
            "Наставникам совместно с наставляемыми разработать индивидуальные планы развития "
            f"{deadline}."
        )

    def award_point(self, award: Award) -> str:
        mentor = award.mentor or (award.pair.mentor if award.pair else None)
        name = mentor.participant.full_name if mentor else award.recipient_name
        mentees = ""
        if award.pair:
            names = [
                self.decline.short(m.participant.full_name, ACCUSATIVE)
                for m in award.pair.mentees.all()
            ]
            if names:
                label = one_or_many(len(names), "наставляемого", "наставляемых")
                mentees = f"{label} {', '.join(names)}"
        text = AWARD_WORDING[award.kind].format(
            acc=self.decline.full(name, ACCUSATIVE) if name else "__________",
            dat=self.decline.full(name, DATIVE) if name else "__________",
            mentees=mentees or "наставляемых __________",
            recipient=award.recipient_name or name or "__________",
        )
        if award.note:
            text += f" {award.note.strip()}"
        return text.rstrip(".") + "."


def settle_points(order, points: list[str], on: datetime.date) -> list[str]:
    """The points as they stand on the order's date ``on``.

    Relative deadlines are counted from ``on``. The point of the kind's task that still sets
    a new deadline is drafted again when, by ``on``, an approved order has done the work or
    an earlier one has already set that deadline; other points keep the curator's words.
    """
    task = TASKS.get(order.kind)
    settled = []
    for point in points:
        stale = task and task.marker in point and sets_relative_deadline(point)
        if stale and standing(order, task, on).settled:
            point = Drafter(order, decliner_for(order.school), on).task_point()
        settled.append(recount(point, on))
    return settled


def default_subjects(order) -> None:
    """Fills the order's subjects with what the data suggests (the curator can change them)."""
    programme = order.programme
    kind = order.kind
    if kind == OrderKind.CURATOR and not order.curator_id:
        order.curator = programme_curator(programme)
    if kind == OrderKind.COMMISSION and order.commission_id is None:
        order.commission = getattr(programme, "commission", None)
    if kind == OrderKind.MENTOR_SCHOOL and order.course_id is None:
        order.course = programme.training_courses.order_by("-starts_on").first()


def default_many(order) -> None:
    """Many-to-many subjects; the order must be saved first."""
    programme = order.programme
    if order.kind == OrderKind.MENTOR_REGISTRY:
        order.mentors.set(
            [m for m in registry_candidates(programme) if registry_refusal(m) is None]
        )
    elif order.kind == OrderKind.PAIRS:
        order.pairs.set(programme.pairs.filter(status=Pair.Status.DRAFT))
    elif order.kind == OrderKind.TEACHER_MENTOR:
        from . import teacher_mentor

        approved = programme.orders.filter(
            kind=OrderKind.TEACHER_MENTOR, status=order.Status.APPROVED
        )
        order.mentors.set(teacher_mentor.suggested(programme, timezone.localdate(), approved))
    elif order.kind == OrderKind.AWARDS:
        order.awards.set(programme.awards.exclude(orders__status=order.Status.APPROVED))


def registry_candidates(programme: Programme):
    return (
        Mentor.objects.filter(school=programme.school_id)
        .exclude(Q(status__in=Mentor.IN_REGISTRY) | Q(status=Mentor.Status.INACTIVE))
        .select_related("participant")
        .prefetch_related("interviews")
        .order_by("participant__last_name", "participant__first_name")
    )
