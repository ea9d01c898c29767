"""Log-in lock-out, security headers, the audit trail and optimistic locking."""

import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse

from mentoring.models import Role
from registry.models import Pair
from reports.orders import services as orders
from tests.factories import member
from tests.registry.factories import MenteeFactory, MentorFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_log_in_is_locked_after_repeated_failures(client, curator, director):
    curator.set_password("right-password-1")
    curator.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "curator", "wrong")
        assert response.status_code == 200
        assert "Неверное имя пользователя или пароль" in response.content.decode()
    assert attempt(client, "curator", "wrong").status_code == 429
    locked = attempt(client, "curator", "right-password-1")
    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()
    director.set_password("other-password-2")
    director.save()
    assert attempt(client, "director", "other-password-2").status_code == 302


def test_a_success_resets_the_failures(client, curator):
    curator.set_password("right-password-1")
    curator.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "curator", "wrong")
    assert attempt(client, "curator", "right-password-1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "curator", "wrong")
    assert attempt(client, "curator", "right-password-1").status_code == 302


def test_content_security_policy_forbids_inline_scripts(client):
    response = client.get(LOGIN)
    policy = response["Content-Security-Policy"]
    scripts = re.search(r"script-src ([^;]*)", policy).group(1)
    assert scripts.strip() == "'self'"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            offenders.append(str(path))
    assert offenders == []


def test_changes_are_recorded_with_who_and_what(client, programme, curator):
    participant = ParticipantFactory(school=programme.school, last_name="Петрова")
    client.force_login(curator)
    url = reverse("registry:participant_edit", args=[participant.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(last_name="Сидорова", kind=participant.kind)
    data["birth_date"] = participant.birth_date.isoformat()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LogEntry.objects.get_for_object(participant).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == curator
    assert entry.changes_dict["last_name"] == ["Петрова", "Сидорова"]


def test_membership_and_pair_composition_are_audited(programme, forms, curator):
    user = member(Role.WORKING_GROUP, programme.school, username="new-member")
    assert LogEntry.objects.get_for_object(user.memberships.get()).exists()
    pair = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant__school=programme.school),
        form=forms["student_student"],
    )
    mentee = MenteeFactory(programme=programme)
    pair.mentees.add(mentee)
    entries = LogEntry.objects.get_for_object(pair)
    assert entries.filter(action=LogEntry.Action.CREATE).exists()
    assert any("mentees" in (entry.changes_dict or {}) for entry in entries)


def test_an_administrator_viewing_a_sensitive_record_is_recorded(
    client, programme, curator, request_categories, django_user_model
):
    mentee = MenteeFactory(programme=programme, categories=["ovz"])
    client.force_login(curator)
    client.get(reverse("registry:mentee_detail", args=[mentee.pk]))
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()

    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x-Pass-123")
    client.force_login(admin)
    assert client.get(reverse("registry:mentee_detail", args=[mentee.pk])).status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == admin and entry.object_pk == str(mentee.pk)


def test_history_page_for_curator_and_director_only(
    client, programme, curator, director, working_group, other_curator
):
    participant = ParticipantFactory(school=programme.school)
    participant.notes = "Изменено"
    participant.save()
    url = reverse("object_history", args=["participant", participant.pk])
    for user in (curator, director):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and "Изменено" in page.content.decode()
    client.force_login(working_group)
    assert client.get(url).status_code == 403
    client.force_login(other_curator)
    assert client.get(url).status_code == 404
    client.force_login(curator)
    assert client.get(reverse("object_history", args=["user", curator.pk])).status_code == 404


def test_concurrent_pair_edits_do_not_lose_an_update(client, programme, forms, curator):
    pair = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant__school=programme.school),
        form=forms["student_student"],
        goal="Исходная цель",
    )
    client.force_login(curator)
    url = reverse("registry:pair_edit", args=[pair.pk])
    opened = client.get(url).context["form"]["version"].value()
    first = client.post(url, {"goal": "Цель первого", "version": opened})
    assert first.status_code == 302
    second = client.post(url, {"goal": "Цель второго", "version": opened})
    assert second.status_code == 200
    assert "изменил другой пользователь" in second.content.decode()
    pair.refresh_from_db()
    assert pair.goal == "Цель первого" and pair.version == 1


def test_concurrent_order_edits_do_not_lose_an_update(client, programme, curator):
    order = orders.create_order(programme, "implementation", by=curator)
    url = reverse("reports:order_edit", args=[order.pk])
    data = {
        "title": order.title,
        "preamble": order.preamble,
        "points_text": "Пункт один.",
        "signer_position": "Директор",
        "signer_name": "Е.П. Воронцова",
        "version": order.version,
    }
    client.force_login(curator)
    assert client.post(url, data).status_code == 302
    # The same form, still open in a second tab with the version it was opened with.
    clash = client.post(url, {**data, "points_text": "Пункт из второй вкладки."})
    assert "изменил другой пользователь" in clash.content.decode()
    order.refresh_from_db()
    assert order.points == ["Пункт один."]
