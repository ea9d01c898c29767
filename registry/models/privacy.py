from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet

from .people import Participant


class AnonymisationRecord(models.Model):
    """That a person's data was anonymised on request (152-ФЗ), by whom, when and why."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.PROTECT,
        related_name="anonymisation",
        verbose_name="участник",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="кто обезличил",
    )
    at = models.DateTimeField("когда", auto_now_add=True)
    reason = models.TextField("основание")

    school_path = "participant__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "обезличивание персональных данных"
        verbose_name_plural = "обезличивания персональных данных"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.participant}: обезличен {self.at:%d.%m.%Y}"
