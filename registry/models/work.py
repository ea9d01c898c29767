from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme

from .bases import Mentee, Mentor
from .pairs import MentoringForm, Pair


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ACQUAINTANCE = "acquaintance", "Встреча-знакомство"
        TRIAL = "trial", "Пробная рабочая встреча"
        PLANNING = "planning", "Встреча-планирование"
        WORKING = "working", "Рабочая встреча"
        FINAL = "final", "Итоговая встреча"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "Очно"
        ONLINE = "online", "Дистанционно"

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="meetings", verbose_name="пара (группа)"
    )
    kind = models.CharField(
        "вид встречи", max_length=16, choices=Kind.choices, default=Kind.WORKING
    )
    held_on = models.DateField("дата")
    starts_at = models.TimeField(
        "время начала", null=True, blank=True, help_text="Для запланированной встречи"
    )
    format = models.CharField(
        "формат", max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    topic = models.CharField("тема", max_length=500)
    outcome = models.TextField("итог встречи", blank=True)
    duration_minutes = models.PositiveSmallIntegerField("длительность, мин", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем внесено",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    school_path = "pair__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["pair", "held_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"

    def is_planned(self, today) -> bool:
        """A meeting dated after ``today`` is planned, not yet held."""
        return self.held_on > today


class DiaryEntry(models.Model):
    """An entry of the mentor's diary (дневник наставника) or the mentee's diary."""

    class Diary(models.TextChoices):
        MENTOR = "mentor", "Дневник наставника"
        MENTEE = "mentee", "Дневник наставляемого"

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="diary", verbose_name="пара (группа)"
    )
    diary = models.CharField("дневник", max_length=16, choices=Diary.choices)
    mentee = models.ForeignKey(
        Mentee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="diary_entries",
        verbose_name="наставляемый",
        help_text="Для дневника наставляемого",
    )
    written_on = models.DateField("дата")
    text = models.TextField("запись")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="автор",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    school_path = "pair__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "запись дневника"
        verbose_name_plural = "записи дневников"
        ordering = ["-written_on", "-id"]

    def __str__(self):
        return f"{self.get_diary_display()} {self.written_on:%d.%m.%Y}"


class DevelopmentPlan(models.Model):
    """The individual development plan (ИПР, индивидуальная траектория) of a mentee in a pair."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="plans", verbose_name="пара (группа)"
    )
    mentee = models.ForeignKey(
        Mentee, on_delete=models.CASCADE, related_name="plans", verbose_name="наставляемый"
    )
    goal = models.TextField("цель")
    created_at = models.DateTimeField("создан", auto_now_add=True)

    school_path = "pair__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "индивидуальный план развития"
        verbose_name_plural = "индивидуальные планы развития"
        constraints = [
            models.UniqueConstraint(fields=["pair", "mentee"], name="one_plan_per_mentee_in_pair")
        ]

    def __str__(self):
        return f"ИПР: {self.mentee}"


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        IN_PROGRESS = "in_progress", "В работе"
        DONE = "done", "Выполнено"
        DROPPED = "dropped", "Снято"

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="items", verbose_name="план"
    )
    task = models.CharField("задача", max_length=500)
    deadline = models.DateField("срок", null=True, blank=True)
    expected_result = models.CharField("ожидаемый результат", max_length=500, blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    progress_note = models.CharField("отметка о выполнении", max_length=500, blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    school_path = "plan__pair__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "задача плана"
        verbose_name_plural = "задачи плана"
        ordering = ["plan", "position", "id"]

    def __str__(self):
        return self.task


class Case(models.Model):
    """A best practice of the programme (база успешных практик)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cases", verbose_name="программа"
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="пара (группа)",
    )
    form = models.ForeignKey(
        MentoringForm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="форма",
    )
    title = models.CharField("название практики", max_length=255)
    what_was_done = models.TextField("что было сделано")
    results = models.TextField("результаты")
    publishable = models.BooleanField("можно публиковать", default=False)
    created_at = models.DateTimeField("добавлена", auto_now_add=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "успешная практика"
        verbose_name_plural = "база успешных практик"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Award(models.Model):
    class Kind(models.TextChoices):
        BEST_MENTOR = "best_mentor", "Грамота «Лучший наставник»"
        MENTOR_OF_YEAR = "mentor_of_year", "«Наставник года»"
        BEST_PAIR = "best_pair", "«Лучшая пара»"
        PARENTS_LETTER = "parents_letter", "Благодарственное письмо родителям"

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="awards", verbose_name="программа"
    )
    kind = models.CharField("вид поощрения", max_length=32, choices=Kind.choices)
    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="наставник",
    )
    pair = models.ForeignKey(
        Pair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="пара (группа)",
    )
    recipient_name = models.CharField(
        "кому", max_length=255, blank=True, help_text="Для письма родителям: ФИО родителей"
    )
    awarded_on = models.DateField("дата")
    note = models.CharField("формулировка", max_length=500, blank=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "поощрение"
        verbose_name_plural = "поощрения"
        ordering = ["-awarded_on"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.recipient_name or self.mentor or self.pair}"
