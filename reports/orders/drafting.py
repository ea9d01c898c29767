"""The text of each kind of order, drafted from the school's live data.

The curator edits the draft afterwards; the attachments (tables) stay live until the order is
approved and frozen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from mentoring.models import Programme, Role, User
from registry.models import Award, Mentor, Pair
from registry.services.bases import registry_refusal
from stages.models import OrderKind

from ..declension import ACCUSATIVE, DATIVE, Decliner, PersonName
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
}

AWARD_WORDING = {
    Award.Kind.BEST_MENTOR: "Наградить грамотой «Лучший наставник» {acc}",
    Award.Kind.MENTOR_OF_YEAR: "Присвоить звание «Наставник года» {dat}",
    Award.Kind.BEST_PAIR: (
        "Наградить грамотой «Лучшая пара» наставника {acc} и наставляемых: {mentees}"
    ),
    Award.Kind.PARENTS_LETTER: "Направить благодарственное письмо: {recipient}",
}


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

    def curator_acquainted(self) -> list[str]:
        return [self.curator.short_name] if self.curator else []

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
                f"Внедрить целевую модель наставничества в {self.school.full_name} "
                f"в {self.year} учебном году.",
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
            position = f", {self.order.curator_position}" if self.order.curator_position else ""
            appoint = (
                f"Назначить куратором внедрения целевой модели наставничества в "
                f"{self.school.full_name} {person}{position}."
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
                f"Утвердить Положение о наставничестве в {self.school.full_name} (прилагается).",
                "Утвердить дорожную карту внедрения целевой модели наставничества на "
                f"{self.year} учебный год (приложение).",
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
                "Создать конкурсную комиссию по отбору наставников в составе согласно приложению.",
                self._selection_point(),
                "Решения конкурсной комиссии оформлять протоколом.",
                CONTROL,
            ],
            acquainted=[PersonName.parse(member.full_name).short for member in members],
        )

    def _draft_mentor_registry(self) -> Draft:
        mentors = self.order.mentors.select_related("participant")
        return Draft(
            title=TITLES[OrderKind.MENTOR_REGISTRY],
            preamble=self.preamble("на основании решений конкурсной комиссии"),
            points=[
                f"Утвердить реестр наставников {self.school.short_name} на {self.year} учебный "
                "год (приложение).",
                f"{self.curator_subject()} довести "
                "настоящий приказ до сведения наставников и обеспечить их участие в "
                "«Школе наставников».",
                CONTROL,
            ],
            acquainted=self.curator_acquainted()
            + [mentor.participant.short_name for mentor in mentors],
        )

    def _draft_pairs(self) -> Draft:
        mentors = {
            pair.mentor.participant.short_name
            for pair in self.order.pairs.select_related("mentor__participant")
        }
        return Draft(
            title=TITLES[OrderKind.PAIRS],
            preamble=self.preamble("по итогам формирования наставнических пар (групп)"),
            points=[
                f"Утвердить наставнические пары (группы) на {self.year} учебный год (приложение).",
                self._plans_point(),
                f"{self.curator_subject()} обеспечить "
                "сопровождение наставнических пар (групп) и мониторинг их работы.",
                CONTROL,
            ],
            acquainted=self.curator_acquainted() + sorted(mentors),
        )

    def _draft_mentor_school(self) -> Draft:
        course = self.order.course
        if course:
            organise = (
                f"Организовать обучение наставников по программе «{course.title}» в объёме "
                f"{course.hours} ч. в период с {course.starts_on:%d.%m.%Y} по "
                f"{course.ends_on:%d.%m.%Y}."
            )
        else:
            organise = "Организовать обучение наставников по программе «Школа наставников»."
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
                "Утвердить список наставников, направляемых на обучение (приложение).",
                responsible,
                CONTROL,
            ],
            acquainted=self.curator_acquainted(),
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
            points=[*points, CONTROL],
            acquainted=self.curator_acquainted(),
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
            mentees = ", ".join(m.participant.short_name for m in award.pair.mentees.all())
        text = AWARD_WORDING[award.kind].format(
            acc=self.decline.full(name, ACCUSATIVE) if name else "__________",
            dat=self.decline.full(name, DATIVE) if name else "__________",
            mentees=mentees or "__________",
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
