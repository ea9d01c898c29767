"""The individual development plan and the diaries of a pair as documents: read back from PDF and
DOCX, and who may get them (the school's staff and the pair's own mentor, as for a meeting's
protocol)."""

import datetime
import json

import pytest
from django.urls import reverse

from mentoring.models import Role
from registry.models import DevelopmentPlan, DiaryEntry, Pair, PlanItem
from reports.builders.pair_papers import development_plan_document
from reports.documents import OfficialDocument
from tests.documents import convert, docx_paragraphs, docx_text, pdf_text

from ..factories import UserFactory, member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-10-15")]


@pytest.fixture
def pair(programme, mentor_user, forms, curator):
    mentor = MentorFactory(
        participant=ParticipantFactory(
            school=programme.school,
            last_name="Егоров",
            first_name="Максим",
            middle_name="Игоревич",
            user=mentor_user,
        )
    )
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
        starts_on=datetime.date(2026, 9, 15),
        ends_on=datetime.date(2027, 5, 25),
    )
    first = MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school,
            last_name="Белых",
            first_name="Ольга",
            middle_name="Петровна",
            birth_date=datetime.date(2013, 2, 3),
        ),
    )
    second = MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school, last_name="Котов", first_name="Иван", middle_name="Олегович"
        ),
    )
    pair.mentees.set([first, second])
    plan = DevelopmentPlan.objects.create(
        pair=pair, mentee=first, goal="Повысить отметку по математике до «4»"
    )
    PlanItem.objects.create(
        plan=plan,
        task="Разобрать темы «Дроби» и «Проценты»",
        deadline=datetime.date(2026, 11, 1),
        expected_result="Контрольная без ошибок",
        status=PlanItem.Status.DONE,
        progress_note="Контрольная 28.10 — «4»",
        position=1,
    )
    PlanItem.objects.create(plan=plan, task="Решить вариант ОГЭ", position=2)
    DiaryEntry.objects.create(
        pair=pair,
        diary=DiaryEntry.Diary.MENTOR,
        written_on=datetime.date(2026, 9, 20),
        text="Первая встреча: обсудили трудности с дробями",
    )
    DiaryEntry.objects.create(
        pair=pair,
        diary=DiaryEntry.Diary.MENTEE,
        mentee=first,
        written_on=datetime.date(2026, 9, 21),
        text="Поняла, как сокращать дроби",
    )
    DiaryEntry.objects.create(
        pair=pair,
        diary=DiaryEntry.Diary.MENTEE,
        mentee=second,
        written_on=datetime.date(2026, 9, 22),
        text="Запись второго наставляемого",
    )
    return pair


def mentee(pair, last_name):
    return pair.mentees.get(participant__last_name=last_name)


def plan_url(pair, mentee, fmt):
    return reverse("reports:development_plan", args=[pair.pk, mentee.pk, fmt])


def mentee_diary_url(pair, mentee, fmt):
    return reverse("reports:mentee_diary", args=[pair.pk, mentee.pk, fmt])


def mentor_diary_url(pair, fmt):
    return reverse("reports:mentor_diary", args=[pair.pk, fmt])


def test_plan_as_pdf_and_docx(client, curator, pair):
    client.force_login(curator)
    first = mentee(pair, "Белых")
    text = pdf_text(client.get(plan_url(pair, first, "pdf")))
    assert "План индивидуального развития наставляемого" in text
    assert "Наставник: Егоров Максим Игоревич" in text
    assert "Наставляемый: Белых Ольга Петровна (7Б класс)" in text
    assert "Срок работы: с 15.09.2026 по 25.05.2027" in text
    assert "Цель: Повысить отметку по математике до «4»" in text
    assert "Разобрать темы «Дроби» и «Проценты»" in text
    assert "01.11.2026" in text and "Выполнено" in text
    assert "Котов" not in text  # the other child of the group is not in this plan
    assert "03.02.2013" not in text  # no birth date
    assert "М.И. Егоров" in text and "О.П. Белых" in text
    rows = docx_paragraphs(client.get(plan_url(pair, first, "docx")))
    assert "Решить вариант ОГЭ" in rows
    assert "Контрольная 28.10 — «4»" in rows
    assert "Запланировано" in rows


