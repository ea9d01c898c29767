"""Demo answers to the standard questionnaires, so that the survey analytics show something real."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from registry.models import Mentee, Pair, Participant

from .models import (
    Answer,
    Distribution,
    Invitation,
    Occasion,
    Phase,
    Question,
    Questionnaire,
    Response,
)
from .services import pulse
from .services.distribution import end_of_day

TEXTS = {
    "своими словами": {
        "student": [
            "Хочу подтянуть математику и перестать бояться контрольных",
            "Трудно найти друзей в новом классе, хочется больше общения",
            "Хочу подготовиться к олимпиаде по биологии",
            "Не успеваю делать домашние задания, нужна помощь с учёбой",
            "Хочу выбрать профиль и понять, кем стать",
        ],
        "teacher": [
            "Устаю, не хватает времени на подготовку к урокам",
            "Хочу освоить цифровые инструменты и электронный журнал",
            "Я на новом месте, нужна помощь с адаптацией в коллективе",
            "Нужна помощь с дисциплиной на уроках в пятых классах",
        ],
    },
    "предмет": ["Математика", "Русский язык и литература", "Физика", "История и обществознание"],
    "успехи": ["Призёр школьной олимпиады", "Занимаюсь в спортивной секции", "Пока нет"],
    "ценным": [
        "Регулярные встречи и поддержка наставника",
        "Стало понятно, как готовиться к урокам",
        "Появилась уверенность в себе",
        "Совместный проект",
    ],
    "измен": [
        "Больше времени на встречи",
        "Выделить постоянный кабинет для занятий",
        "Ничего, всё устраивает",
    ],
    "мешал": ["Не хватало времени из-за загруженности", "Болезни, пропуски встреч", "Ничего"],
    "важн": [
        "Хорошо закончить четверть",
        "Подготовиться к экзаменам",
        "Провести открытый урок",
        "Научиться планировать время",
    ],
    "задач": ["Провести открытый урок", "Подготовиться к аттестации"],
}
DEFAULT_TEXTS = ["Всё понравилось", "Спасибо наставнику", "Пока затрудняюсь ответить"]
GRADE_OPTIONS = [(4, "1–4 класс"), (6, "5–6 класс"), (8, "7–8 класс"), (9, "9 класс")]


def _text(question: Question, rng, audience: str) -> str:
    lowered = question.text.lower()
    for fragment, texts in TEXTS.items():
        if fragment in lowered:
            if isinstance(texts, dict):
                texts = texts[audience]
            return rng.choice(texts)
    return rng.choice(DEFAULT_TEXTS)


def _class_option(grade: int | None, options: list[str]) -> str | None:
    if grade is None:
        return None
    for top, option in GRADE_OPTIONS:
        if grade <= top and option in options:
            return option
    return "10–11 класс" if "10–11 класс" in options else None


def answer_values(question: Question, rng, *, person=None, role="", scale=None) -> dict | None:
    """Answer columns fitting the question's kind; None for a skipped optional question."""
    kind = question.kind
    if kind == Question.Kind.SCALE:
        return {"number": scale if scale is not None else rng.choice([6, 7, 7, 8, 8, 9, 9, 10])}
    if kind == Question.Kind.SCALE_5:
        return {"number": scale if scale is not None else rng.choice([3, 4, 4, 5, 5])}
    if kind == Question.Kind.YES_NO:
        return {"number": 1 if rng.random() < 0.8 else 0}
    if kind == Question.Kind.SINGLE:
        options = question.options
        choice = None
        if role and role in options:
            choice = role
        elif "класс" in question.text.lower():
            choice = _class_option(getattr(person, "grade", None), options)
        return {"choices": [choice or rng.choice(options)]}
    if kind == Question.Kind.MULTIPLE:
        options = question.options
        return {"choices": rng.sample(options, k=rng.randint(1, min(3, len(options))))}
    if not question.required and rng.random() < 0.4:
        return None
    audience = "teacher" if getattr(person, "kind", "") == Participant.Kind.TEACHER else "student"
    return {"text": _text(question, rng, audience)}


