from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import School
from registry.models import Partner


class OutgoingDocument(models.Model):
    """An entry of the school's register of outgoing documents (журнал регистрации исходящих):
    a letter takes its number here, one after another within a calendar year."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="outgoing_documents", verbose_name="школа"
    )
    year = models.PositiveSmallIntegerField("год нумерации")
    number = models.PositiveIntegerField("исходящий номер")
    date = models.DateField("дата")
    addressee = models.CharField("адресат", max_length=500)
    subject = models.CharField("заголовок (о чём)", max_length=500)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_documents",
        verbose_name="организация-партнёр",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="зарегистрировал",
    )
    created_at = models.DateTimeField("зарегистрирован", auto_now_add=True)

    school_path = "school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "исходящий документ"
        verbose_name_plural = "журнал исходящих документов"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "number"], name="outgoing_number_unique_per_school_year"
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="outgoing_number_positive"),
        ]

    def __str__(self):
        return f"Исх. № {self.number} от {self.date:%d.%m.%Y} — {self.addressee}"
