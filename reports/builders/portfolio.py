"""«Портфолио наставника» (сид 001, этап 5: «Все наставники и куратор готовят свои портфолио,
которые вместе с реестром наставников хранятся в течение года в ОУ»; сид 004, этап 4: «Формат
портфолио наставника»): the mentor's record, training, pairs, meetings, awards and certificates.

Mentees are named «Фамилия И.О.»: the portfolio is about the mentor's work, not the children.
"""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from mentoring.files import document_name
from registry.models import Award, Certificate, Mentor, Pair

from ..documents import Column, OfficialDocument, Signature, Table
from ..documents.official import OfficialSection
from ..orders.drafting import signer_name

DASH = "—"


def _about(mentor: Mentor) -> list[str]:
    person = mentor.participant
    lines = [f"Фамилия, имя, отчество: {person.full_name}."]
    lines.append(f"Категория: {person.get_kind_display().lower()}; {person.description}.")
    if person.experience_years is not None:
        lines.append(f"Педагогический стаж: {person.experience_years} лет.")
    lines.append(f"Контур: {mentor.get_contour_display().lower()}.")
    lines.append(f"Статус в базе наставников: {mentor.get_status_display().lower()}.")
    if mentor.registry_note:
        lines.append(f"Основание включения в реестр наставников: {mentor.registry_note}.")
    competencies = ", ".join(c.name for c in mentor.competencies.all())
    lines.append(f"Компетенции и предметы: {competencies or DASH}.")
    lines.append(f"«Чем я могу быть полезен в качестве наставника?»: {mentor.offer or DASH}")
    if mentor.former_mentee:
        lines.append("Бывший наставляемый программы наставничества.")
    return lines


def _training_table(mentor: Mentor) -> Table:
    certificates = {c.course_id: c for c in mentor.training_certificates.all()}
    rows = []
    for course in mentor.courses.select_related("programme__year").order_by("starts_on"):
        certificate = certificates.pop(course.pk, None)
        rows.append(_training_row(course, certificate))
    for certificate in certificates.values():
        rows.append(_training_row(certificate.course, certificate))
    return Table(
        columns=[
            Column("Обучение", width=34),
            Column("Сроки", width=22),
            Column("Часов", width=9, kind="number"),
            Column("Удостоверение (сертификат)", width=35),
        ],
        rows=rows,
        empty_text="Обучение не пройдено",
    )


def _training_row(course, certificate) -> list:
    held = f"{course.starts_on:%d.%m.%Y}–{course.ends_on:%d.%m.%Y}"
    issued = f"№ {certificate.number} от {certificate.issued_on:%d.%m.%Y}" if certificate else DASH
    hours = certificate.hours if certificate else course.hours
    return [course.title, held, hours, issued]


def _pairs(mentor: Mentor) -> list[Pair]:
    # Meetings dated after today are planned, not held.
    held = Q(meetings__held_on__lte=timezone.localdate())
    return list(
        mentor.pairs.select_related("form", "role_model", "programme__year")
        .prefetch_related("mentees__participant")
        .annotate(
            meeting_count=Count("meetings", filter=held),
            first_meeting=Min("meetings__held_on", filter=held),
            last_meeting=Max("meetings__held_on", filter=held),
        )
        .order_by("programme__year__start_date", "starts_on", "pk")
    )


def _pairs_table(pairs: list[Pair]) -> Table:
    rows = []
    for pair in pairs:
        mentees = sorted(m.participant.short_name for m in pair.mentees.all())
        form = pair.form.name + (f" ({pair.role_model.name})" if pair.role_model else "")
        rows.append([pair.programme.year.name, form, ", ".join(mentees), pair.get_status_display()])
    return Table(
        columns=[
            Column("Учебный год", width=14),
            Column("Форма (ролевая модель)", width=36),
            Column("Наставляемые", width=30),
            Column("Статус", width=20),
        ],
        rows=rows,
        empty_text="Пар и групп не было",
    )


def _meetings_table(pairs: list[Pair]) -> Table:
    rows = []
    for pair in pairs:
        if not pair.meeting_count:
            continue
        mentees = sorted(m.participant.short_name for m in pair.mentees.all())
        rows.append([", ".join(mentees), pair.meeting_count, pair.first_meeting, pair.last_meeting])
    return Table(
        columns=[
            Column("Пара (группа): наставляемые", width=46),
            Column("Встреч", width=14, kind="number"),
            Column("Первая", width=20, kind="date"),
            Column("Последняя", width=20, kind="date"),
        ],
        rows=rows,
        empty_text="Встреч не было",
    )


def _awards_table(mentor: Mentor) -> Table:
    awards = (
        Award.objects.filter(Q(mentor=mentor) | Q(pair__mentor=mentor))
        .distinct()
        .order_by("awarded_on", "pk")
    )
    return Table(
        columns=[
            Column("Дата", width=14, kind="date"),
            Column("Поощрение", width=40),
            Column("Формулировка", width=46),
        ],
        rows=[[a.awarded_on, a.get_kind_display(), a.note] for a in awards],
        empty_text="Поощрений нет",
    )


def _certificates_table(mentor: Mentor) -> Table:
    certificates = Certificate.objects.filter(participant=mentor.participant).order_by(
        "kind", "-issued_on"
    )
    return Table(
        columns=[
            Column("Справка", width=40),
            Column("Номер", width=20),
            Column("Выдана", width=20, kind="date"),
            Column("Действительна до", width=20, kind="date"),
        ],
        rows=[[c.get_kind_display(), c.number, c.issued_on, c.valid_until] for c in certificates],
        empty_text="Справок нет",
    )


def portfolio_document(mentor: Mentor) -> OfficialDocument:
    pairs = _pairs(mentor)
    achievements = [line.strip() for line in mentor.portfolio.splitlines() if line.strip()]
    files = [f"Приложенный материал: {f.title}." for f in mentor.files.all()]
    person = mentor.participant
    return OfficialDocument(
        organisation=mentor.school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(heading="Портфолио наставника", paragraphs=_about(mentor)),
            OfficialSection(heading="Обучение наставников", table=_training_table(mentor)),
            OfficialSection(heading="Наставнические пары и группы", table=_pairs_table(pairs)),
            OfficialSection(heading="Встречи", table=_meetings_table(pairs)),
            OfficialSection(heading="Поощрения", table=_awards_table(mentor)),
            OfficialSection(heading="Справки", table=_certificates_table(mentor)),
            OfficialSection(
                heading="Достижения",
                paragraphs=(achievements or ["Достижения не указаны."]) + files,
            ),
        ],
        signatures=[Signature("Наставник", signer_name(person.full_name))],
        filename=document_name(
            mentor.school.short_name, "Портфолио наставника", detail=person.short_name
        ),
    )
