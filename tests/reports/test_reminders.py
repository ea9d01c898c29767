"""Reminders by e-mail, through a real SMTP server on 127.0.0.1 (tests/smtp.py)."""

import datetime
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scope

from mentoring.models import Role
from registry import health
from registry.models import Meeting, MentoringForm, Pair
from reports.models import MonthlyReport, NotificationSettings, Order, SentReminder
from reports.orders.services import create_order
from reports.reminders import sending
from stages.models import RoadmapItem, Stage
from surveys.models import Distribution, Invitation, Questionnaire

from ..factories import ProgrammeFactory, member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory
from ..smtp import header_of, html_of, serving, subject_of, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

SITE = "https://nastavnik.example.ru"
DAY = datetime.date(2026, 11, 26)  # a Thursday; the 25th has passed


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def smtp_server(settings):
    with serving(settings) as mailbox:
        yield mailbox


@pytest.fixture
def bare_programme(reference_data, school, current_year):
    return ProgrammeFactory(school=school, year=current_year, roadmap=False)


@pytest.fixture
def curator(school):
    return member(
        Role.CURATOR,
        school,
        username="curator",
        email="curator@school.test",
        last_name="Тимофеева",
        first_name="Мария",
        middle_name="Александровна",
    )


@pytest.fixture
def director(school):
    return member(Role.DIRECTOR, school, username="director", email="director@school.test")


@pytest.fixture
def group_member(school):
    return member(Role.WORKING_GROUP, school, username="group", email="group@school.test")


def item(programme, number, deadline, responsible="", user=None, **fields):
    return RoadmapItem.objects.create(
        programme=programme,
        stage=Stage.objects.get(number=int(number.split(".")[0])),
        number=number,
        activity=fields.pop("activity", f"Мероприятие {number}"),
        deadline=deadline,
        responsible=responsible,
        responsible_user=user,
        **fields,
    )


def days(n):
    return DAY + datetime.timedelta(days=n)


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", text_of(message))


def test_roadmap_items_go_to_the_person_responsible(
    smtp_server, bare_programme, curator, director, group_member
):
    item(bare_programme, "1.1", days(3), "Рабочая группа", user=group_member)
    item(bare_programme, "1.2", days(-2), "Директор")
    item(bare_programme, "1.3", days(7), "Педагог-психолог")  # no staff role: the curator
    item(bare_programme, "1.4", days(8), "Куратор")  # not yet
    item(bare_programme, "1.5", days(-1), "Куратор", status=RoadmapItem.Status.DONE)

    sent = sending.send_all(DAY, kinds=["roadmap"])

    assert sent["roadmap"] == 3
    [to_group] = smtp_server.to("group@school.test")
    [to_director] = smtp_server.to("director@school.test")
    [to_curator] = smtp_server.to("curator@school.test")
    assert subject_of(to_group) == "Дорожная карта: сроки мероприятий — МБОУ «СОШ № 1»"
    assert "Срок через 3 дня, 29.11.2026: 1.1 Мероприятие 1.1" in text_of(to_group)
    assert "Просрочено на 2 дня (срок 24.11.2026): 1.2" in text_of(to_director)
    assert "1.3 Мероприятие 1.3" in text_of(to_curator)
    assert "Мария Александровна, здравствуйте!" in text_of(to_curator)
    for message in (to_group, to_director, to_curator):
        assert "1.4" not in text_of(message) and "1.5" not in text_of(message)
    roadmap_url = f"{SITE}{reverse('stages:roadmap', args=[bare_programme.pk])}#item-"
    assert any(link.startswith(roadmap_url) for link in links(to_group))
    assert f'href="{SITE}/my/notifications/"' in html_of(to_group)
    unsubscribe = header_of(to_group, "List-Unsubscribe").strip("<>")
    assert unsubscribe.startswith(f"{SITE}/reminders/unsubscribe/")
    assert unsubscribe.endswith("?kind=roadmap")
    assert unsubscribe in text_of(to_group)
    assert header_of(to_group, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_a_name_typed_as_responsible_reaches_that_person(
    smtp_server, bare_programme, curator, group_member
):
    group_member.last_name, group_member.first_name, group_member.middle_name = (
        "Карпов",
        "Никита",
        "Олегович",
    )
    group_member.save()
    item(bare_programme, "2.1", days(1), "Карпов Н.О.")

    sending.send_all(DAY, kinds=["roadmap"])

    assert [m["To"] for m in smtp_server.messages] == ["group@school.test"]


def test_monthly_report_from_the_25th_until_submitted(
    smtp_server, bare_programme, curator, director
):
    MonthlyReport.objects.create(  # October's, submitted in time
        school=bare_programme.school,
        programme=bare_programme,
        period=datetime.date(2026, 10, 1),
        status=MonthlyReport.Status.SUBMITTED,
    )
    assert sending.send_all(days(-2), kinds=["monthly"])["monthly"] == 0  # the 24th

    sent = sending.send_all(days(-1), kinds=["monthly"])  # the 25th

    assert sent["monthly"] == 2
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "curator@school.test",
        "director@school.test",
    ]
    message = smtp_server.messages[0]
    assert subject_of(message) == "Ежемесячный отчёт в МНЦ за ноябрь 2026 — МБОУ «СОШ № 1»"
    assert "Отчёт в МНЦ за ноябрь 2026 не сдан — срок 25-го" in text_of(message)
    assert f"{SITE}{reverse('reports:monthly_list', args=[bare_programme.pk])}" in links(message)
    # Within the same three days nothing more; three days later again, until submitted.
    assert sending.send_all(days(0), kinds=["monthly"])["monthly"] == 0
    assert sending.send_all(days(2), kinds=["monthly"])["monthly"] == 2
    MonthlyReport.objects.create(
        school=bare_programme.school,
        programme=bare_programme,
        period=datetime.date(2026, 11, 1),
        status=MonthlyReport.Status.SUBMITTED,
    )
    assert sending.send_all(days(5), kinds=["monthly"])["monthly"] == 0
    assert len(smtp_server.messages) == 4


