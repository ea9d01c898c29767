import datetime

import pytest

from registry.models import Consent, Mentee, Mentor, Pair, Participant, RoleModel
from registry.services.pairs import PairingError, create_pair, finish_pair, pair_problems

from .factories import (
    MenteeFactory,
    ParticipantFactory,
    consents_for,
    ready_mentee,
    ready_student_mentor,
    ready_teacher_mentor,
)


def test_a_ready_pair_has_no_problems(programme, forms):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="6Б")
    assert pair_problems(programme, mentor, [mentee], forms["student_student"]) == []


def test_mentor_must_be_in_the_registry(programme, forms):
    mentor = ready_student_mentor(programme.school)
    mentor.status = Mentor.Status.INTERVIEWED
    problems = pair_problems(programme, mentor, [ready_mentee(programme)], forms["student_student"])
    assert problems == [
        "Наставник не включён в реестр наставников (статус «Прошёл собеседование»)."
    ]


def test_minor_mentee_needs_parents_consents(programme, forms):
    mentor = ready_student_mentor(programme.school)
    mentee = MenteeFactory(programme=programme)
    consents_for(mentee.participant, representative=False)
    problems = pair_problems(programme, mentor, [mentee], forms["student_student"])
    assert problems == [
        f"{mentee.participant.short_name}: нет согласий родителя (законного представителя)"
    ]


def test_adult_mentor_of_minors_needs_a_valid_certificate(programme, forms):
    mentor = ready_teacher_mentor(programme.school)
    mentor.participant.certificates.update(
        issued_on=datetime.date(2020, 1, 1), valid_until=datetime.date(2021, 1, 1)
    )
    mentee = ready_mentee(programme)
    employer = forms["employer_pupil"]
    mentor.participant.kind = Participant.Kind.PROFESSIONAL
    mentor.participant.save()
    problems = pair_problems(programme, mentor, [mentee], employer)
    assert problems == [
        "Наставник работает с несовершеннолетними: нужна действующая справка "
        "об отсутствии судимости."
    ]


def test_teacher_mentoring_a_colleague_needs_written_consent(programme, forms):
    mentor = ready_teacher_mentor(programme.school)
    mentor.participant.consents.filter(kind=Consent.Kind.TEACHER_MENTORING).delete()
    colleague = MenteeFactory(
        programme=programme, participant=ParticipantFactory(school=programme.school)
    )
    consents_for(colleague.participant)
    problems = pair_problems(programme, mentor, [colleague], forms["teacher_teacher"])
    assert problems == [
        "Педагог-наставник коллеги даёт письменное согласие на осуществление наставничества."
    ]


def test_capacity_is_respected(programme, forms, curator):
    mentor = ready_student_mentor(programme.school)
    mentor.capacity = 2
    mentor.save()
    first = [ready_mentee(programme, class_name="5А"), ready_mentee(programme, class_name="5Б")]
    create_pair(programme, mentor, first, forms["student_student"], by=curator)
    third = ready_mentee(programme, class_name="6А")
    problems = pair_problems(programme, mentor, [third], forms["student_student"])
    assert problems == [
        "Превышена нагрузка наставника: не более 2 наставляемых, уже 2, добавляется 1."
    ]


def test_student_mentor_must_be_from_an_older_class(programme, forms):
    mentor = ready_student_mentor(programme.school, class_name="7А")
    mentee = ready_mentee(programme, class_name="7Б")
    form = forms["student_student"]
    problems = pair_problems(programme, mentor, [mentee], form)
    assert problems == [
        f"{mentee.participant.short_name}: в форме «Ученик – ученик» наставник учится в более "
        "старшем классе (7А и 7Б)."
    ]
    equal = RoleModel.objects.get(form=form, name="Равный – равному")
    assert pair_problems(programme, mentor, [mentee], form, equal) == []


def test_form_must_fit_the_participants(programme, forms):
    mentor = ready_student_mentor(programme.school)
    problems = pair_problems(programme, mentor, [ready_mentee(programme)], forms["teacher_teacher"])
    assert "В форме «Учитель – учитель» наставником не может быть участник категории" in problems[0]


def test_role_model_must_belong_to_the_form(programme, forms):
    mentor = ready_student_mentor(programme.school)
    foreign = RoleModel.objects.filter(form=forms["teacher_teacher"]).first()
    problems = pair_problems(
        programme, mentor, [ready_mentee(programme)], forms["student_student"], foreign
    )
    assert problems == [f"Ролевая модель «{foreign}» не относится к форме «Ученик – ученик»."]


def test_mentee_is_in_one_open_pair(programme, forms, curator):
    mentee = ready_mentee(programme, class_name="5А")
    first = ready_student_mentor(programme.school)
    create_pair(programme, first, [mentee], forms["student_student"], by=curator)
    second = ready_student_mentor(programme.school, class_name="11А")
    problems = pair_problems(programme, second, [mentee], forms["student_student"])
    assert f"{mentee.participant.short_name} уже в другой паре или группе." in problems


def test_create_pair_refuses_and_saves_nothing(programme, forms, curator):
    mentor = ready_student_mentor(programme.school)
    mentor.status = Mentor.Status.CANDIDATE
    mentor.save()
    with pytest.raises(PairingError) as error:
        create_pair(
            programme, mentor, [ready_mentee(programme)], forms["student_student"], by=curator
        )
    assert "реестр" in error.value.problems[0]
    assert not Pair.objects.exists()


def test_group_pairs_mentees_and_termination_returns_them_to_waiting(programme, forms, curator):
    mentor = ready_student_mentor(programme.school)
    mentor.capacity = 3
    mentor.save()
    mentees = [ready_mentee(programme, class_name="5А") for _ in range(3)]
    group = create_pair(programme, mentor, mentees, forms["student_student"], by=curator)
    assert set(Mentee.objects.values_list("status", flat=True)) == {Mentee.Status.PAIRED}
    with pytest.raises(PairingError):
        finish_pair(group, by=curator, early=True)
    finish_pair(group, by=curator, early=True, reason="Наставник перешёл в другую школу")
    assert group.status == Pair.Status.TERMINATED
    assert set(Mentee.objects.values_list("status", flat=True)) == {Mentee.Status.WAITING}


def test_completed_pair_completes_its_mentees(programme, forms, curator):
    mentor = ready_student_mentor(programme.school)
    mentee = ready_mentee(programme, class_name="5А")
    pair = create_pair(programme, mentor, [mentee], forms["student_student"], by=curator)
    finish_pair(pair, by=curator)
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.COMPLETED
