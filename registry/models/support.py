from django.conf import settings
from django.db import models

from mentoring.access import SchoolScopedQuerySet

from .bases import Mentee
from .pairs import Pair


class SupportContact(models.Model):
    """The curator's check-in with a pair's mentor, mentee or a minor mentee's parent.

    Staff support of pairs (MENTOR, Elements of Effective Practice: monthly contact with the
    mentor, the mentee and the family) — regular contacts predict fewer early closures.
    """

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "Очно"
        PHONE = "phone", "Телефон"
        MESSENGER = "messenger", "Мессенджер"
        EMAIL = "email", "Электронная почта"
        VIDEO = "video", "Видеосвязь"

    class Person(models.TextChoices):
        MENTOR = "mentor", "Наставник"
        MENTEE = "mentee", "Наставляемый"
        PARENT = "parent", "Родитель (законный представитель)"

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="support_contacts", verbose_name="пара"
    )
    contacted_on = models.DateField("дата контакта")
    channel = models.CharField("способ связи", max_length=16, choices=Channel.choices)
    person = models.CharField("с кем", max_length=16, choices=Person.choices)
    mentee = models.ForeignKey(
        Mentee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_contacts",
        verbose_name="наставляемый",
        help_text="В группе: о каком наставляемом (с ним или с его родителем)",
    )
    notes = models.TextField("о чём говорили", blank=True)
    follow_up = models.CharField("что сделать дальше", max_length=500, blank=True)
    follow_up_on = models.DateField("срок", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем внесено",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    school_path = "pair__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "контакт с участниками пары"
        verbose_name_plural = "контакты с участниками пар"
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["pair", "contacted_on"])]

    def __str__(self):
        return f"{self.get_person_display()}, {self.contacted_on:%d.%m.%Y}"
