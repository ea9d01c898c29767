"""Closing a pair: reasons, the final meeting, the signal, the mentor's status, the rematch rule,
the early-closure rate."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Meeting, Mentee, Mentor, Pair
from registry.selectors import EARLY_CLOSURE_BENCHMARK, closure_rates
from registry.services.pairs import (
    REMATCH_WAIT_DAYS,
    PairingError,
    close_pair,
    closure_problems,
    create_pair,
    finish_pair,
    pair_problems,
    start_pair,
)
from registry.signals import pair_closed

from .factories import ready_mentee, ready_student_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]
DAY = datetime.timedelta(days=1)
Reason = Pair.ClosureReason


@pytest.fixture
def working_pair(programme, forms, curator, today):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6А")
    pair = create_pair(programme, mentor, [mentee], forms["student_student"], by=curator)
    start_pair(pair, by=curator, starts_on=today - 90 * DAY)
    return pair


def final_meeting(pair, day):
    return Meeting.objects.create(pair=pair, kind=Meeting.Kind.FINAL, held_on=day, topic="Итоги")


@pytest.mark.parametrize(
    ("early", "reason", "comment", "expected"),
    [
        (True, Reason.CONFLICT, "", "Укажите причину досрочного прекращения (комментарий)."),
        (False, Reason.OTHER, "", "Для причины «Другое» опишите причину в комментарии."),
        (
            True,
            Reason.GOAL_REACHED,
            "Раньше срока",
            "«Цель достигнута» — причина планового завершения: выберите «Завершить работу», "
            "а не досрочное прекращение.",
        ),
        (
            False,
            Reason.MENTOR_WITHDREW,
            "",
            "«Наставник вышел из программы» — причина досрочного прекращения: пара не завершила "
            "работу по плану.",
        ),
    ],
)
def test_reason_must_fit_the_kind_of_closure(early, reason, comment, expected):
    problems = closure_problems(early=early, closure_reason=reason, comment=comment)
    assert problems == [expected]


def test_sensible_closures_pass():
    assert closure_problems(early=False, closure_reason=Reason.GOAL_REACHED, comment="") == []
    assert closure_problems(early=True, closure_reason=Reason.MOVED, comment="Переезд") == []
    assert closure_problems(early=False, closure_reason=Reason.OTHER, comment="Итоги") == []


def test_planned_closure_from_the_page_needs_the_final_meeting(working_pair, curator, today):
    with pytest.raises(PairingError) as refused:
        close_pair(
            working_pair,
            by=curator,
            early=False,
            closure_reason=Reason.GOAL_REACHED,
            require_final_meeting=True,
        )
    assert "запишите итоговую встречу" in str(refused.value)
    working_pair.refresh_from_db()
    assert working_pair.is_open
    recorded = Meeting(held_on=today - DAY, topic="Подведение итогов")
    close_pair(
        working_pair,
        by=curator,
        early=False,
        closure_reason=Reason.GOAL_REACHED,
        final_meeting=recorded,
        require_final_meeting=True,
    )
    working_pair.refresh_from_db()
    assert working_pair.status == Pair.Status.COMPLETED
    assert working_pair.closure_kind == Pair.ClosureKind.PLANNED
    assert working_pair.meetings.get().kind == Meeting.Kind.FINAL


def test_a_planned_final_meeting_does_not_count_as_held(working_pair, curator, today):
    final_meeting(working_pair, today + 5 * DAY)
    with pytest.raises(PairingError):
        close_pair(
            working_pair,
            by=curator,
            early=False,
            closure_reason=Reason.PROGRAMME_ENDED,
            require_final_meeting=True,
        )


def test_early_closure_needs_no_final_meeting(working_pair, curator):
    closure = close_pair(
        working_pair,
        by=curator,
        early=True,
        closure_reason=Reason.MENTOR_WITHDREW,
        comment="Наставник перешёл в другую школу",
        require_final_meeting=True,
    )
    assert closure.pair.status == Pair.Status.TERMINATED
    assert closure.pair.closure_kind == Pair.ClosureKind.EARLY
    assert closure.pair.closure_reason == Reason.MENTOR_WITHDREW


def test_closing_sends_pair_closed_inside_the_transaction_and_shows_phrases(
    working_pair, curator, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, pair, early, by, **kwargs):
        # Inside the transaction the pair is already saved as closed.
        received.append((pair.pk, Pair.objects.get(pk=pair.pk).status, early, by))
        return "Анкеты завершения отправлены: 2."

    pair_closed.connect(receiver, dispatch_uid="test-closure")
    try:
        closure = close_pair(
            working_pair,
            by=curator,
            early=True,
            closure_reason=Reason.CONFLICT,
            comment="Не сложилось общение",
        )
    finally:
        pair_closed.disconnect(dispatch_uid="test-closure")
    assert received == [(working_pair.pk, Pair.Status.TERMINATED, True, curator)]
    assert closure.phrases[-1] == "Анкеты завершения отправлены: 2."
    assert closure.message.startswith("Статус пары: «Прекращена досрочно». ")
    assert closure.message.endswith(" Анкеты завершения отправлены: 2.")


def test_a_failing_receiver_rolls_the_closure_back(working_pair, curator):
    def receiver(**kwargs):
        raise RuntimeError("сбой")

    pair_closed.connect(receiver, dispatch_uid="test-failing")
    try:
        with pytest.raises(RuntimeError):
            finish_pair(working_pair, by=curator, early=True, reason="Переезд")
    finally:
        pair_closed.disconnect(dispatch_uid="test-failing")
    working_pair.refresh_from_db()
    assert working_pair.is_open


def test_mentor_leaves_active_status_after_the_last_open_pair(programme, forms, curator, today):
    mentor = ready_student_mentor(programme.school)
    mentor.capacity = 2
    mentor.save()
    first, second = (
        create_pair(
            programme,
            mentor,
            [ready_mentee(programme, class_name="6А")],
            forms["student_student"],
            by=curator,
        )
        for _ in range(2)
    )
    for pair in (first, second):
        start_pair(pair, by=curator, starts_on=today - 30 * DAY)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.ACTIVE
    finish_pair(first, by=curator, early=True, reason="Переезд")
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.ACTIVE
    finish_pair(second, by=curator)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.SELECTED
    assert mentor.in_registry


def test_a_trained_mentor_goes_back_to_trained(working_pair, curator, today):
    from registry.models import TrainingCertificate

    from .factories import TrainingCourseFactory

    mentor = working_pair.mentor
    course = TrainingCourseFactory(programme=working_pair.programme)
    TrainingCertificate.objects.create(
        course=course, mentor=mentor, number="1", hours=16, issued_on=today - 100 * DAY
    )
    finish_pair(working_pair, by=curator)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.TRAINED


def test_rematch_waits_after_early_closure_unless_the_curator_writes_why(
    working_pair, programme, forms, curator, today
):
    mentee = working_pair.mentees.get()
    finish_pair(
        working_pair,
        by=curator,
        early=True,
        reason="Конфликт",
        on=today - 3 * DAY,
        closure_reason=Reason.CONFLICT,
    )
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.WAITING
    other = ready_student_mentor(programme.school, class_name="11А")
    problems = pair_problems(programme, other, [mentee], forms["student_student"])
    free_on = today - 3 * DAY + (REMATCH_WAIT_DAYS + 1) * DAY
    assert problems == [
        f"{mentee.participant.short_name}: пара прекращена досрочно "
        f"{today - 3 * DAY:%d.%m.%Y}; новую пару можно сформировать с {free_on:%d.%m.%Y} "
        "или раньше — с обоснованием куратора."
    ]
    with pytest.raises(PairingError):
        create_pair(programme, other, [mentee], forms["student_student"], by=curator)
    note = "Наставляемому срочно нужна поддержка перед олимпиадой"
    pair = create_pair(
        programme, other, [mentee], forms["student_student"], by=curator, rematch_note=note
    )
    assert pair.rematch_note == note


def test_rematch_is_free_after_the_waiting_period_and_after_planned_closure(
    working_pair, programme, forms, curator, today
):
    mentee = working_pair.mentees.get()
    finish_pair(
        working_pair,
        by=curator,
        early=True,
        reason="Переезд",
        on=today - (REMATCH_WAIT_DAYS + 1) * DAY,
    )
    other = ready_student_mentor(programme.school, class_name="11А")
    assert pair_problems(programme, other, [mentee], forms["student_student"]) == []


def test_matching_shows_the_waiting_period_and_takes_the_note(
    client, working_pair, programme, forms, curator, today
):
    mentee = working_pair.mentees.get()
    finish_pair(working_pair, by=curator, early=True, reason="Конфликт", on=today - DAY)
    other = ready_student_mentor(programme.school, class_name="11А")
    client.force_login(curator)
    page = client.get(reverse("registry:mentee_suggestions", args=[mentee.pk])).content.decode()
    assert "пара прекращена досрочно" in page
    assert 'name="rematch_note"' in page
    url = reverse("registry:pair_from_suggestion", args=[mentee.pk, other.pk])
    data = {"form": forms["student_student"].pk}
    refused = client.post(url, data).content.decode()
    assert "с обоснованием куратора" in refused
    done = client.post(url, {**data, "rematch_note": "Просьба родителей"})
    assert done.status_code == 302
    assert Pair.objects.get(mentor=other).rematch_note == "Просьба родителей"


def test_closure_page_closes_with_reason_and_final_meeting(client, working_pair, curator, today):
    client.force_login(curator)
    url = reverse("registry:pair_close", args=[working_pair.pk])
    page = client.get(url).content.decode()
    assert 'id="final-meeting-missing"' in page
    data = {"kind": "planned", "closure_reason": "goal_reached", "ends_on": today.isoformat()}
    refused = client.post(url, data).content.decode()
    assert "запишите итоговую встречу" in refused
    done = client.post(
        url,
        {**data, "final_held_on": today.isoformat(), "final_topic": "Итоги года"},
        follow=True,
    ).content.decode()
    assert "Статус пары: «Завершила работу»." in done
    assert "Плановое завершение: Цель достигнута" in done
    working_pair.refresh_from_db()
    assert working_pair.status == Pair.Status.COMPLETED


def test_mentor_may_not_close_the_pair(client, working_pair, mentor_user):
    mentor = working_pair.mentor
    mentor.participant.user = mentor_user
    mentor.participant.save()
    client.force_login(mentor_user)
    url = reverse("registry:pair_close", args=[working_pair.pk])
    assert client.get(url).status_code == 403


def test_closure_rates_by_form(programme, forms, curator, today):
    def closed(form, early):
        mentor = ready_student_mentor(programme.school)
        pair = Pair.objects.create(
            programme=programme,
            mentor=mentor,
            form=forms[form],
            status=Pair.Status.TERMINATED if early else Pair.Status.COMPLETED,
        )
        return pair

    closed("student_student", True)
    closed("student_student", False)
    closed("student_student", False)
    closed("teacher_teacher", True)
    Pair.objects.create(
        programme=programme,
        mentor=ready_student_mentor(programme.school),
        form=forms["teacher_teacher"],
        status=Pair.Status.ACTIVE,
    )
    rates = closure_rates(Pair.objects.all())
    assert (rates.total.closed, rates.total.early) == (4, 2)
    assert rates.total.rate == 0.5 and rates.total.above_benchmark
    by_form = {name: (r.closed, r.early) for name, r in rates.by_form}
    assert by_form == {forms["student_student"].name: (3, 1), forms["teacher_teacher"].name: (1, 1)}
    assert closure_rates(Pair.objects.none()).total.rate is None
    assert EARLY_CLOSURE_BENCHMARK == (0.30, 0.38)


def test_pair_list_shows_the_programme_rate_next_to_the_benchmark(client, working_pair, curator):
    finish_pair(working_pair, by=curator, early=True, reason="Переезд")
    client.force_login(curator)
    page = client.get(reverse("registry:pair_list", args=[working_pair.programme_id]))
    text = page.content.decode()
    assert "Досрочно прекращено 1 из 1 завершённых пар и групп — 100 %" in text
    assert "30–38 %" in text