@pytest.fixture
def distribution(bare_programme):
    questionnaire = Questionnaire.objects.create(
        school=bare_programme.school, title="Анкета", purpose="other", audience="all"
    )
    return Distribution.objects.create(
        questionnaire=questionnaire,
        programme=bare_programme,
        title="Анкета наставляемого: входная",
        deadline=days(10),
    )


def invite(distribution, name, email="", **fields):
    participant = ParticipantFactory(school=distribution.programme.school, email=email)
    return Invitation.objects.create(
        distribution=distribution,
        participant=participant,
        respondent_name=name,
        expires_at=datetime.datetime(2026, 12, 10, tzinfo=datetime.UTC),
        **fields,
    )


def test_survey_invitations_with_their_personal_links(smtp_server, distribution):
    with_address = invite(distribution, "Иванова Ольга", "olga@family.test")
    invite(distribution, "Петров Илья")  # no address: the curator hands the link out
    invite(
        distribution,
        "Сидорова Мария",
        "maria@family.test",
        answered_at=datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC),
    )

    assert sending.send_all(DAY, kinds=["surveys"])["surveys"] == 1
    assert sending.send_all(DAY, kinds=["surveys"])["surveys"] == 0  # mailed once

    [message] = smtp_server.messages
    assert message["To"] == "olga@family.test"
    assert subject_of(message) == "Анкета «Анкета наставляемого: входная» — МБОУ «СОШ № 1»"
    assert f"{SITE}/a/{with_address.token}/" in links(message)
    assert "Иванова Ольга, здравствуйте!" in text_of(message)
    assert "до 06.12.2026" in text_of(message)
    assert "/my/notifications/" not in text_of(message)  # no account: only the unsubscribe
    assert header_of(message, "List-Unsubscribe").startswith(f"<{SITE}/reminders/unsubscribe/")


@pytest.fixture
def pairs(bare_programme, mentor_user, forms):
    mentor_user.email = "mentor@school.test"
    mentor_user.save()
    own = MentorFactory(
        participant=ParticipantFactory(
            school=bare_programme.school, last_name="Шевчук", first_name="Илья", user=mentor_user
        )
    )
    other = MentorFactory(
        participant=ParticipantFactory(
            school=bare_programme.school,
            last_name="Белов",
            first_name="Олег",
            user=member(
                Role.MENTOR,
                bare_programme.school,
                username="other_mentor",
                email="belov@school.test",
            ),
        )
    )
    form = MentoringForm.objects.first()
    created = []
    for mentor, child in ((own, ("Смирнова", "Ольга")), (other, ("Гайдамак", "Пётр"))):
        pair = Pair.objects.create(
            programme=bare_programme, mentor=mentor, form=form, status=Pair.Status.ACTIVE
        )
        pair.mentees.set(
            [
                MenteeFactory(
                    programme=bare_programme,
                    participant=StudentFactory(
                        school=bare_programme.school, last_name=child[0], first_name=child[1]
                    ),
                )
            ]
        )
        created.append(pair)
    return created


