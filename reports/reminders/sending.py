"""Mailing the reminders: each thing once (``SentReminder``), as the recipient chose
(``NotificationSettings``), with a one-click unsubscribe link."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import NotificationSettings, ReminderKind, SentReminder
from . import digest, meetings, monthly, roadmap, surveys
from .base import Line, Reminder

logger = logging.getLogger(__name__)

# The order of the daily run; the digest last, as a summary.
KINDS = [
    (ReminderKind.ROADMAP, roadmap),
    (ReminderKind.MONTHLY, monthly),
    (ReminderKind.SURVEYS, surveys),
    (ReminderKind.MEETINGS, meetings),
    (ReminderKind.DIGEST, digest),
]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def collect(day: datetime.date, schools=None, kinds=None) -> list[Reminder]:
    found = []
    for kind, module in KINDS:
        if kinds is None or kind in kinds:
            found.extend(module.collect(day, schools))
    return found


def settings_for(reminders: list[Reminder]) -> dict[tuple, NotificationSettings]:
    """Each recipient's settings, created with the defaults where missing (a fixed number of
    queries)."""
    user_ids = {r.user.pk for r in reminders if r.user is not None}
    emails = {r.email.lower() for r in reminders if r.user is None and r.email}

    def load():
        rows = NotificationSettings.objects.filter(
            Q(user_id__in=user_ids) | Q(user__isnull=True, email__in=emails)
        )
        return {("user", s.user_id) if s.user_id else ("email", s.email): s for s in rows}

    found = load()
    missing = [NotificationSettings(user_id=pk) for pk in user_ids if ("user", pk) not in found]
    missing += [NotificationSettings(email=e) for e in emails if ("email", e) not in found]
    if missing:
        NotificationSettings.objects.bulk_create(missing, ignore_conflicts=True)
        found = load()
    return found


def unsubscribe_url(choice: NotificationSettings, kind: str) -> str:
    path = reverse("reports:unsubscribe", args=[choice.unsubscribe_token])
    return absolute(f"{path}?{urlencode({'kind': kind})}")


def _claims(reminder: Reminder) -> list[tuple[str, str]]:
    if reminder.once:
        return [reminder.once]
    return list(dict.fromkeys((line.object_key, line.period_key) for line in reminder.lines))


def _claim(reminder: Reminder, keys: list[tuple[str, str]]) -> list[SentReminder]:
    """Insert the rows before sending; a key someone already holds is skipped."""
    rows = []
    for object_key, period_key in keys:
        try:
            with transaction.atomic():
                rows.append(
                    SentReminder.objects.create(
                        email=reminder.email.lower(),
                        user=reminder.user,
                        kind=reminder.kind,
                        object_key=object_key,
                        period_key=period_key,
                    )
                )
        except IntegrityError:
            continue
    return rows


def render(reminder: Reminder, choice: NotificationSettings) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(choice, reminder.kind)
    context = {
        "reminder": reminder,
        "lines": [
            {"text": line.text, "url": absolute(line.url) if line.url else ""}
            for line in reminder.lines
        ],
        "kind_label": ReminderKind(reminder.kind).label,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("reports:notification_settings")) if reminder.user else "",
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=render_to_string("reports/reminders/mail.txt", context),
        to=[reminder.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("reports/reminders/mail.html", context), "text/html"
    )
    return message


def send_all(day: datetime.date, schools=None, kinds=None) -> Counter:
    """Collect and mail every reminder due on ``day``; counts of mails sent by kind."""
    reminders = [r for r in collect(day, schools, kinds) if r.email and r.lines]
    choices = settings_for(reminders)
    already = set(
        SentReminder.objects.filter(
            email__in={r.email.lower() for r in reminders},
            kind__in={r.kind for r in reminders},
        ).values_list("email", "kind", "object_key", "period_key")
    )
    sent: Counter = Counter()
    connection = get_connection()
    try:
        for reminder in reminders:
            choice = choices.get(reminder.recipient_key)
            if choice is None or not choice.wants(reminder.kind):
                continue
            email = reminder.email.lower()
            keys = [k for k in _claims(reminder) if (email, reminder.kind, *k) not in already]
            rows = _claim(reminder, keys)
            if not rows:
                continue
            if not reminder.once:
                claimed = {(row.object_key, row.period_key) for row in rows}
                reminder.lines = [
                    line for line in reminder.lines if (line.object_key, line.period_key) in claimed
                ]
            try:
                message = render(reminder, choice)
                message.connection = connection
                message.send()
            except Exception:
                logger.exception("Напоминание не отправлено: %s", reminder.email)
                SentReminder.objects.filter(pk__in=[row.pk for row in rows]).delete()
                sent["failed"] += 1
                continue
            SentReminder.objects.filter(pk__in=[row.pk for row in rows]).update(
                sent_at=timezone.now()
            )
            sent[reminder.kind] += 1
    finally:
        connection.close()
    return sent


__all__ = ["KINDS", "Line", "collect", "send_all", "settings_for", "unsubscribe_url"]
