from django.db import models

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import School

from ..declension import Decliner


class NameOverrideQuerySet(SchoolScopedQuerySet):
    def as_mapping(self) -> dict[str, dict[str, str]]:
        """{nominative full name: {case: form}} for ``reports.declension.Decliner``."""
        mapping = {}
        for override in self:
            forms = {case: getattr(override, case) for case in NameOverride.CASE_FIELDS}
            mapping[override.nominative] = {case: text for case, text in forms.items() if text}
        return mapping


class NameOverride(models.Model):
    """A person's name in the cases, typed by the school where automatic declension is wrong."""

    CASE_FIELDS = ("genitive", "dative", "accusative", "instrumental", "prepositional")

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="name_overrides", verbose_name="школа"
    )
    nominative = models.CharField(
        "ФИО (именительный падеж)", max_length=255, help_text="Фамилия Имя Отчество"
    )
    genitive = models.CharField("родительный (кого?)", max_length=255, blank=True)
    dative = models.CharField("дательный (кому?)", max_length=255, blank=True)
    accusative = models.CharField("винительный (кого?)", max_length=255, blank=True)
    instrumental = models.CharField("творительный (кем?)", max_length=255, blank=True)
    prepositional = models.CharField("предложный (о ком?)", max_length=255, blank=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    school_path = "school"
    objects = NameOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = "склонение ФИО"
        verbose_name_plural = "склонение ФИО"
        ordering = ["nominative"]
        constraints = [
            models.UniqueConstraint(fields=["school", "nominative"], name="one_override_per_name")
        ]

    def __str__(self):
        return self.nominative

    def save(self, *args, **kwargs):
        self.nominative = " ".join(self.nominative.split())
        super().save(*args, **kwargs)


def decliner_for(school: School) -> Decliner:
    """The decliner with the school's own corrections."""
    return Decliner(NameOverride.objects.filter(school=school).as_mapping())
