import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme, School
from mentoring.periods import month_name

from .events import WorkflowStep

# сид 002, раздел 9, item 4.2: the municipal centre monitors the schools monthly on the 25th.
CUTOFF_DAY = 25


def cutoff_of(period: datetime.date) -> datetime.date:
    return period.replace(day=CUTOFF_DAY)


class MonthlyReport(models.Model):
    """A school's monthly monitoring report to the municipal centre (МНЦ).

    Its figures are a snapshot: taken when the curator opens or refreshes it, kept as they were
    once the centre accepts it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Готовится"
        SUBMITTED = "submitted", "Сдан в МНЦ"
        RETURNED = "returned", "Возвращён на доработку"
        ACCEPTED = "accepted", "Принят"

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="monthly_reports", verbose_name="школа"
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="monthly_reports",
        verbose_name="программа",
    )
    period = models.DateField("месяц", help_text="Первое число отчётного месяца")
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField("показатели", default=dict)
    figures_taken_at = models.DateTimeField("показатели сняты", null=True, blank=True)
    comment = models.TextField("комментарий школы", blank=True)
    submitted_at = models.DateTimeField("сдан", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="сдал",
    )
    reviewed_at = models.DateTimeField("рассмотрен", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="рассмотрел",
    )
    created_at = models.DateTimeField("открыт", auto_now_add=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "ежемесячный отчёт"
        verbose_name_plural = "ежемесячные отчёты"
        ordering = ["-period", "school__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="one_report_per_month"),
            models.CheckConstraint(
                condition=models.Q(period__day=1), name="report_period_is_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.school.short_name}: отчёт за {self.period_name}"

    def get_absolute_url(self):
        return reverse("reports:monthly_report", args=[self.pk])

    @property
    def period_name(self) -> str:
        return month_name(self.period)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class MonthlyReportEvent(WorkflowStep):
    class Action(models.TextChoices):
        OPENED = "opened", "Открыт"
        REFRESHED = "refreshed", "Показатели обновлены"
        SUBMITTED = "submitted", "Сдан в МНЦ"
        RETURNED = "returned", "Возвращён на доработку"
        ACCEPTED = "accepted", "Принят"
        REOPENED = "reopened", "Открыт МНЦ для исправления"

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="events", verbose_name="отчёт"
    )
    action = models.CharField("действие", max_length=16, choices=Action.choices)

    school_path = "report__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta(WorkflowStep.Meta):
        verbose_name = "шаг ежемесячного отчёта"
        verbose_name_plural = "история ежемесячных отчётов"

    def __str__(self):
        return f"{self.get_action_display()} — {self.report}"
