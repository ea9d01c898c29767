"""Everything stored about one participant, for the person themself (152-ФЗ, ст. 14).

One list of parts feeds both the document (PDF, XLSX through the document pipeline) and the
JSON export; the parts show the fields of the personal-data map (``personal_data_parts.py``).
Sensitive request categories are included: the export is given by the school's curator or
director to the person (or their legal representative). Other people's data is left out: the other
side of a pair is named by the pair's number only (and so is whoever recorded a row, unless it is
the school's staff or the person), other mentees' diaries and plans are not shown, the mentor's
allowance only to the mentor.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from mentoring.files import document_name
from mentoring.personal_data import declaration
from registry.models import (
    Attendance,
    Award,
    Case,
    DevelopmentPlan,
    DiaryEntry,
    Interview,
    Meeting,
    Mentor,
    MentoringAgreement,
    MentoringDuty,
    Pair,
    Participant,
    SupportContact,
    TrainingCertificate,
)
from surveys.models import Answer, Invitation

from ..documents import Column, Document, Facts, Section, Table
from ..models import NameOverride, Order
from .personal_data_parts import Context, Mapped, Part, Recorder, facts, table

TITLE = "Сведения о персональных данных участника"
MARKING = "Конфиденциально: персональные данные"
PAIR_COLUMN = Column("Пара (группа)", width=18)
COURSE_COLUMN = Column("Обучение", width=30)


def _pair_name(pair_id: int) -> str:
    return f"Пара (группа) № {pair_id}"


def _in_pair(row) -> str:
    return _pair_name(row.pair_id)


def _year(path: str) -> Context:
    def year_of(row):
        for step in path.split("__"):
            row = getattr(row, step)
        return row.name

    return Column("Учебный год", width=12), year_of


def _person(participant: Participant, recorder: Recorder) -> Part:
    part = facts(
        Mapped(
            "registry.Participant",
            recorder,
            {"user": lambda p, _: p.user.username if p.user else "нет"},
        ),
        participant,
    )
    part.facts.append(("Школа", participant.school.full_name))
    record = getattr(participant, "anonymisation", None)
    if record is not None:
        anonymised = facts(Mapped("registry.AnonymisationRecord", recorder), record)
        part.facts += anonymised.facts
        part.fields += anonymised.fields
    return part


def _password(user, _name) -> str:
    return "задан" if user.has_usable_password() else "вход по паролю невозможен"


def _account(participant: Participant, recorder: Recorder) -> list[Part]:
    user = participant.user
    if user is None:
        return [Part("Учётная запись", empty_text="Учётной записи нет")]
    place = Column("Школа или муниципалитет", width=36)
    return [
        facts(Mapped("mentoring.User", recorder, {"password": _password}), user),
        table(
            Mapped("mentoring.Membership", recorder),
            user.memberships.select_related("school", "municipality"),
            context=[(place, lambda m: str(m.school or m.municipality))],
            empty_text="Ролей нет",
        ),
        table(
            Mapped("mentoring.CalendarFeed", recorder),
            user.calendar_feeds.all(),
            empty_text="Ссылок на личный календарь нет",
        ),
    ]


def _documents(participant: Participant, recorder: Recorder) -> list[Part]:
    return [
        table(
            Mapped("registry.Consent", recorder),
            participant.consents.select_related("created_by"),
            empty_text="Согласий нет",
        ),
        table(
            Mapped("registry.Certificate", recorder),
            participant.certificates.select_related("created_by"),
            empty_text="Справок нет",
        ),
    ]


def _mentor_parts(mentor: Mentor | None, recorder: Recorder) -> list[Part]:
    if mentor is None:
        return [Part("Наставник", empty_text="Участник не был в базе наставников")]
    interviews = Interview.objects.filter(mentor=mentor).select_related(
        "programme__year", "recorded_by"
    )
    attendance = (
        Attendance.objects.filter(mentor=mentor)
        .select_related("session__course__programme__year")
        .order_by("session__held_on", "id")
    )
    certificates = TrainingCertificate.objects.filter(mentor=mentor).select_related(
        "course__programme__year"
    )
    return [
        facts(Mapped("registry.Mentor", recorder), mentor),
        table(
            Mapped("registry.PortfolioFile", recorder), mentor.files.all(), empty_text="Файлов нет"
        ),
        table(
            Mapped("registry.Interview", recorder),
            interviews,
            context=[_year("programme__year")],
            empty_text="Собеседований нет",
        ),
        table(
            Mapped("registry.Attendance", recorder),
            attendance,
            context=[
                (COURSE_COLUMN, lambda a: a.session.course.title),
                _year("session__course__programme__year"),
                (Column("Занятие", width=12, kind="date"), lambda a: a.session.held_on),
                (Column("Тема занятия", width=30), lambda a: a.session.topic),
            ],
            empty_text="Посещаемость не отмечалась",
        ),
        table(
            Mapped("registry.TrainingCertificate", recorder),
            certificates,
            context=[(COURSE_COLUMN, lambda c: c.course.title), _year("course__programme__year")],
            empty_text="Удостоверений нет",
        ),
        table(
            Mapped("registry.MentoringAgreement", recorder),
            MentoringAgreement.objects.filter(mentor=mentor).select_related("updated_by"),
            empty_text="Соглашений о наставничестве нет",
        ),
        table(
            Mapped("registry.MentoringDuty", recorder),
            MentoringDuty.objects.filter(mentor=mentor).select_related("updated_by"),
            empty_text="Наставничество не входит в должностные обязанности",
        ),
    ]


def _categories(mentee, _name) -> str:
    return ", ".join(
        f"{c.name}{' (конфиденциально)' if c.sensitive else ''}" for c in mentee.categories.all()
    )


def _mentee_part(participant: Participant, recorder: Recorder) -> Part:
    entries = participant.mentee_entries.select_related(
        "programme__year", "updated_by"
    ).prefetch_related("categories")
    return table(
        Mapped("registry.Mentee", recorder, {"categories": _categories}),
        entries,
        context=[_year("programme__year")],
        empty_text="Участник не был в базе наставляемых",
    )


def _pairs_part(pairs: list[Pair], mentor: Mentor | None, recorder: Recorder) -> Part:
    def is_mentor(pair) -> bool:
        return mentor is not None and pair.mentor_id == mentor.pk

    def allowance(pair, _name) -> str:
        return pair.mentor_allowance if is_mentor(pair) else ""

    return table(
        Mapped("registry.Pair", recorder, {"mentor_allowance": allowance}),
        pairs,
        context=[
            (PAIR_COLUMN, lambda pair: _pair_name(pair.pk)),
            (Column("Роль", width=14), lambda p: "наставник" if is_mentor(p) else "наставляемый"),
            _year("programme__year"),
        ],
        empty_text="Пар и групп нет",
    )


def _plans_part(participant: Participant, recorder: Recorder) -> Part:
    plan = Mapped("registry.DevelopmentPlan", recorder)
    item = Mapped("registry.PlanItem", recorder)
    plans = (
        DevelopmentPlan.objects.filter(mentee__participant=participant)
        .prefetch_related("items")
        .order_by("id")
    )
    return Part(
        plan.entry.heading,
        columns=[PAIR_COLUMN, *plan.columns, *item.columns],
        rows=[
            [_in_pair(row), *plan.cells(row), *item.cells(task)]
            for row in plans
            for task in (list(row.items.all()) or [None])
        ],
        empty_text="Планов нет",
        fields=plan.fields + item.fields,
    )


def _work_parts(
    participant: Participant, pairs: list[Pair], mentor: Mentor | None, recorder: Recorder
) -> list[Part]:
    pair_ids = [pair.pk for pair in pairs]
    as_mentor = [pair.pk for pair in pairs if mentor and pair.mentor_id == mentor.pk]
    single_mentee = [
        pair.pk for pair in pairs if pair.pk not in as_mentor and len(pair.mentees.all()) == 1
    ]
    in_pair = [(PAIR_COLUMN, _in_pair)]
    meetings = (
        Meeting.objects.filter(pair__in=pair_ids)
        .select_related("recorded_by")
        .order_by("held_on", "id")
    )
    diary = (
        DiaryEntry.objects.filter(
            Q(diary=DiaryEntry.Diary.MENTEE, mentee__participant=participant)
            | Q(diary=DiaryEntry.Diary.MENTOR, pair__in=as_mentor + single_mentee)
        )
        .select_related("author")
        .order_by("written_on", "id")
    )
    cases = Case.objects.filter(pair__in=pair_ids).order_by("created_at", "id")
    # The curator's contacts with the person: as the pair's mentor, or about them as a mentee
    # (with them or with their parent).
    contacts = (
        SupportContact.objects.filter(
            Q(pair__in=as_mentor, person=SupportContact.Person.MENTOR)
            | Q(mentee__participant=participant)
        )
        .select_related("recorded_by")
        .order_by("contacted_on", "id")
    )
    return [
        table(
            Mapped("registry.Meeting", recorder), meetings, context=in_pair, empty_text="Встреч нет"
        ),
        table(
            Mapped("registry.DiaryEntry", recorder),
            diary,
            context=in_pair,
            empty_text="Записей нет",
        ),
        table(
            Mapped("registry.SupportContact", recorder),
            contacts,
            context=in_pair,
            empty_text="Контактов нет",
        ),
        _plans_part(participant, recorder),
        table(Mapped("registry.Case", recorder), cases, context=in_pair, empty_text="Практик нет"),
    ]


def _surveys_parts(participant: Participant, recorder: Recorder) -> list[Part]:
    answers = (
        Answer.objects.filter(response__participant=participant)
        .select_related("response__distribution__questionnaire", "question")
        .order_by("response__submitted_at", "question__position", "id")
    )
    response = Mapped("surveys.Response", recorder)
    answer = Mapped("surveys.Answer", recorder)
    responses = Part(
        answer.entry.heading,
        columns=[
            Column("Анкета", width=30),
            *response.columns,
            Column("Вопрос", width=40),
            *answer.columns,
        ],
        rows=[
            [
                row.response.distribution.questionnaire.title,
                *response.cells(row.response),
                row.question.text,
                *answer.cells(row),
            ]
            for row in answers
        ],
        empty_text="Ответов нет",
        fields=response.fields + answer.fields,
    )
    match = Q(participant=participant)
    if participant.user_id:
        match |= Q(user_id=participant.user_id)
    invitations = (
        Invitation.objects.filter(match).select_related("distribution").order_by("expires_at", "id")
    )
    return [
        responses,
        table(
            Mapped("surveys.Invitation", recorder),
            invitations,
            context=[(Column("Рассылка", width=30), lambda row: row.distribution.title)],
            empty_text="Приглашений нет",
        ),
    ]


def _awards_and_orders(
    pairs: list[Pair], mentor: Mentor | None, participant: Participant, recorder: Recorder
) -> list[Part]:
    pair_ids = [pair.pk for pair in pairs]
    award_match = Q(pair__in=pair_ids)
    if mentor:
        award_match |= Q(mentor=mentor)
    awards = list(Award.objects.filter(award_match).order_by("awarded_on", "id"))
    order_match = Q(pairs__in=pair_ids) | Q(awards__in=[award.pk for award in awards])
    if mentor:
        order_match |= Q(mentors=mentor)
    orders = (
        Order.objects.filter(school=participant.school_id)
        .filter(order_match)
        .distinct()
        .order_by("order_date", "id")
    )
    labels = declaration("reports.Order")
    return [
        table(Mapped("registry.Award", recorder), awards, empty_text="Поощрений нет"),
        Part(
            "Приказы, в которых назван участник",
            columns=[
                Column(labels.label("number"), width=10, kind="number"),
                Column(labels.label("order_date"), width=12, kind="date"),
                Column(labels.label("title"), width=50),
                Column(labels.label("status"), width=16),
            ],
            rows=[
                [order.number, order.order_date, order.title, order.get_status_display()]
                for order in orders
            ],
            empty_text="Приказов нет",
        ),
    ]


def _name_corrections(participant: Participant, recorder: Recorder) -> Part:
    corrections = NameOverride.objects.filter(
        school=participant.school_id, nominative=" ".join(participant.full_name.split())
    )
    return table(
        Mapped("reports.NameOverride", recorder), corrections, empty_text="Исправлений нет"
    )


def subject_access_parts(participant: Participant) -> list[Part]:
    recorder = Recorder(participant)
    mentor = (
        Mentor.objects.filter(participant=participant)
        .select_related("updated_by")
        .prefetch_related("competencies", "files")
        .first()
    )
    pair_match = Q(mentees__participant=participant)
    if mentor:
        pair_match |= Q(mentor=mentor)
    pairs = list(
        Pair.objects.filter(pk__in=Pair.objects.filter(pair_match).values("pk"))
        .select_related("programme__year", "form", "role_model", "updated_by")
        .prefetch_related("mentees")
        .order_by("programme__year__start_date", "id")
    )
    return [
        _person(participant, recorder),
        *_account(participant, recorder),
        *_documents(participant, recorder),
        *_mentor_parts(mentor, recorder),
        _mentee_part(participant, recorder),
        _pairs_part(pairs, mentor, recorder),
        *_work_parts(participant, pairs, mentor, recorder),
        *_surveys_parts(participant, recorder),
        *_awards_and_orders(pairs, mentor, participant, recorder),
        _name_corrections(participant, recorder),
    ]


def _section(part: Part) -> Section:
    if part.facts:
        blocks = [Facts(part.facts)]
    elif part.columns:
        blocks = [Table(part.columns, part.rows, empty_text=part.empty_text)]
    else:
        blocks = [Table([Column("Сведения", width=60)], [], empty_text=part.empty_text)]
    return Section(heading=part.heading, blocks=blocks)


def subject_access_name(participant: Participant) -> str:
    return document_name(
        participant.school.short_name, "Персональные данные", detail=participant.full_name
    )


def subject_access_document(participant: Participant) -> Document:
    return Document(
        title=TITLE,
        subtitle=participant.full_name,
        organisation=participant.school.full_name,
        marking=MARKING,
        meta=[
            (
                "Основание",
                "запрос субъекта персональных данных (ст. 14 Федерального закона № 152-ФЗ)",
            ),
        ],
        orientation="landscape",
        xlsx_layout="sheet_per_section",
        sections=[_section(part) for part in subject_access_parts(participant)],
        filename=subject_access_name(participant),
    )


def subject_access_data(participant: Participant) -> dict:
    sections = []
    for part in subject_access_parts(participant):
        entry: dict = {"heading": part.heading}
        if part.facts:
            entry["facts"] = dict(part.facts)
        else:
            titles = [column.title for column in part.columns]
            entry["rows"] = [dict(zip(titles, row, strict=True)) for row in part.rows]
        sections.append(entry)
    return {
        "title": TITLE,
        "participant_id": participant.pk,
        "school": participant.school.full_name,
        "generated_at": timezone.now(),
        "sections": sections,
    }


def subject_access_json(participant: Participant) -> str:
    return json.dumps(
        subject_access_data(participant), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