def _growth_before(questions, rng) -> dict:
    """Input values of the scale questions, around 5."""
    return {
        question.pk: min(9, max(1, round(rng.gauss(5, 1.5))))
        for question in questions
        if question.kind == Question.Kind.SCALE
    }


def _growth_after(value: int, question: Question, rng) -> int:
    """A bit better on average: higher, or lower for anxiety and burnout."""
    step = rng.choice([-1, 0, 1, 1, 2, 2])
    moved = value + step if question.higher_is_better else value - step
    return min(10, max(1, moved))


class _Builder:
    def __init__(self, programme, rng):
        self.programme = programme
        self.rng = rng
        self.invitations, self.responses, self.answers = [], [], []

    def send(self, code, title, respondents, *, sent, deadline, phase="", share=1.0, when=None):
        """Invitations of (person or None, pair, role, scale values) and answers of a share."""
        questionnaire = Questionnaire.objects.prefetch_related("questions").get(
            school=None, code=code
        )
        distribution = Distribution.objects.create(
            questionnaire=questionnaire,
            programme=self.programme,
            title=title,
            phase=phase,
            deadline=deadline,
        )
        created = timezone.make_aware(datetime.datetime.combine(sent, datetime.time(9)))
        Distribution.objects.filter(pk=distribution.pk).update(created_at=created)
        questions = list(questionnaire.questions.all())
        for number, (person, pair, role, scales) in enumerate(respondents, start=1):
            answered = self.rng.random() < share
            at = None
            if answered:
                day = when(self.rng) if when else sent + datetime.timedelta(self.rng.randint(0, 7))
                at = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(self.rng.randint(8, 20)))
                )
            invitation = Invitation(
                distribution=distribution,
                participant=person,
                user_id=person.user_id if person else None,
                pair=pair,
                respondent_name=person.full_name if person else f"Ответ по ссылке № {number}",
                expires_at=end_of_day(deadline),
                answered_at=at,
            )
            self.invitations.append(invitation)
            if answered:
                self.responses.append(
                    (invitation, distribution, person, pair, phase, at, questions, role, scales)
                )
        return distribution

    def save(self) -> None:
        Invitation.objects.bulk_create(self.invitations)
        rows = []
        for invitation, distribution, person, pair, phase, at, *_ in self.responses:
            rows.append(
                Response(
                    distribution=distribution,
                    invitation=invitation,
                    participant=person,
                    pair=pair,
                    phase=phase,
                    submitted_at=at,
                )
            )
        Response.objects.bulk_create(rows)
        answers = []
        for response, (*_, questions, role, scales) in zip(rows, self.responses, strict=True):
            for question in questions:
                values = answer_values(
                    question,
                    self.rng,
                    person=response.participant,
                    role=role,
                    scale=(scales or {}).get(question.pk),
                )
                if values is not None:
                    answers.append(Answer(response=response, question=question, **values))
        Answer.objects.bulk_create(answers, batch_size=2000)


