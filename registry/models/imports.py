from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme


def import_upload_to(instance, filename: str) -> str:
    return f"imports/programme-{instance.programme_id}/{filename}"


class ImportBatch(models.Model):
    """An uploaded Excel file of a base: previewed first, then imported whole or in part."""

    class Kind(models.TextChoices):
        MENTORS = "mentors", "База наставников"
        MENTEES = "mentees", "База наставляемых"

    class Status(models.TextChoices):
        PREVIEW = "preview", "Проверен, ожидает решения"
        IMPORTED = "imported", "Загружен"
        CANCELLED = "cancelled", "Отменён"

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="import_batches", verbose_name="программа"
    )
    kind = models.CharField("что загружается", max_length=16, choices=Kind.choices)
    file = models.FileField("файл", upload_to=import_upload_to, max_length=500)
    original_name = models.CharField("имя файла", max_length=255)
    status = models.CharField(
        "статус", max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    total_rows = models.PositiveIntegerField("строк с данными", default=0)
    valid_rows = models.PositiveIntegerField("строк без ошибок", default=0)
    imported_rows = models.PositiveIntegerField("загружено строк", default=0)
    errors = models.JSONField("ошибки", default=list, blank=True)
    # The file is parsed once: its rows as read and checked (removed when the batch is closed),
    # the rows that are not people, and what was found (format, sheet, header, counts).
    rows = models.JSONField("прочитанные строки", default=list, blank=True)
    skipped = models.JSONField("пропущенные строки", default=list, blank=True)
    details = models.JSONField("сведения о файле", default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="кто загрузил",
    )
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    finished_at = models.DateTimeField("обработан", null=True, blank=True)

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "загрузка из Excel"
        verbose_name_plural = "загрузки из Excel"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"
