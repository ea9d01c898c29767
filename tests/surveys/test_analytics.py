"""Survey analytics against hand-computed figures on a fixed data set."""

import datetime

import pytest
from django.utils import timezone

from registry import reference as registry_reference
from registry.models import MentoringForm, Pair
from surveys.analytics.charts import WIDTH, bar_chart
from surveys.analytics.growth import growth_report
from surveys.analytics.quality import STRENGTH, WEAKNESS, quality_report
from surveys.analytics.satisfaction import satisfaction_distributions, satisfaction_index
from surveys.analytics.summary import question_summaries
from surveys.models import Answer, Distribution, Invitation, Questionnaire, Response
from surveys.services.answering import answer_fields
from surveys.services.distribution import end_of_day

from ..registry.factories import ready_mentee, ready_student_mentor

pytestmark = pytest.mark.django_db

QUALITY_SCALES = [
    "Организация встреч",
    "Поддержка куратора",
    "Материалы",
    "Время на встречи",
    "Ожидаемая польза",
    "Реальная польза",
    "Обратная связь",
]


def questionnaire(school, purpose, questions):
    """questions: (text, kind, extra fields) in order."""
    made = Questionnaire.objects.create(
        school=school, title=f"Анкета {purpose}", purpose=purpose, audience="all"
    )
    return made, {
        text: made.questions.create(text=text, kind=kind, position=position, **extra)
        for position, (text, kind, extra) in enumerate(questions, start=1)
    }


def distribute(programme, form, title="Рассылка", phase=""):
    return Distribution.objects.create(
        questionnaire=form,
        programme=programme,
        title=title,
        phase=phase,
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )


def invite(distribution, name):
    return Invitation.objects.create(
        distribution=distribution,
        respondent_name=name,
        expires_at=end_of_day(timezone.localdate() + datetime.timedelta(days=7)),
    )


def respond(distribution, answers, participant=None, pair=None, invitation=None):
    response = Response.objects.create(
        distribution=distribution,
        participant=participant,
        pair=pair,
        invitation=invitation,
        phase=distribution.phase,
    )
    for question, value in answers.items():
        fields = answer_fields(question, value)
        if fields is not None:
            Answer.objects.create(response=response, question=question, **fields)
    return response


def quality_survey(programme):
    """Three responses to a stage-1 questionnaire of every kind of question."""
    form, q = questionnaire(
        programme.school,
        Questionnaire.Purpose.MONITORING_QUALITY,
        [
            ("Как часто встречались?", "single", {"options": ["Раз в неделю", "Раз в месяц"]}),
            ("Чем занимались?", "multiple", {"options": ["Учёба", "Спорт", "Творчество"]}),
            ("Продолжите работу?", "yes_no", {}),
            ("Что изменить?", "text", {"required": False}),
            *((text, "scale", {}) for text in QUALITY_SCALES),
        ],
    )
    distribution = distribute(programme, form, title="Этап 1")
    scales = [q[text] for text in QUALITY_SCALES]
    rows = [
        ("Раз в неделю", ["Учёба", "Спорт"], 1, "Всё понравилось", [9, 7, 6, 4, 8, 6, 5]),
        ("Раз в неделю", ["Спорт"], 0, "", [8, 8, 6, 5, 9, 7, 5]),
        (None, [], None, "Больше <встреч>", [None, 10, None, None, None, None, None]),
    ]
    for number, (single, multiple, yes, text, numbers) in enumerate(rows, start=1):
        answers = {
            q["Как часто встречались?"]: single,
            q["Чем занимались?"]: multiple,
            q["Продолжите работу?"]: yes,
            q["Что изменить?"]: text,
            **dict(zip(scales, numbers, strict=True)),
        }
        respond(distribution, answers, invitation=invite(distribution, f"Участник {number}"))
    invite(distribution, "Не ответил")
    return distribution, q


