"""Teacher mentoring under article 351.8 of the Labour Code: working days, the agreement and its
early ending, where each teacher mentor stands, the month's payments, the pages and who sees
them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from mentoring.working_days import add_working_days, is_working_day
from registry.forms.labour import AgreementForm, EndingForm
from registry.models import MentoringAgreement, MentoringDuty, Participant
from registry.services.labour import Standing, month_payments, standing_of, teacher_mentors

from .factories import MentorFactory, StudentFactory
from .teacher_mentoring_world import (
    LOCAL_ACT,
    agreement,
    mentoring_consent,
    teacher_mentor,
    young_specialist,
)

pytestmark = pytest.mark.django_db

D = datetime.date


# --- working days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "earliest"),
    [
        (D(2026, 10, 14), D(2026, 10, 19)),  # Wednesday → Thursday, Friday, Monday
        (D(2026, 10, 16), D(2026, 10, 21)),  # Friday: the weekend does not count
        (D(2026, 11, 3), D(2026, 11, 9)),  # 4 November is a holiday
        (D(2026, 3, 6), D(2026, 3, 12)),  # 8 March is a Sunday: Monday 9 March is off
        (D(2026, 12, 30), D(2027, 1, 12)),  # the New Year holidays
    ],
)
def test_three_working_days_skip_weekends_and_holidays(notice, earliest):
    assert add_working_days(notice, 3) == earliest


def test_working_days():
    assert is_working_day(D(2026, 10, 15))
    assert not is_working_day(D(2026, 10, 17))  # Saturday
    assert not is_working_day(D(2026, 6, 12))
    assert not is_working_day(D(2027, 5, 10))  # 9 May 2027 is a Sunday


# --- the agreement and its ending -------------------------------------------------------------


@pytest.fixture
def mentor(school):
    return teacher_mentor(school)


@pytest.fixture
def specialist(school):
    return young_specialist(school)


def agreement_data(specialist, **changes):
    data = {
        "number": "5",
        "signed_on": "2026-08-28",
        "contract_number": "41",
        "contract_date": "2019-08-30",
        "starts_on": "2026-09-16",
        "ends_on": "2027-05-31",
        "mentees": [specialist.pk],
        "form": "индивидуальная",
        "content": "Помощь в планировании уроков",
        "payment": "amount",
        "amount": "3000",
        "percent": "",
        "local_act": LOCAL_ACT,
    }
    data.update(changes)
    return data


def test_an_agreement_needs_the_teachers_written_consent(mentor, specialist):
    form = AgreementForm(agreement_data(specialist), mentor=mentor)
    assert not form.is_valid()
    assert "письменного согласия педагога" in str(form.non_field_errors())
    mentoring_consent(mentor, signed_on=D(2026, 8, 29))  # given after the agreement
    form = AgreementForm(agreement_data(specialist), mentor=mentor)
    assert not form.is_valid()
    mentoring_consent(mentor, signed_on=D(2026, 8, 25))
    form = AgreementForm(agreement_data(specialist), mentor=mentor)
    assert form.is_valid(), form.errors
    saved = form.save()
    assert list(saved.mentees.all()) == [specialist]
    assert saved.payment_text == "3\u00a0000,00 руб. в месяц"


def test_agreement_validation_messages(mentor, specialist, school):
    mentoring_consent(mentor)
    form = AgreementForm(
        agreement_data(
            specialist,
            ends_on="2026-09-01",
            payment="percent",
            amount="3000",
            percent="150",
            mentees=[mentor.participant_id],
            local_act="",
        ),
        mentor=mentor,
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["Окончание наставничества не может быть раньше его начала."]
    assert "не более 100" in form.errors["percent"][0]
    assert "mentees" in form.errors  # the mentor is not their own mentee
    assert "локальный нормативный акт" in form.errors["local_act"][0]
    student = StudentFactory(school=school)
    form = AgreementForm(agreement_data(specialist, mentees=[student.pk]), mentor=mentor)
    assert not form.is_valid() and "mentees" in form.errors


def test_a_percentage_drops_the_amount(mentor, specialist):
    mentoring_consent(mentor)
    form = AgreementForm(
        agreement_data(specialist, payment="percent", percent="12.5"), mentor=mentor
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.amount is None
    assert saved.payment_text == "12,5 % оклада (ставки)"


@pytest.fixture
def signed(mentor, specialist):
    mentoring_consent(mentor)
    return agreement(mentor, [specialist])


def ending(signed, **changes):
    data = {"ended_by": "employee", "notice_on": "2026-10-16", "ended_on": "2026-10-21"}
    data.update(changes)
    return EndingForm(data, instance=signed)


def test_an_early_end_comes_three_working_days_after_the_notice(signed):
    form = ending(signed, ended_on="2026-10-20")
    assert not form.is_valid()
    assert form.errors["ended_on"] == [
        "Наставничество прекращается не ранее чем через три рабочих дня после письменного "
        "уведомления (ст. 351.8 ТК РФ): при уведомлении 16.10.2026 — не ранее 21.10.2026."
    ]
    form = ending(signed)
    assert form.is_valid(), form.errors
    form.save()
    signed.refresh_from_db()
    assert signed.last_day == D(2026, 10, 21)
    assert signed.in_force_on(D(2026, 10, 21)) and not signed.in_force_on(D(2026, 10, 22))


def test_an_early_end_needs_who_and_when(signed):
    form = EndingForm({"ended_by": "", "notice_on": "", "ended_on": ""}, instance=signed)
    assert not form.is_valid()
    assert form.errors["ended_by"] == [
        "Укажите, кто прекращает наставничество: работник или работодатель."
    ]
    assert form.errors["notice_on"] == ["Укажите дату письменного уведомления."]
    form = ending(signed, notice_on="2026-08-01", ended_on="2026-08-10")
    assert not form.is_valid()
    assert "раньше заключения соглашения" in form.errors["notice_on"][0]
    form = ending(signed, notice_on="2027-05-20", ended_on="2027-06-15")
    assert not form.is_valid()
    assert "до окончания срока наставничества" in form.errors["ended_on"][0]


def test_a_new_term_must_still_hold_the_early_end(signed, specialist, mentor):
    ending(signed).save()
    form = AgreementForm(
        agreement_data(specialist, ends_on="2026-10-01"), instance=signed, mentor=mentor
    )
    assert not form.is_valid()
    assert "Досрочное прекращение" in str(form.non_field_errors())


# --- where each teacher mentor stands ---------------------------------------------------------


def test_standings(school, specialist):
    today = D(2026, 10, 15)
    teacher_mentor(school, last_name="Белых")
    consented = teacher_mentor(school, last_name="Волков")
    mentoring_consent(consented)
    working = teacher_mentor(school, last_name="Глинка")
    mentoring_consent(working)
    agreement(working, [specialist])
    ended = teacher_mentor(school, last_name="Дёмина")
    mentoring_consent(ended)
    agreement(
        ended, [specialist], ended_on=D(2026, 10, 1), ended_by="employer", notice_on=D(2026, 9, 25)
    )
    duty = teacher_mentor(school, last_name="Ершова")
    MentoringDuty.objects.create(
        mentor=duty, basis="position", document="Должность «наставник»", since=D(2026, 9, 1)
    )
    MentorFactory(participant=StudentFactory(school=school))  # not a teacher: not listed
    rows = {
        row.mentor.participant.last_name: row.standing
        for row in teacher_mentors(school.mentors.all(), today)
    }
    assert rows == {
        "Белых": Standing.NO_CONSENT,
        "Волков": Standing.CONSENT,
        "Глинка": Standing.AGREEMENT,
        "Дёмина": Standing.ENDED,
        "Ершова": Standing.DUTIES,
    }
    assert standing_of(ended, D(2026, 9, 30)).standing == Standing.AGREEMENT


def test_month_payments_prorate_by_calendar_days(signed, school):
    september = month_payments(school.pk, D(2026, 9, 1))
    assert [(p.days, p.month_days, p.amount) for p in september] == [(15, 30, Decimal("1500.00"))]
    assert month_payments(school.pk, D(2026, 10, 1))[0].amount == Decimal("3000.00")
    assert month_payments(school.pk, D(2026, 8, 1)) == []
    ending(signed).save()
    october = month_payments(school.pk, D(2026, 10, 1))[0]
    assert (october.days, october.amount) == (21, Decimal("2032.26"))
    assert month_payments(school.pk, D(2026, 11, 1)) == []


# --- pages --------------------------------------------------------------------------------------


def list_url(programme):
    return reverse("registry:teacher_mentor_list", args=[programme.pk])


def detail_url(mentor):
    return reverse("registry:teacher_mentor_detail", args=[mentor.pk])


@pytest.mark.today("2026-10-15")
def test_empty_list_explains_the_article(client, curator, programme):
    client.force_login(curator)
    page = client.get(list_url(programme)).content.decode()
    assert "Педагогов-наставников пока нет" in page
    assert "письменного согласия" in page
    assert reverse("reports:mentor_payments_export", args=[programme.pk]) in page


@pytest.mark.today("2026-10-15")
def test_list_shows_status_agreement_and_payment(client, working_group, programme, signed):
    client.force_login(working_group)
    page = client.get(list_url(programme)).content.decode()
    assert "Иванова Мария Петровна" in page
    assert Standing.AGREEMENT in page
    assert "№ 5 от 28.08.2026" in page
    assert "Петров П.П." in page
    assert "3\u00a0000,00 руб. в месяц" in page
    assert 'value="2026-10"' in page


@pytest.mark.today("2026-10-15")
def test_mentor_card_links_to_the_labour_page(client, curator, mentor, programme):
    client.force_login(curator)
    page = client.get(reverse("registry:mentor_detail", args=[mentor.pk])).content.decode()
    assert detail_url(mentor) in page
    detail = client.get(detail_url(mentor)).content.decode()
    assert Standing.NO_CONSENT in detail
    assert "Согласие не получено" in detail
    assert reverse("reports:mentoring_consent_export", args=[mentor.pk, "docx"]) in detail


@pytest.mark.today("2026-10-15")
def test_curator_records_an_agreement_and_ends_it(client, curator, programme, mentor, specialist):
    mentoring_consent(mentor)
    client.force_login(curator)
    response = client.post(
        reverse("registry:agreement_create", args=[mentor.pk]), agreement_data(specialist)
    )
    assert response.status_code == 302
    made = MentoringAgreement.objects.get(mentor=mentor)
    assert made.updated_by == curator
    end_url = reverse("registry:agreement_end", args=[made.pk])
    page = client.post(
        end_url, {"ended_by": "employer", "notice_on": "2026-10-16", "ended_on": "2026-10-19"}
    ).content.decode()
    assert "не ранее 21.10.2026" in page
    response = client.post(
        end_url, {"ended_by": "employer", "notice_on": "2026-10-16", "ended_on": "2026-10-21"}
    )
    assert response.status_code == 302
    detail = client.get(detail_url(mentor)).content.decode()
    assert "Прекращено досрочно 21.10.2026 по инициативе: работодатель" in detail


@pytest.mark.today("2026-10-15")
def test_duty_replaces_consent_and_agreement(client, curator, programme, mentor):
    client.force_login(curator)
    response = client.post(
        reverse("registry:duty_edit", args=[mentor.pk]),
        {
            "basis": "job_description",
            "document": "Должностная инструкция учителя, п. 3.12",
            "since": "2026-09-01",
        },
    )
    assert response.status_code == 302
    page = client.get(list_url(programme)).content.decode()
    assert Standing.DUTIES in page
    assert "Обязанность по должностной инструкции" in page
    client.post(reverse("registry:duty_delete", args=[mentor.pk]))
    assert not MentoringDuty.objects.filter(mentor=mentor).exists()


@pytest.mark.today("2026-10-15")
def test_outsiders_and_mentors_get_404(
    client, other_curator, mentor_user, officer, programme, signed, mentor
):
    Participant.objects.filter(pk=mentor.participant_id).update(user=mentor_user)
    urls = [
        list_url(programme),
        detail_url(mentor),
        reverse("registry:agreement_edit", args=[signed.pk]),
        reverse("registry:agreement_end", args=[signed.pk]),
        reverse("registry:agreement_create", args=[mentor.pk]),
    ]
    for user in (other_curator, mentor_user, officer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
