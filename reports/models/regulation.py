from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme


class Regulation(models.Model):
    """The school's «Положение о наставничестве»: the shipped template, filled in by the school."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="regulation", verbose_name="программа"
    )
    sections = models.JSONField("разделы", default=list, help_text="[{heading, text}]")
    updated_at = models.DateTimeField("изменено", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменено",
    )

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "положение о наставничестве"
        verbose_name_plural = "положения о наставничестве"

    def __str__(self):
        return f"Положение о наставничестве: {self.programme}"