def test_a_planned_meeting_is_reminded_the_day_before(smtp_server, pairs):
    own, other = pairs
    Meeting.objects.create(pair=own, held_on=days(1), topic="Разбор олимпиадных задач")
    Meeting.objects.create(pair=own, held_on=days(2), topic="Послезавтра")
    Meeting.objects.create(pair=other, held_on=days(3), topic="Через три дня")

    assert sending.send_all(DAY, kinds=["meetings"])["meetings"] == 1

    [message] = smtp_server.messages
    assert message["To"] == "mentor@school.test"
    assert subject_of(message) == "Завтра встреча с наставляемым — МБОУ «СОШ № 1»"
    body = text_of(message)
    assert "Завтра, 27.11.2026: рабочая встреча «Разбор олимпиадных задач»" in body
    assert "с Ольга Смирнова" in body
    assert "Гайдамак" not in body and "Белов" not in body and "Послезавтра" not in body
    assert f"{SITE}{own.get_absolute_url()}" in links(message)
    # The other mentor's meeting, on the eve of it.
    sending.send_all(days(2), kinds=["meetings"])
    [to_other] = smtp_server.to("belov@school.test")
    assert "Смирнова" not in text_of(to_other) and "Гайдамак" in text_of(to_other)


def test_the_directors_digest_once_a_week(
    smtp_server, bare_programme, curator, director, pairs, monkeypatch
):
    order = create_order(bare_programme, "implementation", by=curator)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.SUBMITTED)
    item(bare_programme, "3.1", days(-4), "Куратор", activity="Провести анкетирование")
    own = pairs[0]
    monkeypatch.setattr(
        health,
        "_CHECKS",
        [
            lambda working, day: [
                health.Concern(
                    pk,
                    "no_meeting_30",
                    health.DANGER,
                    "Нет встреч 34 дня",
                    "Связаться с наставником",
                )
                for pk in working
                if pk == own.pk
            ]
        ],
    )

    assert sending.send_all(DAY, kinds=["digest"])["digest"] == 1
    [message] = smtp_server.to("director@school.test")
    body = text_of(message)
    assert subject_of(message) == "Наставничество: сводка недели — МБОУ «СОШ № 1»"
    assert "приказы на утверждение — 1, просроченные мероприятия — 1" in body
    assert "Ожидают вашего утверждения: 1" in body
    assert f"Приказ «{order.title}»" in body
    assert "3.1 Провести анкетирование" in body
    assert "Наставник Шевчук И." in body and "Нет встреч 34 дня — Связаться с наставником" in body
    assert "Смирнова" not in body  # no child's name in the digest
    # Friday and Sunday of the same week: nothing; Monday of the next week: the new digest.
    assert sending.send_all(days(1), kinds=["digest"])["digest"] == 0
    assert sending.send_all(days(3), kinds=["digest"])["digest"] == 0
    assert sending.send_all(days(4), kinds=["digest"])["digest"] == 1
    assert SentReminder.objects.filter(kind="digest").count() == 2


def test_one_click_unsubscribe_stops_that_kind_only(client, smtp_server, bare_programme, curator):
    item(bare_programme, "1.1", days(3), "Куратор")
    sending.send_all(DAY)
    roadmap_mail = next(m for m in smtp_server.messages if "Дорожная карта" in subject_of(m))
    url = urlsplit(header_of(roadmap_mail, "List-Unsubscribe").strip("<>"))
    path = f"{url.path}?{url.query}"

    page = client.get(path)
    assert page.status_code == 200
    assert "«Сроки мероприятий дорожной карты»" in page.text
    assert '<form method="post"' in page.text
    assert NotificationSettings.objects.get(user=curator).roadmap  # GET changes nothing

    done = client.post(path)  # anonymous, without a CSRF token: one click (RFC 8058)
    assert done.status_code == 200
    assert "Вы отписались" in done.text
    choice = NotificationSettings.objects.get(user=curator)
    assert not choice.roadmap and choice.monthly

    smtp_server.clear()
    item(bare_programme, "1.2", days(2), "Куратор")
    sent = sending.send_all(days(3))  # the 29th: a new monthly window, a new item
    assert sent["roadmap"] == 0
    assert [subject_of(m) for m in smtp_server.to("curator@school.test")] == [
        "Ежемесячный отчёт в МНЦ за ноябрь 2026 — МБОУ «СОШ № 1»"
    ]