def growth_survey(programme):
    """Pairs A, B (form 1) and C (form 2) measured at both points; D only at the input."""
    registry_reference.load_forms()
    first, second = MentoringForm.objects.order_by("position")[:2]
    form, q = questionnaire(
        programme.school,
        Questionnaire.Purpose.MONITORING_GROWTH,
        [
            ("Насколько тебе интересно учиться?", "scale", {"measure": "вовлечённость"}),
            (
                "Как часто ты волнуешься?",
                "scale",
                {"measure": "тревожность", "higher_is_better": False},
            ),
            ("Что изменилось?", "text", {"required": False}),
        ],
    )
    engaged, anxious = q["Насколько тебе интересно учиться?"], q["Как часто ты волнуешься?"]
    entry = distribute(programme, form, "Вход", "input")
    leaving = distribute(programme, form, "Выход", "output")
    # pair → mentees' (engagement in, out, anxiety in, out); None = no output answer
    plan = {
        ("Абрамов", first): [(4, 7, 8, 4), (6, 7, 6, 4)],
        ("Борисов", first): [(5, 6, 5, 6)],
        ("Власов", second): [(3, 8, 7, 5)],
        ("Григорьев", second): [(2, None, 9, None)],
    }
    pairs = {}
    for (surname, mentoring_form), mentees in plan.items():
        mentor = ready_student_mentor(programme.school)
        mentor.participant.last_name = surname
        mentor.participant.save()
        pair = Pair.objects.create(programme=programme, mentor=mentor, form=mentoring_form)
        pairs[surname] = pair
        for engaged_in, engaged_out, anxious_in, anxious_out in mentees:
            mentee = ready_mentee(programme)
            pair.mentees.add(mentee)
            person = mentee.participant
            respond(entry, {engaged: engaged_in, anxious: anxious_in}, person, pair)
            if engaged_out is not None:
                respond(leaving, {engaged: engaged_out, anxious: anxious_out}, person, pair)
    # An answer without a participant cannot be matched and is ignored.
    respond(leaving, {engaged: 10, anxious: 1})
    return pairs, (first, second)


def satisfaction_survey(programme):
    form, q = questionnaire(
        programme.school,
        Questionnaire.Purpose.SATISFACTION,
        [
            ("Оцените встречи", "scale", {}),
            ("Оцените наставника", "scale", {}),
            ("Отзыв", "text", {}),
        ],
    )
    distribution = distribute(programme, form, "Удовлетворённость")
    respond(distribution, {q["Оцените встречи"]: 10, q["Оцените наставника"]: 7, q["Отзыв"]: "ок"})
    respond(distribution, {q["Оцените встречи"]: 8, q["Оцените наставника"]: 9})
    return distribution


def by_text(summaries):
    return {summary.question.text: summary for summary in summaries}


def test_option_counts_scale_mean_and_texts(programme):
    distribution, _ = quality_survey(programme)
    summaries = by_text(question_summaries(distribution))
    assert summaries["Как часто встречались?"].options == [("Раз в неделю", 2), ("Раз в месяц", 0)]
    assert summaries["Как часто встречались?"].answered == 2
    assert summaries["Чем занимались?"].options == [("Учёба", 1), ("Спорт", 2), ("Творчество", 0)]
    assert summaries["Продолжите работу?"].options == [("Да", 1), ("Нет", 1)]
    assert summaries["Что изменить?"].texts == ["Всё понравилось", "Больше <встреч>"]
    meetings = summaries["Организация встреч"]
    assert meetings.mean == 8.5
    assert meetings.answered == 2
    assert dict(meetings.scale) == {**{v: 0 for v in range(1, 11)}, 8: 1, 9: 1}
    assert summaries["Поддержка куратора"].mean == 8.33  # (7 + 8 + 10) / 3


def test_mean_is_none_without_answers(programme):
    form, _ = questionnaire(programme.school, "other", [("Шкала", "scale", {})])
    [summary] = question_summaries([distribute(programme, form)])
    assert summary.mean is None
    assert summary.answered == 0


def test_several_distributions_of_one_questionnaire(programme):
    distribution, q = quality_survey(programme)
    again = distribute(programme, distribution.questionnaire, "Повтор")
    respond(again, {q["Организация встреч"]: 1})
    summaries = by_text(question_summaries([distribution, again]))
    assert summaries["Организация встреч"].mean == 6.0  # (9 + 8 + 1) / 3


def test_distributions_of_different_questionnaires_are_refused(programme):
    first, _ = quality_survey(programme)
    other = distribute(programme, satisfaction_survey(programme).questionnaire)
    with pytest.raises(ValueError):
        question_summaries([first, other])


