"""«Программа наставничества» of a school for the year (сид 004, этап 5: «составляется ежегодно:
ролевые модели в рамках выбранных форм наставничества, цель и задачи в разрезе моделей, …
работа Школы наставника»), in the structure of the model programme (сид 002), filled with the
school's live data. The order approving the pairs approves it too (roadmap 5.2) and attaches it.
"""

import json
from collections import Counter
from functools import cache
from pathlib import Path

from mentoring.files import document_name
from mentoring.models import Programme
from mentoring.phrases import PREPOSITIONAL
from registry.models import Pair
from stages.models import OrderKind, Stage

from ..documents import Column, OfficialDocument, Table
from ..documents.official import APPROVED_FEMININE, DATE_BLANK, OfficialSection, approval_grif
from ..models import Order
from ..orders.drafting import programme_curator

TEXT_PATH = Path(__file__).resolve().parent.parent / "data" / "mentoring_programme.json"
TITLE = "Программа наставничества"
# Pairs the programme counts: every pair of the year but those ended early.
COUNTED = (Pair.Status.DRAFT, Pair.Status.APPROVED, Pair.Status.ACTIVE, Pair.Status.COMPLETED)


@cache
def _text() -> dict:
    return json.loads(TEXT_PATH.read_text(encoding="utf-8"))


def _approved(programme: Programme, kind: str) -> Order | None:
    return (
        Order.objects.filter(programme=programme, kind=kind, status=Order.Status.APPROVED)
        .order_by("-order_date", "-number")
        .first()
    )


def _cited(order: Order | None, approved: str) -> str:
    """« (утверждено приказом от … № …)», the participle agreeing with the document cited."""
    if order is None:
        return ""
    return f" ({approved} приказом от {order.order_date:%d.%m.%Y} № {order.number})"


def _forms_table(pairs: list[Pair]) -> Table:
    counts: Counter = Counter()
    mentors: dict[tuple, set] = {}
    mentees: dict[tuple, set] = {}
    for pair in pairs:
        key = (pair.form.position, pair.form.name, pair.role_model.name if pair.role_model else "")
        counts[key] += 1
        mentors.setdefault(key, set()).add(pair.mentor_id)
        mentees.setdefault(key, set()).update(m.pk for m in pair.mentees.all())
    return Table(
        columns=[
            Column("Форма наставничества", 26),
            Column("Ролевая модель", 32),
            Column("Пар (групп)", 14, "number"),
            Column("Наставников", 14, "number"),
            Column("Наставляемых", 14, "number"),
        ],
        rows=[
            [key[1], key[2] or "—", counts[key], len(mentors[key]), len(mentees[key])]
            for key in sorted(counts)
        ],
        empty_text="Пары и группы ещё не сформированы",
    )


def _forms_paragraphs(pairs: list[Pair], programme: Programme) -> list[str]:
    forms = {pair.form.pk: pair.form for pair in pairs}
    roles = {pair.role_model.pk: pair.role_model for pair in pairs if pair.role_model}
    if not forms:
        planned = programme.forms_in_use.strip()
        return [f"Формы наставничества, выбранные школой: {planned or '__________'}."]
    lines = []
    for form in sorted(forms.values(), key=lambda item: item.position):
        lines.append(f"Форма наставничества «{form.name}». Цель: {form.goal.strip() or '—'}")
        for role in sorted(
            (item for item in roles.values() if item.form_id == form.pk),
            key=lambda item: item.position,
        ):
            if role.goal.strip():
                lines.append(f"Ролевая модель «{role.name}»: {role.goal.strip()}")
    return lines


def _stages_table() -> Table:
    return Table(
        columns=[Column("Этап", 30), Column("Цель этапа", 40), Column("Результат", 30)],
        rows=[
            [f"{stage.number}. {stage.name}", stage.goal, stage.expected_result]
            for stage in Stage.objects.all()
        ],
    )


def _roadmap_table(programme: Programme) -> Table:
    items = programme.roadmap_items.select_related("responsible_user", "stage")
    return Table(
        columns=[
            Column("№", 8),
            Column("Мероприятие", 50),
            Column("Срок", 14),
            Column("Ответственный", 28),
        ],
        rows=[
            [item.number, item.activity, item.deadline or item.period, item.responsible_display]
            for item in items
        ],
        empty_text="В дорожной карте нет мероприятий",
    )


