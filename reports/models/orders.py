from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring.access import SchoolScopedQuerySet
from mentoring.concurrency import VersionField
from mentoring.models import Programme, School
from registry.models import Award, Mentor, Pair, SelectionCommission, TrainingCourse
from stages.models import OrderKind, RoadmapItem

from .events import WorkflowStep


def order_file_upload_to(order: "Order", filename: str) -> str:
    return f"orders/{order.school_id}/{order.number_year}/{filename}"


class OrderQuerySet(SchoolScopedQuerySet):
    def awaiting_approval(self):
        return self.filter(status=Order.Status.SUBMITTED)


class Order(models.Model):
    """A school's order (приказ): drafted by the curator, approved by the director, then frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        SUBMITTED = "submitted", "На утверждении у директора"
        RETURNED = "returned", "Возвращён на доработку"
        APPROVED = "approved", "Утверждён"

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="orders", verbose_name="школа"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="orders", verbose_name="программа"
    )
    kind = models.CharField("вид приказа", max_length=32, choices=OrderKind.choices)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основание)", blank=True)
    points = models.JSONField("пункты приказа", default=list)
    acquainted = models.JSONField("с приказом ознакомлены", default=list)
    signer_position = models.CharField("должность подписывающего", max_length=255)
    signer_name = models.CharField("подписывающий (Фамилия И.О.)", max_length=255)

    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="curator_orders",
        verbose_name="назначаемый куратор",
    )
    curator_position = models.CharField("должность куратора", max_length=255, blank=True)
    mentors = models.ManyToManyField(
        Mentor, blank=True, related_name="orders", verbose_name="наставники"
    )
    pairs = models.ManyToManyField(
        Pair, blank=True, related_name="orders", verbose_name="пары и группы"
    )
    awards = models.ManyToManyField(
        Award, blank=True, related_name="orders", verbose_name="поощрения"
    )
    commission = models.ForeignKey(
        SelectionCommission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name="конкурсная комиссия",
    )
    course = models.ForeignKey(
        TrainingCourse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name="курс «Школы наставников»",
    )
    roadmap_items = models.ManyToManyField(
        RoadmapItem, blank=True, related_name="orders", verbose_name="мероприятия дорожной карты"
    )

    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField("номер", null=True, blank=True)
    number_year = models.PositiveSmallIntegerField("год нумерации", null=True, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="утвердил",
    )
    approved_at = models.DateTimeField("утверждён", null=True, blank=True)
    frozen_content = models.JSONField("текст утверждённого приказа", null=True, blank=True)
    pdf_file = models.FileField("PDF", upload_to=order_file_upload_to, blank=True, max_length=500)
    docx_file = models.FileField("DOCX", upload_to=order_file_upload_to, blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="подготовил",
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    version = VersionField()

    school_path = "programme__school"
    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-number_year", "-number", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="order_number_unique_per_school_year",
            ),
            models.CheckConstraint(
                condition=Q(status="approved", number__isnull=False, order_date__isnull=False)
                | ~Q(status="approved"),
                name="approved_order_has_number_and_date",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"Приказ от {self.order_date:%d.%m.%Y} № {self.number} «{self.title}»"
        return f"Проект приказа «{self.title}»"

    def get_absolute_url(self):
        return reverse("reports:order_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def reference(self) -> str:
        """«Приказ от 01.09.2026 № 12», the basis written into the records it changes."""
        if not self.is_approved:
            return ""
        return f"Приказ от {self.order_date:%d.%m.%Y} № {self.number}"


class OrderEvent(WorkflowStep):
    """One step of an order's way: created, submitted, returned (with the comment), approved."""

    class Action(models.TextChoices):
        CREATED = "created", "Создан проект"
        EDITED = "edited", "Изменён"
        SUBMITTED = "submitted", "Передан на утверждение"
        RETURNED = "returned", "Возвращён на доработку"
        APPROVED = "approved", "Утверждён"

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="events", verbose_name="приказ"
    )
    action = models.CharField("действие", max_length=16, choices=Action.choices)

    school_path = "order__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta(WorkflowStep.Meta):
        verbose_name = "шаг согласования приказа"
        verbose_name_plural = "история приказов"

    def __str__(self):
        return f"{self.get_action_display()} — {self.order}"
