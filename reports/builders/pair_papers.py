"""The papers of a pair (сид 000, этапы 5–6): «План индивидуального развития наставляемого»
and the diaries, «Дневник наставника» and «Дневник наставляемого».

A child appears by name and class only: no birth date, no request categories (those stay in the
mentee base, for the school's heads).
"""

from __future__ import annotations

from mentoring.files import document_name
from registry.models import DevelopmentPlan, DiaryEntry, Mentee, Pair

from ..documents import Column, OfficialDocument, Signature, Table
from ..documents.official import BLANK, OfficialSection
from ..orders.drafting import programme_curator, signer_name


def _form(pair: Pair) -> str:
    if pair.role_model:
        return f"{pair.form.name} ({pair.role_model.name})"
    return pair.form.name


def _term(pair: Pair) -> str:
    start = f"{pair.starts_on:%d.%m.%Y}" if pair.starts_on else BLANK
    end = f"{pair.ends_on:%d.%m.%Y}" if pair.ends_on else BLANK
    return f"с {start} по {end}"


def _person(participant) -> str:
    return f"{participant.full_name} ({participant.description})"


def _pair_facts(pair: Pair, mentees: list[Mentee]) -> list[str]:
    mentor = pair.mentor.participant
    noun = "Наставляемый" if len(mentees) == 1 else "Наставляемые"
    return [
        f"Наставник: {_person(mentor)}.",
        f"{noun}: {', '.join(_person(m.participant) for m in mentees) or BLANK}.",
        f"Форма наставничества: {_form(pair)}.",
        f"Срок работы: {_term(pair)}.",
    ]


def _curator_signature(pair: Pair) -> Signature:
    curator = programme_curator(pair.programme)
    return Signature("Куратор", signer_name(curator.full_name) if curator else BLANK)


def _file_name(pair: Pair, kind: str, person) -> str:
    return document_name(
        pair.programme.school.short_name,
        kind,
        detail=f"{person.short_name}, {pair.programme.year.name}",
    )


def development_plan_document(pair: Pair, mentee: Mentee) -> OfficialDocument:
    plan = DevelopmentPlan.objects.filter(pair=pair, mentee=mentee).first()
    items = list(plan.items.all()) if plan else []
    table = Table(
        columns=[
            Column("№", width=4, kind="number"),
            Column("Задача", width=30),
            Column("Срок", width=11, kind="date"),
            Column("Ожидаемый результат", width=22),
            Column("Статус", width=12),
            Column("Отметка о выполнении", width=21),
        ],
        rows=[
            [
                index,
                item.task,
                item.deadline,
                item.expected_result,
                item.get_status_display(),
                item.progress_note,
            ]
            for index, item in enumerate(items, start=1)
        ],
        empty_text="Задачи не записаны",
    )
    mentor = pair.mentor.participant
    return OfficialDocument(
        organisation=pair.programme.school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading="План индивидуального развития наставляемого",
                paragraphs=[
                    *_pair_facts(pair, [mentee]),
                    f"Цель: {plan.goal.strip() if plan and plan.goal.strip() else BLANK}.",
                ],
            ),
            OfficialSection(heading="Задачи и сроки", table=table),
        ],
        signatures=[
            Signature("Наставник", signer_name(mentor.full_name)),
            Signature("Наставляемый", signer_name(mentee.participant.full_name)),
            _curator_signature(pair),
        ],
        filename=_file_name(pair, "ИПР", mentee.participant),
    )


def _diary_table(entries) -> Table:
    return Table(
        columns=[
            Column("Дата", width=12, kind="date"),
            Column("Запись", width=88),
        ],
        rows=[[entry.written_on, entry.text] for entry in entries],
        empty_text="Записей нет",
    )


def mentor_diary_document(pair: Pair) -> OfficialDocument:
    mentees = sorted(
        pair.mentees.select_related("participant"),
        key=lambda m: (m.participant.last_name, m.participant.first_name),
    )
    entries = pair.diary.filter(diary=DiaryEntry.Diary.MENTOR).order_by("written_on", "id")
    mentor = pair.mentor.participant
    return OfficialDocument(
        organisation=pair.programme.school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(heading="Дневник наставника", paragraphs=_pair_facts(pair, mentees)),
            OfficialSection(heading="Записи", table=_diary_table(entries)),
        ],
        signatures=[
            Signature("Наставник", signer_name(mentor.full_name)),
            _curator_signature(pair),
        ],
        filename=_file_name(pair, "Дневник наставника", mentor),
    )


def mentee_diary_document(pair: Pair, mentee: Mentee) -> OfficialDocument:
    entries = pair.diary.filter(diary=DiaryEntry.Diary.MENTEE, mentee=mentee).order_by(
        "written_on", "id"
    )
    return OfficialDocument(
        organisation=pair.programme.school.full_name,
        doc_type="",
        title="",
        sections=[
            OfficialSection(
                heading="Дневник наставляемого", paragraphs=_pair_facts(pair, [mentee])
            ),
            OfficialSection(heading="Записи", table=_diary_table(entries)),
        ],
        signatures=[
            Signature("Наставляемый", signer_name(mentee.participant.full_name)),
            Signature("Наставник", signer_name(pair.mentor.participant.full_name)),
        ],
        filename=_file_name(pair, "Дневник наставляемого", mentee.participant),
    )