def test_plan_without_tasks_has_blanks(client, curator, pair):
    client.force_login(curator)
    text = docx_text(client.get(plan_url(pair, mentee(pair, "Котов"), "docx")))
    assert "Цель: __________." in text
    assert "Задачи не записаны" in text


def test_diaries(client, mentor_user, pair):
    client.force_login(mentor_user)
    text = pdf_text(client.get(mentor_diary_url(pair, "pdf")))
    assert "Дневник наставника" in text
    assert "Наставляемые: Белых Ольга Петровна (7Б класс), Котов Иван Олегович" in text
    assert "20.09.2026" in text and "обсудили трудности с дробями" in text
    assert "Поняла, как сокращать дроби" not in text
    first = mentee(pair, "Белых")
    rows = docx_paragraphs(client.get(mentee_diary_url(pair, first, "docx")))
    assert "Дневник наставляемого" in rows
    assert "Поняла, как сокращать дроби" in rows
    assert "Запись второго наставляемого" not in rows


def test_another_mentor_and_other_schools_get_404(client, request, school, pair):
    first = mentee(pair, "Белых")
    urls = [
        plan_url(pair, first, "pdf"),
        mentee_diary_url(pair, first, "docx"),
        mentor_diary_url(pair, "pdf"),
    ]
    for user in (
        member(Role.MENTOR, school, username="another_mentor"),
        request.getfixturevalue("other_curator"),
        request.getfixturevalue("officer"),
    ):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]


def test_a_mentee_of_another_pair_is_404(client, curator, pair, programme):
    stranger = MenteeFactory(programme=programme)
    client.force_login(curator)
    assert client.get(plan_url(pair, stranger, "pdf")).status_code == 404


def test_a_child_with_an_account_does_not_download(client, school, pair):
    first = mentee(pair, "Белых")
    child_user = UserFactory(username="olga")
    first.participant.user = child_user
    first.participant.save()
    client.force_login(child_user)
    assert client.get(plan_url(pair, first, "pdf")).status_code == 404


def test_pair_and_plan_pages_link_the_papers(client, mentor_user, pair):
    client.force_login(mentor_user)
    first = mentee(pair, "Белых")
    page = client.get(reverse("registry:pair_detail", args=[pair.pk])).content.decode()
    assert plan_url(pair, first, "docx") in page
    assert mentee_diary_url(pair, first, "pdf") in page
    assert mentor_diary_url(pair, "pdf") in page
    page = client.get(reverse("registry:plan_detail", args=[pair.pk, first.pk])).content.decode()
    assert plan_url(pair, first, "pdf") in page


@pytest.mark.libreoffice
def test_plan_and_diary_docx_convert(client, curator, pair):
    client.force_login(curator)
    first = mentee(pair, "Белых")
    plan = pdf_text(convert(client.get(plan_url(pair, first, "docx")), "docx"))
    assert "Решить вариант ОГЭ" in plan
    diary = pdf_text(convert(client.get(mentor_diary_url(pair, "docx")), "docx"))
    assert "обсудили трудности с дробями" in diary


def test_a_section_table_survives_the_json_round_trip(pair):
    doc = development_plan_document(pair, mentee(pair, "Белых"))
    again = OfficialDocument.from_data(json.loads(json.dumps(doc.to_data())))
    table = again.sections[1].table
    assert [column.title for column in table.columns][:3] == ["№", "Задача", "Срок"]
    assert table.rows[0].cells[1:3] == ["Разобрать темы «Дроби» и «Проценты»", "01.11.2026"]
    assert again.sections[0].table is None
