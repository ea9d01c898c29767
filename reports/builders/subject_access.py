"""Everything stored about one participant, for the person themself (152-ФЗ, ст. 14).

One list of parts feeds both the document (PDF, XLSX through the document pipeline) and the
JSON export. Sensitive request categories are included: the export is given by the school's
curator or director to the person (or their legal representative). Other people's data is left
out: the other side of a pair is named by the pair's number only, other mentees' diaries and
plans are not shown.
"""

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from registry.models import (
    Attendance,
    Award,
    DevelopmentPlan,
    DiaryEntry,
    Interview,
    Meeting,
    Mentor,
    Pair,
    Participant,
    TrainingCertificate,
    TrainingCourse,
)
from surveys.models import Answer, Invitation

from ..documents import Column, Document, Facts, Section, Table
from ..models import Order

TITLE = "Сведения о персональных данных участника"
MARKING = "Конфиденциально: персональные данные"


@dataclass
class Part:
    heading: str
    facts: list[tuple[str, object]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    empty_text: str = "Нет сведений"


def _pair_name(pair: Pair) -> str:
    return f"Пара (группа) № {pair.pk}"


def _yes(value) -> str:
    return "да" if value else "нет"


def _user(user) -> str:
    return user.full_name if user else ""


def _person(participant: Participant) -> Part:
    facts = [
        ("Фамилия", participant.last_name),
        ("Имя", participant.first_name),
        ("Отчество", participant.middle_name),
        ("Дата рождения", participant.birth_date),
        ("Категория участника", participant.get_kind_display()),
        ("Класс", participant.class_name),
        ("Параллель", participant.grade),
        ("Должность", participant.position),
        ("Предмет", participant.subject),
        ("Педагогический стаж, лет", participant.experience_years),
        ("Организация", participant.organisation),
        ("Телефон", participant.phone),
        ("Электронная почта", participant.email),
        ("Примечание", participant.notes),
        ("Учётная запись", participant.user.username if participant.user else "нет"),
        ("Школа", participant.school.full_name),
        ("Внесён", participant.created_at),
        ("Изменён", participant.updated_at),
        ("Кем изменён", _user(participant.updated_by)),
    ]
    record = getattr(participant, "anonymisation", None)
    if record is not None:
        facts += [
            ("Данные обезличены", record.at),
            ("Основание обезличивания", record.reason),
        ]
    return Part("Участник", facts=facts)


def _consents(participant: Participant) -> Part:
    return Part(
        "Согласия",
        columns=[
            Column("Вид согласия", width=36),
            Column("Кем дано", width=22),
            Column("ФИО представителя", width=26),
            Column("Дата согласия", width=12, kind="date"),
            Column("Дата отзыва", width=12, kind="date"),
            Column("Скан", width=8),
            Column("Примечание", width=24),
            Column("Внесено", width=16),
            Column("Кем внесено", width=22),
        ],
        rows=[
            [
                consent.get_kind_display(),
                consent.get_given_by_display(),
                consent.representative_name,
                consent.signed_on,
                consent.withdrawn_on,
                _yes(consent.scan),
                consent.notes,
                consent.created_at,
                _user(consent.created_by),
            ]
            for consent in participant.consents.select_related("created_by")
        ],
        empty_text="Согласий нет",
    )


def _certificates(participant: Participant) -> Part:
    return Part(
        "Справки",
        columns=[
            Column("Вид справки", width=32),
            Column("Номер", width=14),
            Column("Дата выдачи", width=12, kind="date"),
            Column("Действительна до", width=12, kind="date"),
            Column("Скан", width=8),
            Column("Внесено", width=16),
            Column("Кем внесено", width=22),
        ],
        rows=[
            [
                certificate.get_kind_display(),
                certificate.number,
                certificate.issued_on,
                certificate.valid_until,
                _yes(certificate.scan),
                certificate.created_at,
                _user(certificate.created_by),
            ]
            for certificate in participant.certificates.select_related("created_by")
        ],
        empty_text="Справок нет",
    )


def _mentor_parts(mentor: Mentor | None) -> list[Part]:
    if mentor is None:
        return [Part("Наставник", empty_text="Участник не был в базе наставников")]
    competencies = ", ".join(c.name for c in mentor.competencies.all())
    files = ", ".join(f.title for f in mentor.files.all())
    mentor_part = Part(
        "Наставник",
        facts=[
            ("Статус", mentor.get_status_display()),
            ("Контур", mentor.get_contour_display()),
            ("Компетенции и предметы", competencies),
            ("Чем я могу быть полезен", mentor.offer),
            ("Наставляемых не более", mentor.capacity),
            ("Основание включения в реестр", mentor.registry_note),
            ("Портфолио: достижения", mentor.portfolio),
            ("Файлы портфолио", files),
            ("Бывший наставляемый", _yes(mentor.former_mentee)),
            ("Внесён в базу", mentor.created_at),
        ],
    )
    interviews = Part(
        "Собеседования",
        columns=[
            Column("Дата", width=12, kind="date"),
            Column("Учебный год", width=12),
            Column("Психологическая готовность", width=18),
            Column("Решение", width=30),
            Column("Заключение комиссии", width=40),
        ],
        rows=[
            [
                interview.held_on,
                interview.programme.year.name,
                interview.get_readiness_display(),
                interview.get_decision_display(),
                interview.notes,
            ]
            for interview in Interview.objects.filter(mentor=mentor).select_related(
                "programme__year"
            )
        ],
        empty_text="Собеседований нет",
    )
    attended: dict[int, list[int]] = {}
    for attendance in Attendance.objects.filter(mentor=mentor).select_related("session"):
        counts = attended.setdefault(attendance.session.course_id, [0, 0])
        counts[1] += 1
        counts[0] += 1 if attendance.present else 0
    certificates = {
        certificate.course_id: certificate
        for certificate in TrainingCertificate.objects.filter(mentor=mentor)
    }
    courses = TrainingCourse.objects.filter(
        Q(pk__in=attended) | Q(pk__in=certificates)
    ).select_related("programme__year")
    training = Part(
        "Обучение наставников",
        columns=[
            Column("Обучение", width=30),
            Column("Учебный год", width=12),
            Column("Посещено занятий", width=12, kind="number"),
            Column("Отмечено занятий", width=12, kind="number"),
            Column("Удостоверение", width=16),
            Column("Часов", width=8, kind="number"),
            Column("Дата выдачи", width=12, kind="date"),
        ],
        rows=[
            [
                course.title,
                course.programme.year.name,
                attended.get(course.pk, [0, 0])[0],
                attended.get(course.pk, [0, 0])[1],
                getattr(certificates.get(course.pk), "number", ""),
                getattr(certificates.get(course.pk), "hours", None),
                getattr(certificates.get(course.pk), "issued_on", None),
            ]
            for course in courses
        ],
        empty_text="Обучения нет",
    )
    return [mentor_part, interviews, training]


def _mentee_part(participant: Participant) -> Part:
    rows = []
    for mentee in participant.mentee_entries.select_related("programme__year").prefetch_related(
        "categories"
    ):
        categories = ", ".join(
            f"{c.name}{' (конфиденциально)' if c.sensitive else ''}"
            for c in mentee.categories.all()
        )
        rows.append(
            [
                mentee.programme.year.name,
                mentee.get_status_display(),
                categories,
                mentee.request_text,
                mentee.get_priority_display(),
                mentee.source,
                mentee.created_at,
            ]
        )
    return Part(
        "Наставляемый: запросы по годам",
        columns=[
            Column("Учебный год", width=12),
            Column("Статус", width=18),
            Column("Категории запроса", width=36),
            Column("Запрос своими словами", width=36),
            Column("Приоритет", width=10),
            Column("Источник запроса", width=20),
            Column("Внесён", width=16),
        ],
        rows=rows,
        empty_text="Участник не был в базе наставляемых",
    )


def _pairs_part(pairs: list[Pair], mentor: Mentor | None) -> Part:
    return Part(
        "Пары и группы",
        columns=[
            Column("Пара (группа)", width=18),
            Column("Роль", width=14),
            Column("Учебный год", width=12),
            Column("Форма", width=22),
            Column("Ролевая модель", width=24),
            Column("Начало", width=12, kind="date"),
            Column("Окончание", width=12, kind="date"),
            Column("Статус", width=18),
            Column("Причина прекращения", width=30),
        ],
        rows=[
            [
                _pair_name(pair),
                "наставник" if mentor and pair.mentor_id == mentor.pk else "наставляемый",
                pair.programme.year.name,
                pair.form.name,
                pair.role_model.name if pair.role_model else "",
                pair.starts_on,
                pair.ends_on,
                pair.get_status_display(),
                pair.termination_reason,
            ]
            for pair in pairs
        ],
        empty_text="Пар и групп нет",
    )


def _work_parts(participant: Participant, pairs: list[Pair], mentor: Mentor | None) -> list[Part]:
    pair_ids = [pair.pk for pair in pairs]
    as_mentor = [pair.pk for pair in pairs if mentor and pair.mentor_id == mentor.pk]
    single_mentee = [
        pair.pk for pair in pairs if pair.pk not in as_mentor and len(pair.mentees.all()) == 1
    ]
    meetings = Part(
        "Встречи",
        columns=[
            Column("Пара (группа)", width=18),
            Column("Дата", width=12, kind="date"),
            Column("Вид встречи", width=22),
            Column("Формат", width=12),
            Column("Тема", width=30),
            Column("Итог встречи", width=36),
            Column("Длительность, мин", width=10, kind="number"),
        ],
        rows=[
            [
                f"Пара (группа) № {meeting.pair_id}",
                meeting.held_on,
                meeting.get_kind_display(),
                meeting.get_format_display(),
                meeting.topic,
                meeting.outcome,
                meeting.duration_minutes,
            ]
            for meeting in Meeting.objects.filter(pair__in=pair_ids).order_by("held_on", "id")
        ],
        empty_text="Встреч нет",
    )
    diary = Part(
        "Записи дневников",
        columns=[
            Column("Пара (группа)", width=18),
            Column("Дневник", width=22),
            Column("Дата", width=12, kind="date"),
            Column("Запись", width=60),
        ],
        rows=[
            [
                f"Пара (группа) № {entry.pair_id}",
                entry.get_diary_display(),
                entry.written_on,
                entry.text,
            ]
            for entry in DiaryEntry.objects.filter(
                Q(diary=DiaryEntry.Diary.MENTEE, mentee__participant=participant)
                | Q(diary=DiaryEntry.Diary.MENTOR, pair__in=as_mentor + single_mentee)
            ).order_by("written_on", "id")
        ],
        empty_text="Записей нет",
    )
    plans = Part(
        "Индивидуальные планы развития",
        columns=[
            Column("Пара (группа)", width=18),
            Column("Цель", width=36),
            Column("Задача", width=36),
            Column("Срок", width=12, kind="date"),
            Column("Ожидаемый результат", width=30),
            Column("Статус", width=14),
            Column("Отметка о выполнении", width=30),
        ],
        rows=[
            [
                f"Пара (группа) № {plan.pair_id}",
                plan.goal,
                item.task if item else "",
                item.deadline if item else None,
                item.expected_result if item else "",
                item.get_status_display() if item else "",
                item.progress_note if item else "",
            ]
            for plan in DevelopmentPlan.objects.filter(mentee__participant=participant)
            .prefetch_related("items")
            .order_by("id")
            for item in (list(plan.items.all()) or [None])
        ],
        empty_text="Планов нет",
    )
    return [meetings, diary, plans]


def _surveys_part(participant: Participant) -> list[Part]:
    answers = (
        Answer.objects.filter(response__participant=participant)
        .select_related("response__distribution__questionnaire", "question")
        .order_by("response__submitted_at", "question__position", "id")
    )
    responses = Part(
        "Ответы на анкеты",
        columns=[
            Column("Анкета", width=30),
            Column("Получен", width=16),
            Column("Этап мониторинга", width=12),
            Column("Вопрос", width=40),
            Column("Ответ", width=40),
        ],
        rows=[
            [
                answer.response.distribution.questionnaire.title,
                answer.response.submitted_at,
                answer.response.get_phase_display(),
                answer.question.text,
                answer.text
                or ("" if answer.number is None else str(answer.number))
                or ", ".join(str(choice) for choice in answer.choices),
            ]
            for answer in answers
        ],
        empty_text="Ответов нет",
    )
    match = Q(participant=participant)
    if participant.user_id:
        match |= Q(user_id=participant.user_id)
    invitations = Part(
        "Приглашения ответить на анкеты",
        columns=[
            Column("Рассылка", width=30),
            Column("Ответить до", width=16),
            Column("Ответ получен", width=16),
        ],
        rows=[
            [invitation.distribution.title, invitation.expires_at, invitation.answered_at]
            for invitation in Invitation.objects.filter(match)
            .select_related("distribution")
            .order_by("expires_at", "id")
        ],
        empty_text="Приглашений нет",
    )
    return [responses, invitations]


def _awards_and_orders(
    pairs: list[Pair], mentor: Mentor | None, participant: Participant
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
    return [
        Part(
            "Поощрения",
            columns=[
                Column("Вид поощрения", width=30),
                Column("Дата", width=12, kind="date"),
                Column("Формулировка", width=40),
            ],
            rows=[[award.get_kind_display(), award.awarded_on, award.note] for award in awards],
            empty_text="Поощрений нет",
        ),
        Part(
            "Приказы, в которых назван участник",
            columns=[
                Column("Номер", width=10, kind="number"),
                Column("Дата", width=12, kind="date"),
                Column("Заголовок", width=50),
                Column("Статус", width=16),
            ],
            rows=[
                [order.number, order.order_date, order.title, order.get_status_display()]
                for order in orders
            ],
            empty_text="Приказов нет",
        ),
    ]


def subject_access_parts(participant: Participant) -> list[Part]:
    mentor = (
        Mentor.objects.filter(participant=participant)
        .prefetch_related("competencies", "files")
        .first()
    )
    pair_match = Q(mentees__participant=participant)
    if mentor:
        pair_match |= Q(mentor=mentor)
    pairs = list(
        Pair.objects.filter(pk__in=Pair.objects.filter(pair_match).values("pk"))
        .select_related("programme__year", "form", "role_model")
        .prefetch_related("mentees")
        .order_by("programme__year__start_date", "id")
    )
    return [
        _person(participant),
        _consents(participant),
        _certificates(participant),
        *_mentor_parts(mentor),
        _mentee_part(participant),
        _pairs_part(pairs, mentor),
        *_work_parts(participant, pairs, mentor),
        *_surveys_part(participant),
        *_awards_and_orders(pairs, mentor, participant),
    ]


def _section(part: Part) -> Section:
    if part.facts:
        blocks = [Facts(part.facts)]
    elif part.columns:
        blocks = [Table(part.columns, part.rows, empty_text=part.empty_text)]
    else:
        blocks = [Table([Column("Сведения", width=60)], [], empty_text=part.empty_text)]
    return Section(heading=part.heading, blocks=blocks)


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
        filename=f"Персональные данные — {participant.full_name}",
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
