import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from mentoring.access import SchoolScopedQuerySet

from .people import Participant

DEFAULT_CERTIFICATE_VALIDITY_DAYS = 365


def scan_upload_to(instance, filename: str) -> str:
    return f"scans/school-{instance.participant.school_id}/{filename}"


class ConsentQuerySet(SchoolScopedQuerySet):
    def active(self):
        return self.filter(withdrawn_on__isnull=True)


class Consent(models.Model):
    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", "Согласие на обработку персональных данных"
        PARTICIPATION = "participation", "Согласие на участие в программе наставничества"
        TEACHER_MENTORING = (
            "teacher_mentoring",
            "Письменное согласие педагога на осуществление наставничества",
        )

    class GivenBy(models.TextChoices):
        SELF = "self", "Лично участником"
        REPRESENTATIVE = "representative", "Родителем (законным представителем)"

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consents", verbose_name="участник"
    )
    kind = models.CharField("вид согласия", max_length=32, choices=Kind.choices)
    given_by = models.CharField("кем дано", max_length=16, choices=GivenBy.choices)
    representative_name = models.CharField(
        "ФИО родителя (законного представителя)", max_length=255, blank=True
    )
    signed_on = models.DateField("дата согласия")
    scan = models.FileField("скан", upload_to=scan_upload_to, blank=True, max_length=500)
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    notes = models.CharField("примечание", max_length=500, blank=True)
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем внесено",
    )

    school_path = "participant__school"
    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие"
        verbose_name_plural = "согласия"
        ordering = ["participant", "kind", "-signed_on"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.participant}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    def clean(self):
        errors = {}
        if self.given_by == self.GivenBy.REPRESENTATIVE and not self.representative_name.strip():
            errors["representative_name"] = "Укажите ФИО родителя (законного представителя)."
        participant = getattr(self, "participant", None)
        if participant is not None:
            if participant.is_minor(self.signed_on) and self.given_by == self.GivenBy.SELF:
                errors["given_by"] = (
                    "Участник несовершеннолетний: согласие даёт родитель (законный представитель)."
                )
            if (
                self.kind == self.Kind.TEACHER_MENTORING
                and participant.kind != Participant.Kind.TEACHER
            ):
                errors["kind"] = "Согласие на осуществление наставничества дают только педагоги."
        if self.signed_on and self.signed_on > timezone.localdate():
            errors["signed_on"] = "Дата согласия не может быть в будущем."
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = "Согласие не может быть отозвано раньше, чем дано."
        if errors:
            raise ValidationError(errors)


class CertificateQuerySet(SchoolScopedQuerySet):
    def valid(self, today: datetime.date | None = None):
        return self.filter(valid_until__gte=today or timezone.localdate())


class Certificate(models.Model):
    class Kind(models.TextChoices):
        CRIMINAL_RECORD = (
            "criminal_record",
            "Справка об отсутствии судимости",
        )
        MEDICAL = "medical", "Медицинская справка"

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name="участник",
    )
    kind = models.CharField("вид справки", max_length=32, choices=Kind.choices)
    number = models.CharField("номер", max_length=100, blank=True)
    issued_on = models.DateField("дата выдачи")
    valid_until = models.DateField(
        "действительна до",
        blank=True,
        help_text="Если не указано — год с даты выдачи",
    )
    scan = models.FileField("скан", upload_to=scan_upload_to, blank=True, max_length=500)
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем внесено",
    )

    school_path = "participant__school"
    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "справка"
        verbose_name_plural = "справки"
        ordering = ["participant", "kind", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("issued_on")),
                name="certificate_valid_after_issue",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.participant}"

    def save(self, *args, **kwargs):
        if self.valid_until is None and self.issued_on:
            self.valid_until = self.issued_on + datetime.timedelta(
                days=DEFAULT_CERTIFICATE_VALIDITY_DAYS
            )
        super().save(*args, **kwargs)

    def is_valid(self, today: datetime.date | None = None) -> bool:
        return self.valid_until >= (today or timezone.localdate())

    def clean(self):
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": "Дата выдачи не может быть в будущем."})
        if self.valid_until and self.issued_on and self.valid_until < self.issued_on:
            raise ValidationError(
                {"valid_until": "Срок действия не может закончиться раньше даты выдачи."}
            )
