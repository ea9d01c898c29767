from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import School


class Partner(models.Model):
    """An employer or organisation invited to give mentors (сид 004: письмо-обращение)."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="partners", verbose_name="школа"
    )
    name = models.CharField("организация", max_length=500)
    head_position = models.CharField(
        "должность руководителя", max_length=255, default="Директор", blank=True
    )
    head_name = models.CharField("ФИО руководителя", max_length=255, blank=True)
    contact_person = models.CharField("контактное лицо", max_length=255, blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    letter_sent_on = models.DateField("письмо-обращение отправлено", null=True, blank=True)
    agreement_signed_on = models.DateField(
        "соглашение о партнёрстве подписано", null=True, blank=True
    )
    agreement_note = models.CharField("реквизиты соглашения", max_length=255, blank=True)
    notes = models.TextField("примечание", blank=True)
    created_at = models.DateTimeField("добавлена", auto_now_add=True)

    school_path = "school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "организация-партнёр"
        verbose_name_plural = "организации-партнёры"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def stage(self) -> str:
        if self.agreement_signed_on:
            return "Соглашение подписано"
        if self.letter_sent_on:
            return "Письмо отправлено"
        return "Письмо не отправлено"
