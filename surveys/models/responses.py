import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme
from registry.models import Pair, Participant

from .questionnaires import Question, Questionnaire


class Phase(models.TextChoices):
    NONE = "", "—"
    INPUT = "input", "На входе в программу"
    OUTPUT = "output", "На выходе из программы"


class Occasion(models.TextChoices):
    NONE = "", "—"
    PULSE = "pulse", "Пульс отношений в паре"
    EXIT = "exit", "Завершение работы пары"


class Distribution(models.Model):
    """A questionnaire sent to respondents of a programme, with a deadline.

    The relationship pulse and the exit questionnaires are sent to one pair each
    (surveys/services/pulse.py): ``pair`` and ``occasion`` say which, ``pulse_month`` the point of
    the pulse schedule; the constraints keep each point once per pair.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="distributions", verbose_name="анкета"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="distributions", verbose_name="программа"
    )
    title = models.CharField("название рассылки", max_length=255)
    phase = models.CharField(
        "этап мониторинга", max_length=16, choices=Phase.choices, blank=True, default=""
    )
    deadline = models.DateField("ответить до")
    occasion = models.CharField(
        "повод", max_length=16, choices=Occasion.choices, blank=True, default=""
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_distributions",
        verbose_name="пара (группа)",
    )
    pulse_month = models.PositiveSmallIntegerField(
        "месяц работы пары", null=True, blank=True, help_text="Для пульса отношений: 1, 3, 6, 9…"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто разослал",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "рассылка анкеты"
        verbose_name_plural = "рассылки анкет"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "pulse_month"],
                condition=models.Q(occasion="pulse"),
                name="one_pulse_per_pair_point",
            ),
            models.UniqueConstraint(
                fields=["pair", "questionnaire"],
                condition=models.Q(occasion="exit"),
                name="one_exit_questionnaire_per_pair",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:distribution_detail", args=[self.pk])


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """One respondent of a distribution: by account (user) or by a personal link (token)."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="invitations", verbose_name="рассылка"
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="участник",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="учётная запись",
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="пара (группа)",
    )
    respondent_name = models.CharField("кому", max_length=255)
    token = models.CharField("ключ ссылки", max_length=64, unique=True, default=new_token)
    expires_at = models.DateTimeField("ссылка действует до")
    answered_at = models.DateTimeField("ответ получен", null=True, blank=True)

    school_path = "distribution__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "приглашение ответить"
        verbose_name_plural = "приглашения ответить"
        ordering = ["distribution", "respondent_name"]

    def __str__(self):
        return f"{self.respondent_name}: {self.distribution}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Response(models.Model):
    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="responses", verbose_name="рассылка"
    )
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name="приглашение",
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name="участник",
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name="пара (группа)",
    )
    phase = models.CharField("этап мониторинга", max_length=16, choices=Phase.choices, blank=True)
    submitted_at = models.DateTimeField("получен", default=timezone.now)

    school_path = "distribution__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"Ответ {self.submitted_at:%d.%m.%Y}: {self.distribution}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name="ответ"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name="вопрос"
    )
    text = models.TextField("текст", blank=True)
    number = models.SmallIntegerField(
        "число", null=True, blank=True, help_text="Шкала 1–10; да = 1, нет = 0"
    )
    choices = models.JSONField("выбранные варианты", default=list, blank=True)

    school_path = "response__distribution__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.text or self.number or ', '.join(self.choices)}"
