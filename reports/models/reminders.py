import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class ReminderKind(models.TextChoices):
    ROADMAP = "roadmap", "Сроки мероприятий дорожной карты"
    MONTHLY = "monthly", "Ежемесячный отчёт в МНЦ"
    SURVEYS = "surveys", "Приглашения ответить на анкеты"
    MEETINGS = "meetings", "Запланированные встречи"
    DIGEST = "digest", "Еженедельная сводка директору"


class NotificationSettings(models.Model):
    """Which reminders a person receives by e-mail; the token is the one-click unsubscribe key.

    A row per user account; a respondent without an account (a personal survey link sent to a
    participant's address) has a row by e-mail. The field names are the ``ReminderKind`` values.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_settings",
        verbose_name="пользователь",
    )
    email = models.EmailField("адрес без учётной записи", blank=True)
    roadmap = models.BooleanField(ReminderKind.ROADMAP.label, default=True)
    monthly = models.BooleanField(ReminderKind.MONTHLY.label, default=True)
    surveys = models.BooleanField(ReminderKind.SURVEYS.label, default=True)
    meetings = models.BooleanField(ReminderKind.MEETINGS.label, default=True)
    digest = models.BooleanField(ReminderKind.DIGEST.label, default=True)
    unsubscribe_token = models.CharField(
        "ключ отписки", max_length=64, unique=True, default=new_unsubscribe_token
    )
    updated_at = models.DateTimeField("изменены", auto_now=True)

    class Meta:
        verbose_name = "настройки напоминаний"
        verbose_name_plural = "настройки напоминаний"
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(user__isnull=True),
                name="notification_settings_one_per_address",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""),
                name="notification_settings_user_or_address",
            ),
        ]

    def __str__(self):
        return f"Напоминания: {self.user or self.email}"

    def wants(self, kind: str) -> bool:
        return getattr(self, ReminderKind(kind).value)


class SentReminder(models.Model):
    """One thing reminded of, to one address, once: a roadmap item's deadline, a month's report,
    an invitation, a meeting, a week's digest.

    The unique constraint is what makes the periodic run idempotent. The row is inserted (and
    committed) *before* the mail goes out: whoever inserts it first owns the sending, a second run
    or a concurrent one finds the row and skips. A crash between the insert and the sending loses
    that one reminder (``sent_at`` stays empty) rather than sending it twice; a refused sending
    (the SMTP server answers with an error) deletes the row, so the next run tries again.
    """

    email = models.EmailField("адрес")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="пользователь",
    )
    kind = models.CharField("вид", max_length=16, choices=ReminderKind.choices)
    object_key = models.CharField("о чём", max_length=64, help_text="Например: roadmap_item:12")
    period_key = models.CharField(
        "когда", max_length=32, help_text="Например: due:2026-12-01 или 2026-W48"
    )
    claimed_at = models.DateTimeField("записано", auto_now_add=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind", "object_key", "period_key"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email} ({self.object_key}, {self.period_key})"
