"""Monitoring indicators of a school's programme, computed from live data.

One flat dict of numbers per school (``school_indicators``), so a monthly report can store it as
it was, and the municipal centre can add schools up (``combine``). ``INDICATORS`` names and
orders the figures for every page and download.

Definitions:
- participants are the mentors and mentees of pairs and groups approved, working or completed
  (drafts and early terminations do not count);
- coverage of students counts the students aged 10 and over on the reporting day (a student
  without a birth date counts) among those participants, against the school's total entered
  for the year; coverage of teachers — teachers among the participants against all teachers;
- meetings of the period are those held in the reporting month;
- the survey response rate is over every invitation of the programme sent up to the day;
- satisfaction is the mean satisfaction index of the programme's satisfaction surveys;
- growth counts the characteristics of monitoring stage 2 that improved in the school as a whole.

One figure everywhere (the overview, the school pages, the monthly report, the downloads):
- the period is a reporting month; its figures are taken as of its last day, or as of today
  while it runs (``monthly.services.snapshot_day``); the figures of a day belong to its month;
- a count of the period names its month: ``Indicator.label_for(day)`` → «Встреч за ноябрь
  2026», so the live figures of this month and a report's figures of the last one never share
  a label;
- a share is stored as a fraction (``ratio``: 4 decimals) and shown by ``format_figure`` in
  whole percents, a half rounded up (``mentoring.percent.whole_percent``: 21 of 40 → «53 %»);
  XLSX keeps the fraction with the whole-percent format «0%»; a missing value reads «—».
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from mentoring.models import Programme
from mentoring.periods import month_bounds, month_name
from registry.models import Meeting, Pair, Participant
from registry.selectors import document_summary
from stages import selectors as stage_selectors
from surveys.analytics.growth import growth_report
from surveys.analytics.satisfaction import satisfaction_distributions
from surveys.models import Invitation

from .documents.content import format_number, format_percent

COUNTED_PAIRS = (Pair.Status.APPROVED, Pair.Status.ACTIVE, Pair.Status.COMPLETED)
MIN_STUDENT_AGE = 10


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # of a count of the month: the words before the month, «Встреч за»
    kind: str = "number"  # number | percent (a fraction 0..1) | index (0..100)
    group: str = ""
    summable: bool = True
    of_month: bool = False

    def label_for(self, day: datetime.date) -> str:
        """The label as shown for the figures of ``day``'s month: «Встреч за ноябрь 2026»."""
        return f"{self.label} {month_name(day)}" if self.of_month else self.label


INDICATORS = [
    Indicator("mentors", "Наставников в парах и группах", group="Участники"),
    Indicator("mentees", "Наставляемых в парах и группах", group="Участники"),
    Indicator("students_total", "Обучающихся от 10 лет в школе", group="Охват"),
    Indicator("students_involved", "Из них вовлечены в наставничество", group="Охват"),
    Indicator("students_coverage", "Охват обучающихся", "percent", "Охват", False),
    Indicator("teachers_total", "Педагогов в школе", group="Охват"),
    Indicator("teachers_involved", "Из них вовлечены в наставничество", group="Охват"),
    Indicator("teachers_coverage", "Охват педагогов", "percent", "Охват", False),
    Indicator("pairs_draft", "Пар и групп: проекты", group="Пары и группы"),
    Indicator("pairs_approved", "Пар и групп: утверждены приказом", group="Пары и группы"),
    Indicator("pairs_active", "Пар и групп: работают", group="Пары и группы"),
    Indicator("pairs_completed", "Пар и групп: завершили работу", group="Пары и группы"),
    Indicator("pairs_terminated", "Пар и групп: прекращены досрочно", group="Пары и группы"),
    Indicator("meetings_period", "Встреч за", group="Встречи", of_month=True),
    Indicator("meetings_total", "Встреч с начала года", group="Встречи"),
    Indicator("roadmap_done", "Мероприятий дорожной карты выполнено", group="Дорожная карта"),
    Indicator("roadmap_total", "Мероприятий дорожной карты всего", group="Дорожная карта"),
    Indicator("roadmap_progress", "Выполнение дорожной карты", "percent", "Дорожная карта", False),
    Indicator("roadmap_overdue", "Просрочено мероприятий", group="Дорожная карта"),
    Indicator(
        "no_parental_consent", "Несовершеннолетних без согласия родителей", group="Документы"
    ),
    Indicator("mentors_missing_documents", "Наставников без нужных документов", group="Документы"),
    Indicator("mentees_missing_documents", "Наставляемых без согласий", group="Документы"),
    Indicator("invitations_total", "Приглашений к анкетированию", group="Анкетирование"),
    Indicator("invitations_answered", "Из них ответили", group="Анкетирование"),
    Indicator("response_rate", "Доля ответивших", "percent", "Анкетирование", False),
    Indicator("satisfaction_index", "Индекс удовлетворённости, %", "index", "Мониторинг", False),
    Indicator("growth_pairs", "Пар с замерами на входе и выходе", group="Мониторинг"),
    Indicator("growth_characteristics", "Характеристик измерено (этап 2)", group="Мониторинг"),
    Indicator("growth_improved", "Из них улучшились", group="Мониторинг"),
]
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def format_figure(value, kind: str = "number") -> str:
    """An indicator's value as every page shows it: «53 %», «77,8», «12», «—» when unknown."""
    if value is None or value == "":
        return "—"
    if kind == "percent":
        return format_percent(value)
    return format_number(value)


def ratio(part: int | None, whole: int | None) -> float | None:
    if not whole or part is None:
        return None
    return round(part / whole, 4)