def test_an_unknown_unsubscribe_key_is_not_found(client, db):
    assert client.get(reverse("reports:unsubscribe", args=["nope"])).status_code == 404
    assert client.post(reverse("reports:unsubscribe", args=["nope"])).status_code == 404


def test_settings_page_chooses_the_kinds(client, curator, smtp_server, bare_programme):
    url = reverse("reports:notification_settings")
    assert client.get(url).status_code == 302  # log-in first
    client.force_login(curator)
    page = client.get(url)
    assert page.status_code == 200
    assert page.text.count('type="checkbox"') == 5
    assert "Еженедельная сводка директору" in page.text
    response = client.post(url, {"roadmap": "on", "surveys": "on"})
    assert response.status_code == 302
    choice = NotificationSettings.objects.get(user=curator)
    assert (choice.roadmap, choice.monthly, choice.surveys, choice.meetings, choice.digest) == (
        True,
        False,
        True,
        False,
        False,
    )
    sending.send_all(days(-1), kinds=["monthly"])  # the 25th
    assert smtp_server.to("curator@school.test") == []


def test_no_mail_to_a_user_without_an_address(smtp_server, bare_programme, school):
    member(Role.CURATOR, school, username="no_mail", email="")
    item(bare_programme, "1.1", days(3), "Куратор")

    assert sum(sending.send_all(DAY).values()) == 0
    assert smtp_server.messages == []


def test_running_twice_sends_nothing_twice(
    smtp_server, bare_programme, curator, director, distribution
):
    item(bare_programme, "1.1", days(3), "Куратор")
    item(bare_programme, "1.2", days(-3), "Директор")
    invite(distribution, "Иванова Ольга", "olga@family.test")

    out = StringIO()
    with scope():  # as from cron: no school scope, no test's scopes_disabled()
        call_command("send_reminders", "--date", "2026-11-26", stdout=out)
    first = len(smtp_server.messages)
    call_command("send_reminders", "--date", "2026-11-26", stdout=StringIO())

    # roadmap ×2, monthly ×2, the invitation, the director's digest (the overdue item)
    assert first == 6
    assert len(smtp_server.messages) == first
    assert "Сроки мероприятий дорожной карты: писем 2" in out.getvalue()
    assert "Всего писем: 6" in out.getvalue()
    assert "Приглашения «пульса» пар" in out.getvalue()
    assert SentReminder.objects.filter(sent_at__isnull=True).count() == 0


def test_a_refused_mail_is_tried_again(smtp_server, bare_programme, curator, monkeypatch):
    item(bare_programme, "1.1", days(3), "Куратор")
    original = smtp_server.handle_DATA

    async def refuse(server, session, envelope):
        return "554 Transaction failed"

    monkeypatch.setattr(smtp_server, "handle_DATA", refuse)
    assert sending.send_all(DAY, kinds=["roadmap"])["failed"] == 1
    assert not SentReminder.objects.exists()

    monkeypatch.setattr(smtp_server, "handle_DATA", original)
    assert sending.send_all(DAY, kinds=["roadmap"])["roadmap"] == 1
    assert len(smtp_server.messages) == 1


def test_the_dashboard_shows_the_users_own_reminders(client, bare_programme, curator, director):
    item(bare_programme, "1.1", days(3), "Куратор", activity="Сформировать рабочую группу")
    item(bare_programme, "1.2", days(3), "Директор", activity="Утвердить положение")
    client.force_login(curator)
    page = client.get(reverse("reports:school_dashboard", args=[bare_programme.school_id]))
    block = page.text.split('id="reminders"', 1)[1].split("</section>", 1)[0]
    assert "Напоминания" in block
    assert "1.1 Сформировать рабочую группу" in block
    assert "Отчёт в МНЦ за ноябрь 2026 не сдан" in block
    assert "Утвердить положение" not in block


def test_the_command_refuses_a_wrong_date(db):
    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        call_command("send_reminders", "--date", "26.11.2026", stdout=StringIO())
