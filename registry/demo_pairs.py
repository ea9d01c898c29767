"""Demo pairs and groups in every form, with meetings over the year, diaries and plans."""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from mentoring.models import Programme

from .document_checks import MENTEE, MENTOR, missing_documents_q, with_document_flags
from .models import (
    DevelopmentPlan,
    DiaryEntry,
    Meeting,
    Mentee,
    Mentor,
    MentoringForm,
    Pair,
    Participant,
    PlanItem,
)
from .services.pairs import (
    PairingError,
    create_pair,
    form_problems,
    open_load,
    start_pair,
)

FORM_FOR_MENTOR = {
    Participant.Kind.STUDENT: "student_student",
    Participant.Kind.TEACHER: "teacher_teacher",
    Participant.Kind.EMPLOYER_SPECIALIST: "employer_pupil",
    Participant.Kind.GRADUATE: "student_pupil",
}
TOPICS = [
    "Разбор домашнего задания и трудных тем",
    "Подготовка к контрольной работе",
    "Обсуждение проекта к школьной конференции",
    "Планирование открытого урока",
    "Работа с электронным журналом",
    "Разговор о самочувствии и нагрузке",
]


# Approves the programme's new draft pairs on the given day, as the school does: by an order.
PairsApproval = Callable[[Programme, list[Pair], datetime.date], None]


@transaction.atomic
def build_pairs(
    programme: Programme,
    *,
    seed: int,
    approve: PairsApproval,
    today: datetime.date | None = None,
) -> int:
    """Pairs every ready registry mentor with fitting waiting mentees; once per programme (pairs
    continued from last year do not count: the mentors' free places get new pairs). The pairs
    are approved by ``approve`` and most of them then start work."""
    if programme.pairs.filter(continued_from__isnull=True).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed)
    start = programme.year.start_date + datetime.timedelta(days=45)  # pairs formed in October
    formed = min(start, today)
    forms = {form.code: form for form in MentoringForm.objects.prefetch_related("role_models")}
    # People without their documents are left out before trying: every refused attempt costs
    # the full check of create_pair.
    school_id = programme.school_id
    waiting = list(
        with_document_flags(
            programme.mentees.filter(status=Mentee.Status.WAITING).select_related("participant"),
            "participant",
            school_id,
        ).exclude(missing_documents_q(MENTEE, formed, "participant__"))
    )
    mentors = with_document_flags(
        Mentor.objects.filter(school=programme.school, status__in=Mentor.IN_REGISTRY),
        "participant",
        school_id,
    ).exclude(missing_documents_q(MENTOR, formed, "participant__"))
    pairs = []
    for mentor in mentors.select_related("participant"):
        form = forms.get(FORM_FOR_MENTOR.get(mentor.participant.kind, ""))
        free = mentor.capacity - open_load(mentor)
        if form is None or free < 1:
            continue
        role_model = form.role_models.first()
        candidates = [
            m
            for m in waiting
            if m.participant.kind in form.mentee_kinds
            and not form_problems(mentor, [m], form, role_model)
        ][:8]
        size = 2 if rng.random() < 0.3 and free >= 2 else 1
        attempts = [candidates[i : i + size] for i in range(len(candidates))]
        for mentees in attempts + [[m] for m in candidates]:
            try:
                pair = create_pair(
                    programme,
                    mentor,
                    mentees,
                    form,
                    role_model,
                    by=None,
                    goal="Достижение лучших образовательных результатов",
                    today=formed,
                )
            except PairingError:
                continue
            pairs.append(pair)
            taken = {m.pk for m in mentees}
            waiting = [m for m in waiting if m.pk not in taken]
            break
    if pairs:
        approve(programme, pairs, formed)
    for index, pair in enumerate(pairs):
        pair.refresh_from_db(fields=["status"])
        if index % 6 == 5 or pair.status != Pair.Status.APPROVED:
            continue
        start_pair(pair, by=None, starts_on=start)
        _meetings(pair, start, today, rng, stale=index % 9 == 4)
    return len(pairs)