@transaction.atomic
def build_answers(programme, *, seed: int, today: datetime.date | None = None) -> int:
    """Distributions of the standard questionnaires with answers; once per programme.

    Exit questionnaires sent when the demo closed pairs (the receiver of ``pair_closed``) do not
    count as done: they get their answers here too."""
    if programme.distributions.exclude(occasion=Occasion.EXIT).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed)
    pairs = list(
        Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE)
        .select_related("mentor__participant")
        .prefetch_related("mentees__participant")
        .order_by("id")
    )
    start = min([p.starts_on for p in pairs if p.starts_on] + [today])
    mentees = [(m.participant, pair) for pair in pairs for m in pair.mentees.all()]
    mentors = [(pair.mentor.participant, pair) for pair in pairs]
    builder = _Builder(programme, rng)
    recent = today - datetime.timedelta(days=12)

    def recently(rng):
        return today - datetime.timedelta(days=rng.randint(0, 10))

    for kind, code, audience in (
        (Participant.Kind.STUDENT, "monitoring_growth", "обучающиеся"),
        (Participant.Kind.TEACHER, "monitoring_growth_teachers", "педагоги"),
    ):
        people = [(person, pair) for person, pair in mentees if person.kind == kind]
        if not people:
            continue
        questions = list(Questionnaire.objects.get(school=None, code=code).questions.all())
        inputs, outputs = [], []
        for person, pair in people:
            seed_rng = random.Random(f"{seed}-{person.pk}")
            before = _growth_before(questions, seed_rng)
            after = {
                q.pk: _growth_after(before[q.pk], q, seed_rng) for q in questions if q.pk in before
            }
            inputs.append((person, pair, "", before))
            outputs.append((person, pair, "", after))
        builder.send(
            code,
            f"Мониторинг роста ({audience}): вход",
            inputs,
            sent=start,
            deadline=start + datetime.timedelta(days=14),
            phase=Phase.INPUT,
        )
        builder.send(
            code,
            f"Мониторинг роста ({audience}): выход",
            outputs,
            sent=recent,
            deadline=today + datetime.timedelta(days=10),
            phase=Phase.OUTPUT,
            share=0.85,
            when=recently,
        )
    satisfaction = dict(sent=recent, deadline=today + datetime.timedelta(days=14), when=recently)
    builder.send(
        "satisfaction_mentees",
        "Удовлетворённость наставляемых",
        [(p, pair, "", None) for p, pair in mentees],
        share=0.8,
        **satisfaction,
    )
    builder.send(
        "satisfaction_mentors",
        "Удовлетворённость наставников",
        [(p, pair, "", None) for p, pair in mentors],
        share=0.8,
        **satisfaction,
    )
    builder.send(
        "monitoring_quality",
        "Мониторинг качества программы",
        [(p, pair, "Наставник", None) for p, pair in mentors]
        + [(p, pair, "Наставляемый", None) for p, pair in mentees],
        share=0.75,
        **satisfaction,
    )
    waiting = (
        programme.mentees.filter(
            status=Mentee.Status.WAITING, participant__kind=Participant.Kind.STUDENT
        )
        .select_related("participant")
        .order_by("id")[:10]
    )
    builder.send(
        "student_requests",
        "Выявление запросов обучающихся",
        [(m.participant, None, "", None) for m in waiting] + [(None, None, "", None)] * 4,
        sent=programme.year.start_date + datetime.timedelta(days=10),
        deadline=today + datetime.timedelta(days=20),
        share=0.7,
    )
    builder.save()
    build_pulse(programme, pairs, rng, today)
    build_exit_answers(programme, rng, today)
    return programme.distributions.count()


# The first working pair of a school is healthy, the second troubled: the pulse and the curator's
# «Требует внимания» queue show both.
HEALTHY_PULSE = (4, 5, 5, 4, 5, 4)  # 4.5
TROUBLED_PULSE = ((2, 3, 2, 3, 3, 2), (3, 3, 4, 3, 4, 3), (4, 4, 3, 4, 4, 3))  # latest first
USUAL_PULSE = (3, 4, 4, 4, 5, 4)


def _pulse_values(index: int, before_latest: int) -> tuple:
    """The scale answers of the pair with this index at a point ``before_latest`` points back."""
    if index == 0:
        return HEALTHY_PULSE
    if index == 1:
        return TROUBLED_PULSE[min(before_latest, len(TROUBLED_PULSE) - 1)]
    return USUAL_PULSE


def _answer_invitations(invitations, values_of, rng, at_of) -> None:
    """Responses to ``invitations``: scale answers from ``values_of(invitation)``, the rest like
    the other demo answers."""
    questions = {}
    responses, rows = [], []
    for invitation in invitations:
        distribution = invitation.distribution
        if distribution.questionnaire_id not in questions:
            questions[distribution.questionnaire_id] = list(
                distribution.questionnaire.questions.all()
            )
        invitation.answered_at = at_of(invitation)
        responses.append(
            Response(
                distribution=distribution,
                invitation=invitation,
                participant_id=invitation.participant_id,
                pair_id=invitation.pair_id,
                submitted_at=invitation.answered_at,
            )
        )
    Invitation.objects.bulk_update(invitations, ["answered_at"])
    Response.objects.bulk_create(responses)
    for invitation, response in zip(invitations, responses, strict=True):
        values = iter(values_of(invitation))
        for question in questions[invitation.distribution.questionnaire_id]:
            scale = next(values, None) if question.kind == Question.Kind.SCALE_5 else None
            fields = answer_values(question, rng, person=invitation.participant, scale=scale)
            if fields is not None:
                rows.append(Answer(response=response, question=question, **fields))
    Answer.objects.bulk_create(rows, batch_size=2000)


