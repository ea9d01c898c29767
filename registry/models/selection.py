from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme

from .bases import Mentor

COMMISSION_MIN_MEMBERS = 3
COMMISSION_MAX_MEMBERS = 5


class SelectionCommission(models.Model):
    """The competition commission (конкурсная комиссия) that selects mentors for a programme."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="commission",
        verbose_name="программа",
    )
    formed_on = models.DateField("дата создания", null=True, blank=True)
    order_note = models.CharField(
        "основание",
        max_length=255,
        blank=True,
        help_text="Приказ о создании конкурсной комиссии",
    )

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "конкурсная комиссия"
        verbose_name_plural = "конкурсные комиссии"

    def __str__(self):
        return f"Конкурсная комиссия: {self.programme}"


class CommissionMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Председатель (руководитель ОО)"
        CURATOR = "curator", "Куратор"
        MEMBER = "member", "Член комиссии"

    commission = models.ForeignKey(
        SelectionCommission,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name="комиссия",
    )
    full_name = models.CharField("ФИО", max_length=255)
    position = models.CharField("должность", max_length=255, blank=True)
    role = models.CharField("роль в комиссии", max_length=16, choices=Role.choices)
    position_order = models.PositiveSmallIntegerField("порядок", default=0)

    school_path = "commission__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "член комиссии"
        verbose_name_plural = "члены комиссии"
        ordering = ["commission", "position_order", "id"]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class Interview(models.Model):
    """The commission's interview (собеседование) with a candidate mentor."""

    class Readiness(models.TextChoices):
        HIGH = "high", "Высокая"
        SUFFICIENT = "sufficient", "Достаточная"
        LOW = "low", "Недостаточная"

    class Decision(models.TextChoices):
        RECOMMEND = "recommend", "Рекомендовать к включению в реестр наставников"
        REJECT = "reject", "Не рекомендовать"
        POSTPONE = "postpone", "Провести повторное собеседование"

    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, related_name="interviews", verbose_name="наставник"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="interviews", verbose_name="программа"
    )
    held_on = models.DateField("дата собеседования")
    readiness = models.CharField(
        "психологическая готовность", max_length=16, choices=Readiness.choices
    )
    decision = models.CharField("решение", max_length=16, choices=Decision.choices)
    notes = models.TextField("заключение комиссии", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем внесено",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "собеседование"
        verbose_name_plural = "собеседования"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Собеседование {self.held_on:%d.%m.%Y}: {self.mentor}"