def _training(programme: Programme) -> list[str]:
    courses = list(programme.training_courses.order_by("starts_on"))
    if not courses:
        return [
            "Обучение наставников проводится в «Школе наставников»; программа и график "
            "обучения утверждаются приказом об организации «Школы наставников»."
        ]
    return [
        f"{course.get_kind_display()} «{course.title}»: {course.hours} ч, "
        f"{course.starts_on:%d.%m.%Y} – {course.ends_on:%d.%m.%Y}"
        f"{', проводит ' + course.organiser if course.organiser else ''}."
        for course in courses
    ]


def programme_sections(programme: Programme) -> list[OfficialSection]:
    school = programme.school
    text = _text()
    pairs = list(
        Pair.objects.filter(programme=programme, status__in=COUNTED)
        .select_related("form", "role_model")
        .prefetch_related("mentees")
    )
    regulation_order = _approved(programme, OrderKind.REGULATIONS_ROADMAP)
    events_reference = _cited(regulation_order, "утверждены")
    curator = programme_curator(programme)
    values = {
        "school_prepositional": school.full_name_in(PREPOSITIONAL),
        "year": programme.year.name,
        "regulation_reference": _cited(regulation_order, "утверждено"),
        "roadmap_reference": _cited(regulation_order, "утверждена"),
        "director": f" ({school.director_name.strip()})" if school.director_name.strip() else "",
        "curator": f" ({curator.full_name})" if curator else "",
    }
    mentors = {pair.mentor_id for pair in pairs}
    mentees = {mentee.pk for pair in pairs for mentee in pair.mentees.all()}
    return [
        OfficialSection(
            "1. Пояснительная записка",
            [text["goal"].format(**values), "Задачи внедрения целевой модели наставничества:"]
            + [f"– {task}" for task in text["tasks"]],
        ),
        OfficialSection(
            "2. Нормативные основы реализации программы",
            [f"– {line.format(**values)}" for line in text["basis"]],
        ),
        OfficialSection(
            "3. Формы наставничества и ролевые модели",
            [
                *_forms_paragraphs(pairs, programme),
                f"В {programme.year.name} учебном году сформировано пар (групп): {len(pairs)}; "
                f"в них наставников: {len(mentors)}, наставляемых: {len(mentees)}.",
            ],
            table=_forms_table(pairs),
        ),
        OfficialSection(
            "4. Структура управления и роли участников",
            [f"– {line.format(**values)}" for line in text["roles"]] + [text["work_of_pair"]],
        ),
        OfficialSection("5. Этапы реализации программы", [], table=_stages_table()),
        OfficialSection(
            "6. Дорожная карта реализации программы",
            [f"Мероприятия на {programme.year.name} учебный год{events_reference}:"],
            table=_roadmap_table(programme),
        ),
        OfficialSection("7. Обучение наставников", _training(programme)),
        OfficialSection(
            "8. Ожидаемые результаты",
            [f"{index}. {line}" for index, line in enumerate(text["expected_results"], start=1)],
        ),
        OfficialSection("9. Мониторинг и оценка результатов", list(text["monitoring"])),
        OfficialSection(
            "10. Механизмы поощрения наставников", [f"– {line}" for line in text["rewards"]]
        ),
    ]


def programme_title(programme: Programme) -> str:
    school = programme.school
    return f"{TITLE} в {school.full_name_in(PREPOSITIONAL)} на {programme.year.name} учебный год"


def mentoring_programme_document(programme: Programme) -> OfficialDocument:
    """The programme on its own, with the grif of the pairs order once it is approved."""
    school = programme.school
    order = _approved(programme, OrderKind.PAIRS)
    reference = (
        f"от {order.order_date:%d.%m.%Y} № {order.number}"
        if order
        else (f"от {DATE_BLANK} № _____")
    )
    return OfficialDocument(
        organisation=school.full_name,
        organisation_short=school.short_name,
        doc_type="",
        title=programme_title(programme),
        approval=approval_grif(APPROVED_FEMININE, f"приказом {school.short_name}", reference),
        sections=programme_sections(programme),
        filename=document_name(
            school.short_name, "Программа наставничества", detail=programme.year.name
        ),
    )