def _participants(programme: Programme):
    """Participant ids of mentors and mentees of the counted pairs, with kind and birth date."""
    pairs = Pair.objects.filter(programme=programme, status__in=COUNTED_PAIRS)
    mentor_ids = set(pairs.values_list("mentor__participant_id", flat=True))
    mentee_ids = set(pairs.values_list("mentees__participant_id", flat=True)) - {None}
    people = Participant.objects.filter(pk__in=mentor_ids | mentee_ids).values_list(
        "pk", "kind", "birth_date"
    )
    return mentor_ids, mentee_ids, list(people)


def _is_counted_student(kind: str, birth_date, day: datetime.date) -> bool:
    if kind != Participant.Kind.STUDENT:
        return False
    if birth_date is None:
        return True
    years = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    return years >= MIN_STUDENT_AGE


def by_form(programme: Programme) -> list[dict]:
    """Participants by form: pairs, mentors and mentees of the counted pairs."""
    rows = (
        Pair.objects.filter(programme=programme, status__in=COUNTED_PAIRS)
        .values("form__name", "form__position")
        .annotate(
            pairs=Count("pk", distinct=True),
            mentors=Count("mentor", distinct=True),
            mentees=Count("mentees", distinct=True),
        )
        .order_by("form__position")
    )
    return [
        {
            "form": row["form__name"],
            "pairs": row["pairs"],
            "mentors": row["mentors"],
            "mentees": row["mentees"],
        }
        for row in rows
    ]


def school_indicators(programme: Programme, day: datetime.date) -> dict:
    """Every indicator of the programme as of ``day`` (the month of ``day`` is the period)."""
    mentor_ids, mentee_ids, people = _participants(programme)
    students = sum(1 for _, kind, born in people if _is_counted_student(kind, born, day))
    teachers = sum(1 for _, kind, _ in people if kind == Participant.Kind.TEACHER)

    statuses = dict(
        Pair.objects.filter(programme=programme)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    start, end = month_bounds(day)
    meetings = Meeting.objects.filter(pair__programme=programme, held_on__lte=day).aggregate(
        total=Count("pk"), period=Count("pk", filter=Q(held_on__gte=start, held_on__lte=end))
    )
    progress = stage_selectors.overall_progress(stage_selectors.stage_progress(programme, day))
    documents = document_summary(programme, day)
    invitations = Invitation.objects.filter(
        distribution__programme=programme, distribution__created_at__date__lte=day
    ).aggregate(total=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
    indices = [d.index for d in satisfaction_distributions(programme) if d.index is not None]
    growth = growth_report(programme)

    return {
        "mentors": len(mentor_ids),
        "mentees": len(mentee_ids),
        "students_total": programme.students_total,
        "students_involved": students,
        "students_coverage": ratio(students, programme.students_total),
        "teachers_total": programme.teachers_total,
        "teachers_involved": teachers,
        "teachers_coverage": ratio(teachers, programme.teachers_total),
        "pairs_draft": statuses.get(Pair.Status.DRAFT, 0),
        "pairs_approved": statuses.get(Pair.Status.APPROVED, 0),
        "pairs_active": statuses.get(Pair.Status.ACTIVE, 0),
        "pairs_completed": statuses.get(Pair.Status.COMPLETED, 0),
        "pairs_terminated": statuses.get(Pair.Status.TERMINATED, 0),
        "meetings_period": meetings["period"],
        "meetings_total": meetings["total"],
        "roadmap_done": progress.done,
        "roadmap_total": progress.total,
        "roadmap_progress": ratio(progress.done, progress.total),
        "roadmap_overdue": progress.overdue,
        "no_parental_consent": documents.without_parental_consent,
        "mentors_missing_documents": documents.mentors_missing_documents,
        "mentees_missing_documents": documents.mentees_missing_documents,
        "invitations_total": invitations["total"],
        "invitations_answered": invitations["answered"],
        "response_rate": ratio(invitations["answered"], invitations["total"]),
        "satisfaction_index": round(sum(indices) / len(indices), 1) if indices else None,
        "growth_pairs": max((c.total.pairs for c in growth), default=0),
        "growth_characteristics": len(growth),
        "growth_improved": sum(1 for c in growth if c.total.improved),
        "by_form": by_form(programme),
    }


def combine(rows: list[dict]) -> dict:
    """The municipality's figures from its schools': sums, and ratios of the sums."""
    total = {}
    for indicator in INDICATORS:
        if indicator.summable:
            values = [row.get(indicator.key) for row in rows if row.get(indicator.key) is not None]
            total[indicator.key] = sum(values) if values else None
    with_students = [r for r in rows if r.get("students_total")]
    with_teachers = [r for r in rows if r.get("teachers_total")]
    total["students_coverage"] = ratio(
        sum(r["students_involved"] for r in with_students),
        sum(r["students_total"] for r in with_students),
    )
    total["teachers_coverage"] = ratio(
        sum(r["teachers_involved"] for r in with_teachers),
        sum(r["teachers_total"] for r in with_teachers),
    )
    total["roadmap_progress"] = ratio(total.get("roadmap_done"), total.get("roadmap_total"))
    total["response_rate"] = ratio(
        total.get("invitations_answered"), total.get("invitations_total")
    )
    indices = [r["satisfaction_index"] for r in rows if r.get("satisfaction_index") is not None]
    total["satisfaction_index"] = round(sum(indices) / len(indices), 1) if indices else None
    forms: dict[str, dict] = {}
    for row in rows:
        for item in row.get("by_form", []):
            entry = forms.setdefault(
                item["form"], {"form": item["form"], "pairs": 0, "mentors": 0, "mentees": 0}
            )
            for key in ("pairs", "mentors", "mentees"):
                entry[key] += item[key]
    total["by_form"] = list(forms.values())
    return total