def build_pulse(programme, pairs, rng, today: datetime.date) -> None:
    """«Пульс отношений в паре» at every point of each working pair's schedule so far, answered;
    at the latest point some people have not answered yet."""
    questionnaire = Questionnaire.objects.get(school=None, code=pulse.PULSE_CODE)
    sent = []
    for pair in pairs:
        if not pair.starts_on:
            continue
        for month, due_on in pulse.points(pair.starts_on):
            if due_on > today:
                break
            sent.append((pair, month, due_on))
    distributions = Distribution.objects.bulk_create(
        Distribution(
            questionnaire=questionnaire,
            programme=programme,
            title=pulse.pulse_title(pair.pk, month),
            deadline=due_on + datetime.timedelta(days=pulse.ANSWER_DAYS),
            occasion=Occasion.PULSE,
            pair=pair,
            pulse_month=month,
        )
        for pair, month, due_on in sent
    )
    index = {pair.pk: number for number, pair in enumerate(pairs)}
    latest = {pair.pk: month for pair, month, _ in sent}
    invitations, answered, points = [], [], {}
    for distribution, (pair, month, due_on) in zip(distributions, sent, strict=True):
        distribution.questionnaire = questionnaire
        points[distribution.pk] = (index[pair.pk], month, due_on)
        people = [pair.mentor.participant] + [m.participant for m in pair.mentees.all()]
        for person in people:
            invitation = Invitation(
                distribution=distribution,
                participant=person,
                user_id=person.user_id,
                pair=pair,
                respondent_name=person.full_name,
                expires_at=end_of_day(due_on + datetime.timedelta(days=pulse.LINK_DAYS)),
            )
            invitations.append(invitation)
            waiting = month == latest[pair.pk] and index[pair.pk] > 1 and rng.random() < 0.4
            if not waiting:
                answered.append(invitation)
    Invitation.objects.bulk_create(invitations)
    points_of = {}
    for pair, month, _ in sent:
        points_of.setdefault(pair.pk, []).append(month)

    def values_of(invitation):
        number, month, _due = points[invitation.distribution_id]
        months = points_of[invitation.pair_id]
        return _pulse_values(number, len(months) - 1 - months.index(month))

    def at_of(invitation):
        due_on = points[invitation.distribution_id][2]
        day = min(today, due_on + datetime.timedelta(days=rng.randint(0, 6)))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))

    _answer_invitations(answered, values_of, rng, at_of)


def build_exit_answers(programme, rng, today: datetime.date) -> None:
    """Answers to the exit questionnaires of the programme's closed pairs, where there are any."""
    closed = Pair.objects.filter(
        programme=programme, status__in=[Pair.Status.COMPLETED, Pair.Status.TERMINATED]
    ).order_by("id")
    for pair in closed:
        pulse.send_exit(pair, today)
    invitations = list(
        Invitation.objects.filter(
            distribution__programme=programme,
            distribution__occasion=Occasion.EXIT,
            answered_at__isnull=True,
        )
        .select_related("distribution__questionnaire", "distribution__pair", "participant")
        .order_by("id")
    )
    if not invitations:
        return

    def values_of(invitation):
        early = invitation.distribution.pair.status == Pair.Status.TERMINATED
        return [rng.choice([2, 3, 3]) if early else rng.choice([4, 5, 5]) for _ in range(6)]

    def at_of(invitation):
        created = timezone.localdate(invitation.distribution.created_at)
        day = min(today, created + datetime.timedelta(days=rng.randint(0, 5)))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))

    _answer_invitations(invitations, values_of, rng, at_of)
