"""The registry's pair health checks: meetings, the mentor's diary, ИПР tasks, documents.

Each check reads the batch of pairs at work (``health.in_work``, chosen by ``health.concerns``)
with a fixed number of grouped queries. Meetings dated after the day are planned
(запланированные), not held, and do not count.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Max, Min, Q
from django.urls import reverse

from mentoring.text import days, plural

from .document_checks import EXTERNAL_KINDS, minor_cutoff
from .health import DANGER, WARNING, Concern, register
from .models import (
    Certificate,
    Consent,
    DiaryEntry,
    Meeting,
    Mentor,
    Pair,
    Participant,
    PlanItem,
)

MEETING_WARNING_DAYS = 14
MEETING_DANGER_DAYS = 30
DIARY_SILENCE_DAYS = 30
DOCUMENT_NOTICE_DAYS = 30

IN_WORK = (Pair.Status.ACTIVE, Pair.Status.APPROVED)
UNFINISHED_TASKS = (PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS)
CERTIFICATE_NAMES = {
    Certificate.Kind.CRIMINAL_RECORD: "справка об отсутствии судимости",
    Certificate.Kind.MEDICAL: "медицинская справка",
}
CONSENT_NAMES = {
    Consent.Kind.PERSONAL_DATA: "согласие на обработку персональных данных",
    Consent.Kind.PARTICIPATION: "согласие на участие в программе",
    Consent.Kind.TEACHER_MENTORING: "согласие педагога на наставничество",
}


def of_pairs(working: dict[int, Pair], path: str = "pair") -> dict:
    """A filter of the rows of the batch's programmes' pairs in work.

    By programme, not by a list of thousands of pair ids (costly to build and to send); rows of
    other pairs of the same programmes are read and skipped.
    """
    return {
        f"{path}__programme_id__in": {pair.programme_id for pair in working.values()},
        f"{path}__status__in": IN_WORK,
    }


@register
def meetings(working: dict[int, Pair], day: datetime.date) -> Iterator[Concern]:
    last_held = dict(
        Meeting.objects.filter(**of_pairs(working), held_on__lte=day)
        .values("pair_id")
        .annotate(last=Max("held_on"))
        .values_list("pair_id", "last")
    )
    for pair_id, pair in working.items():
        last = last_held.get(pair_id)
        since = last or pair.starts_on
        if since is None or since > day:
            continue
        idle = (day - since).days
        if idle < MEETING_WARNING_DAYS:
            continue
        danger = idle >= MEETING_DANGER_DAYS
        if last:
            reason = f"Нет встреч {days(idle)}: последняя была {last:%d.%m.%Y}"
            mentor_action = f"Проведите встречу: последняя была {days(idle)} назад"
        else:
            reason = f"Ни одной встречи за {days(idle)} с начала работы пары ({since:%d.%m.%Y})"
            mentor_action = f"Проведите первую встречу: пара работает уже {days(idle)}"
        yield Concern(
            pair_id=pair_id,
            code=f"no_meeting_{MEETING_DANGER_DAYS if danger else MEETING_WARNING_DAYS}",
            level=DANGER if danger else WARNING,
            reason=reason,
            action="Связаться с наставником и записать встречу",
            url=reverse("registry:meeting_create", args=[pair_id]),
            mentor_action=mentor_action,
        )


@register
def mentor_diary(working: dict[int, Pair], day: datetime.date) -> Iterator[Concern]:
    last_written = dict(
        DiaryEntry.objects.filter(
            **of_pairs(working), diary=DiaryEntry.Diary.MENTOR, written_on__lte=day
        )
        .values("pair_id")
        .annotate(last=Max("written_on"))
        .values_list("pair_id", "last")
    )
    for pair_id, pair in working.items():
        last = last_written.get(pair_id)
        since = last or pair.starts_on
        if since is None or since > day:
            continue
        silent = (day - since).days
        if silent < DIARY_SILENCE_DAYS:
            continue
        if last:
            reason = f"В дневнике наставника нет записей {days(silent)}: последняя {last:%d.%m.%Y}"
        else:
            reason = (
                f"Дневник наставника пуст: ни одной записи за {days(silent)} "
                f"с начала работы пары ({since:%d.%m.%Y})"
            )
        yield Concern(
            pair_id=pair_id,
            code="diary_silence",
            level=WARNING,
            reason=reason,
            action="Напомнить наставнику о дневнике наставника",
            url=reverse("registry:pair_timeline", args=[pair_id]),
            mentor_action=f"Сделайте запись в дневнике наставника: записей не было {days(silent)}",
        )


@register
def overdue_plan_tasks(working: dict[int, Pair], day: datetime.date) -> Iterator[Concern]:
    rows = (
        PlanItem.objects.filter(
            **of_pairs(working, "plan__pair"), deadline__lt=day, status__in=UNFINISHED_TASKS
        )
        .values("plan__pair_id", "plan__mentee_id")
        .annotate(count=Count("pk"), oldest=Min("deadline"))
        .order_by("plan__pair_id", "oldest", "plan__mentee_id")
    )
    overdue: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row["plan__pair_id"] in working:
            overdue[row["plan__pair_id"]].append(row)
    for pair_id, plans in overdue.items():
        count = sum(row["count"] for row in plans)
        oldest = plans[0]["oldest"]
        tasks = plural(count, "задача", "задачи", "задач")
        overdue_word = plural(count, "просрочена", "просрочены", "просрочены")
        yield Concern(
            pair_id=pair_id,
            code="plan_overdue",
            level=WARNING,
            reason=(
                f"Просрочено {count} {tasks} ИПР, самый ранний срок — {oldest:%d.%m.%Y} "
                f"({days((day - oldest).days)} назад)"
            ),
            action="Обсудить с наставником задачи индивидуального плана развития",
            url=reverse("registry:plan_detail", args=[pair_id, plans[0]["plan__mentee_id"]]),
            mentor_action=f"Отметьте выполнение задач ИПР: {count} {tasks} {overdue_word}",
        )


@register
def documents(working: dict[int, Pair], day: datetime.date) -> Iterator[Concern]:
    """Certificates the mentor needs that expire soon or have expired; withdrawn consents.

    Reads values, not model rows (a municipality has thousands of people); names are read in one
    more query, only for the people concerned. Documents are read for the whole schools of the
    batch and looked up by person.
    """
    adult_born_by = minor_cutoff(day)
    mentors = {
        mentor_id: (person_id, kind, born)
        for mentor_id, person_id, kind, born in Mentor.objects.filter(**of_pairs(working, "pairs"))
        .values_list("pk", "participant_id", "participant__kind", "participant__birth_date")
        .distinct()
    }
    mentees = defaultdict(list)
    for pair_id, person_id in Pair.mentees.through.objects.filter(**of_pairs(working)).values_list(
        "pair_id", "mentee__participant_id"
    ):
        mentees[pair_id].append(person_id)
    # Participants of the batch's schools: a mentor and the mentees belong to the pair's school.
    schools = {"participant__school__programmes__in": {p.programme_id for p in working.values()}}
    valid_until = {
        (row["participant_id"], row["kind"]): row["until"]
        for row in Certificate.objects.filter(**schools)
        .values("participant_id", "kind")
        .annotate(until=Max("valid_until"))
    }
    withdrawn = {
        (row["participant_id"], row["kind"]): row["withdrawn"]
        for row in Consent.objects.filter(**schools)
        .values("participant_id", "kind")
        .annotate(
            active=Count("pk", filter=Q(withdrawn_on__isnull=True)),
            withdrawn=Max("withdrawn_on"),
        )
        .filter(active=0)
    }
    found = []  # (pair_id, person_id, what, kind, date)
    for pair_id, pair in working.items():
        person, kind, born = mentors[pair.mentor_id]
        needed = []
        adult = born <= adult_born_by if born else kind != Participant.Kind.STUDENT
        if adult:
            needed.append(Certificate.Kind.CRIMINAL_RECORD)
        if kind in EXTERNAL_KINDS:
            needed.append(Certificate.Kind.MEDICAL)
        for certificate in needed:
            until = valid_until.get((person, certificate))
            if until is not None and (until - day).days <= DOCUMENT_NOTICE_DAYS:
                found.append((pair_id, person, "certificate", certificate, until))
        for someone in [person, *mentees.get(pair_id, [])]:
            for consent in CONSENT_NAMES:
                if (someone, consent) in withdrawn:
                    found.append(
                        (pair_id, someone, "consent", consent, withdrawn[someone, consent])
                    )
    if not found:
        return
    names = {
        person.pk: person.full_name
        for person in Participant.objects.filter(pk__in={row[1] for row in found}).only(
            "last_name", "first_name", "middle_name"
        )
    }
    for pair_id, person, what, kind, date in found:
        url = reverse("registry:participant_detail", args=[person])
        if what == "certificate":
            yield _certificate_concern(pair_id, names[person], url, kind, date, day)
        else:
            yield Concern(
                pair_id=pair_id,
                code="consent_withdrawn",
                level=DANGER,
                reason=f"Отозвано {CONSENT_NAMES[kind]}: {names[person]}, {date:%d.%m.%Y}",
                action="Выяснить, может ли участник продолжать работу в паре",
                url=url,
            )


def _certificate_concern(pair_id, name, url, kind, until, day) -> Concern:
    document = CERTIFICATE_NAMES[kind]
    left = (until - day).days
    if left < 0:
        return Concern(
            pair_id=pair_id,
            code="certificate_expired",
            level=DANGER,
            reason=(
                f"У наставника ({name}) {document} просрочена: действовала до {until:%d.%m.%Y}"
            ),
            action="Запросить у наставника новую справку",
            url=url,
            mentor_action=(
                f"Принесите куратору новую справку: {document} действовала до {until:%d.%m.%Y}"
            ),
        )
    return Concern(
        pair_id=pair_id,
        code="certificate_expiring",
        level=WARNING,
        reason=(
            f"У наставника ({name}) {document} действует до {until:%d.%m.%Y}: осталось {days(left)}"
        ),
        action="Напомнить наставнику о новой справке",
        url=url,
        mentor_action=(
            f"Получите новую справку: {document} действует до {until:%d.%m.%Y}, "
            f"осталось {days(left)}"
        ),
    )


CHECKS = (meetings, mentor_diary, overdue_plan_tasks, documents)
