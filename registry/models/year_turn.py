from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme


class YearTurn(models.Model):
    """That a school's new academic year was started from the previous one (services/year_turn).

    One per old programme: a second run finds it and changes nothing. The summary holds numbers
    only (no names), so anonymisation has nothing to clean here.
    """

    from_programme = models.OneToOneField(
        Programme,
        on_delete=models.PROTECT,
        related_name="year_turn",
        verbose_name="программа прошлого года",
    )
    to_programme = models.OneToOneField(
        Programme,
        on_delete=models.PROTECT,
        related_name="year_turned_from",
        verbose_name="программа нового года",
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто начал новый учебный год",
    )
    done_at = models.DateTimeField("когда", auto_now_add=True)
    summary = models.JSONField("итоги переноса", default=dict)

    school_path = "from_programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "переход к новому учебному году"
        verbose_name_plural = "переходы к новому учебному году"
        ordering = ["-done_at"]

    def __str__(self):
        return f"{self.from_programme} → {self.to_programme.year.name}"