def test_strengths_weaknesses_and_expectation_gap(programme):
    distribution, _ = quality_survey(programme)
    report = quality_report(question_summaries(distribution))
    assert [(a.text, a.mean) for a in report.strengths] == [
        ("Организация встреч", 8.5),
        ("Ожидаемая польза", 8.5),
        ("Поддержка куратора", 8.33),
    ]
    assert [(a.text, a.mean) for a in report.weaknesses] == [
        ("Время на встречи", 4.5),
        ("Обратная связь", 5.0),
    ]
    assert {a.text: a.verdict for a in report.ranked}["Материалы"] == ""
    assert report.strengths[0].verdict == STRENGTH
    assert report.weaknesses[0].verdict == WEAKNESS
    [gap] = report.gaps
    assert (gap.expected, gap.real) == ("Ожидаемая польза", "Реальная польза")
    assert (gap.expected_mean, gap.real_mean, gap.difference) == (8.5, 6.5, -2.0)


def test_expectations_by_measure(programme):
    form, q = questionnaire(
        programme.school,
        "monitoring_quality",
        [
            ("Чего ждали от программы?", "scale", {"measure": "ожидания"}),
            ("Что получили?", "scale", {"measure": "результат"}),
        ],
    )
    distribution = distribute(programme, form)
    respond(distribution, {q["Чего ждали от программы?"]: 6, q["Что получили?"]: 9})
    [gap] = quality_report(question_summaries(distribution)).gaps
    assert gap.difference == 3.0


def rows(entries):
    return {
        row.label: (row.input_mean, row.output_mean, row.change, row.improved, row.pairs)
        for row in entries
    }


def test_growth_per_pair_form_and_school(programme):
    pairs, (first, second) = growth_survey(programme)
    report = {characteristic.name: characteristic for characteristic in growth_report(programme)}
    assert list(report) == ["вовлечённость", "тревожность"]
    engagement = report["вовлечённость"]
    assert rows(engagement.by_pair) == {
        str(pairs["Абрамов"]): (5.0, 7.0, 2.0, True, 1),
        str(pairs["Борисов"]): (5.0, 6.0, 1.0, True, 1),
        str(pairs["Власов"]): (3.0, 8.0, 5.0, True, 1),
    }
    assert str(pairs["Григорьев"]) not in rows(engagement.by_pair)
    assert rows(engagement.by_form) == {
        first.name: (5.0, 6.5, 1.5, True, 2),
        second.name: (3.0, 8.0, 5.0, True, 1),
    }
    total = engagement.total
    assert (total.input_mean, total.output_mean, total.change, total.pairs) == (4.33, 7.0, 2.67, 3)
    assert total.verdict == "улучшение"


def test_anxiety_falling_is_an_improvement(programme):
    pairs, _ = growth_survey(programme)
    anxiety = {c.name: c for c in growth_report(programme)}["тревожность"]
    assert anxiety.higher_is_better is False
    assert rows(anxiety.by_pair) == {
        str(pairs["Абрамов"]): (7.0, 4.0, -3.0, True, 1),
        str(pairs["Борисов"]): (5.0, 6.0, 1.0, False, 1),
        str(pairs["Власов"]): (7.0, 5.0, -2.0, True, 1),
    }
    total = anxiety.total
    assert (total.input_mean, total.output_mean, total.change) == (6.33, 5.0, -1.33)
    assert total.improved and total.pairs == 3
    assert rows(anxiety.by_pair)[str(pairs["Борисов"])][3] is False


def test_growth_needs_both_points(programme):
    growth_survey(programme)
    Distribution.objects.filter(phase="output").delete()
    assert growth_report(programme) == []


def test_satisfaction_index(programme):
    satisfaction_survey(programme)
    [distribution] = satisfaction_distributions(programme)
    assert distribution.index == 83.3  # mean 8.5 → 7.5 / 9 · 100
    assert distribution.answered == 2
    assert satisfaction_index(1) == 0.0
    assert satisfaction_index(10) == 100.0
    assert satisfaction_index(None) is None


def test_svg_chart_escapes_cyrillic_labels():
    svg = bar_chart([("Учёба & <спорт>", 3), ("Творчество", 0)], title="Чем <занимались>")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert f'width="{WIDTH}"' in svg
    assert "Учёба &amp; &lt;спорт&gt;" in svg
    assert "<спорт>" not in svg
    assert "Чем &lt;занимались&gt;" in svg
    assert svg.count("<rect") == 2
    assert ">3</text>" in svg and ">0</text>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_svg_chart_of_nothing_is_valid():
    svg = bar_chart([])
    assert svg.startswith("<svg") and "<rect" not in svg