@transaction.atomic
def continue_meetings(
    programme: Programme, *, seed: int, today: datetime.date | None = None
) -> int:
    """Meetings since September for the working pairs continued from last year; once per pair."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    pairs = programme.pairs.filter(
        continued_from__isnull=False, status=Pair.Status.ACTIVE, plans__isnull=True
    ).order_by("id")
    start = programme.year.start_date + datetime.timedelta(days=7)
    count = 0
    for index, pair in enumerate(pairs):
        _meetings(pair, start, today, rng, stale=index % 9 == 4)
        count += 1
    return count


def _meetings(pair: Pair, start: datetime.date, today: datetime.date, rng, *, stale: bool) -> None:
    last = today - datetime.timedelta(days=45 if stale else rng.randint(2, 12))
    kinds = [Meeting.Kind.ACQUAINTANCE, Meeting.Kind.TRIAL, Meeting.Kind.PLANNING]
    day, meetings = start, []
    while day <= last:
        kind = kinds.pop(0) if kinds else Meeting.Kind.WORKING
        meetings.append(
            Meeting(
                pair=pair,
                kind=kind,
                held_on=day,
                format=Meeting.Format.ONLINE if rng.random() < 0.2 else Meeting.Format.IN_PERSON,
                topic=Meeting.Kind(kind).label
                if kind != Meeting.Kind.WORKING
                else rng.choice(TOPICS),
                outcome="Договорились о следующих шагах",
                duration_minutes=rng.choice([30, 40, 45]),
            )
        )
        day += datetime.timedelta(days=rng.randint(5, 10))
    Meeting.objects.bulk_create(meetings)
    if meetings:
        DiaryEntry.objects.create(
            pair=pair,
            diary=DiaryEntry.Diary.MENTOR,
            written_on=meetings[-1].held_on,
            text="Наставляемый стал увереннее отвечать у доски, выполнил все задания недели.",
        )
    # Tasks past their deadline are done, except in idle pairs and in about one pair in five.
    behind = stale or rng.random() < 0.2
    for mentee in pair.mentees.all():
        plan = DevelopmentPlan.objects.create(
            pair=pair, mentee=mentee, goal="Повысить результаты и уверенность в себе"
        )
        PlanItem.objects.bulk_create(
            PlanItem(
                plan=plan,
                task=task,
                deadline=start + datetime.timedelta(days=30 * (n + 1)),
                expected_result=result,
                position=n,
                status=PlanItem.Status.DONE
                if n == 0 or (not behind and start + datetime.timedelta(days=30 * (n + 1)) < today)
                else PlanItem.Status.IN_PROGRESS,
            )
            for n, (task, result) in enumerate(
                [
                    ("Определить трудные темы", "Список тем для работы"),
                    ("Еженедельные занятия", "Улучшение текущих оценок"),
                    ("Итоговая самооценка", "Рефлексия по итогам года"),
                ]
            )
        )


def settle_idle_mentors(school) -> int:
    """Mentors left without an open pair (their pairs finished with last year) are no longer
    «работает с наставляемыми»: they stay in the registry as trained."""
    idle = Mentor.objects.filter(school=school, status=Mentor.Status.ACTIVE).exclude(
        pk__in=Pair.objects.open().values("mentor")
    )
    return idle.update(status=Mentor.Status.TRAINED)


def link_mentor_account(programme: Programme, user) -> None:
    """Gives the demo mentor account the person of a working pair's mentor, so that signing in
    as a mentor shows real pairs."""
    if Participant.objects.filter(user=user).exists():
        return
    pair = (
        programme.pairs.filter(status=Pair.Status.ACTIVE, mentor__participant__user__isnull=True)
        .select_related("mentor__participant")
        .order_by("mentor__participant__kind", "id")
        .first()
    )
    if pair is None:
        return
    person = pair.mentor.participant
    person.user = user
    person.save(update_fields=["user"])
    user.last_name, user.first_name, user.middle_name = (
        person.last_name,
        person.first_name,
        person.middle_name,
    )
    user.save(update_fields=["last_name", "first_name", "middle_name"])
