import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from mentoring.access import SchoolScopedQuerySet
from mentoring.declension import initials
from mentoring.models import School

ADULT_AGE = 18


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


class ParticipantQuerySet(SchoolScopedQuerySet):
    def minors(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        try:
            cutoff = today.replace(year=today.year - ADULT_AGE)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - ADULT_AGE, day=28)
        return self.filter(birth_date__gt=cutoff)

    def search(self, text: str):
        for word in text.split():
            self = self.filter(
                models.Q(last_name__icontains=word)
                | models.Q(first_name__icontains=word)
                | models.Q(middle_name__icontains=word)
            )
        return self


class Participant(models.Model):
    """A person once per school, whatever roles they take over the years."""

    class Kind(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог"
        PARENT = "parent", "Родитель"
        GRADUATE = "graduate", "Выпускник"
        PROFESSIONAL = "professional", "Профессионал, общественный деятель"
        EMPLOYER_SPECIALIST = "employer_specialist", "Специалист предприятия-партнёра"

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="participants", verbose_name="школа"
    )
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    kind = models.CharField("категория участника", max_length=32, choices=Kind.choices)
    class_name = models.CharField(
        "класс", max_length=10, blank=True, help_text="Для обучающихся, например «7Б»"
    )
    grade = models.PositiveSmallIntegerField(
        "параллель", null=True, blank=True, help_text="Номер класса, вычисляется из поля «класс»"
    )
    position = models.CharField("должность", max_length=255, blank=True)
    subject = models.CharField("предмет", max_length=255, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        "педагогический стаж, лет", null=True, blank=True
    )
    organisation = models.CharField(
        "организация", max_length=255, blank=True, help_text="Для внешних участников"
    )
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    notes = models.TextField("примечание", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name="учётная запись",
    )
    created_at = models.DateTimeField("добавлен", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменён",
    )

    school_path = "school"
    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участники"
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [models.Index(fields=["school", "last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.grade = grade_of(self.class_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("registry:participant_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        return f"{self.last_name} {initials(self.first_name, self.middle_name)}".strip()

    def age(self, today: datetime.date | None = None) -> int | None:
        if not self.birth_date:
            return None
        return age_on(self.birth_date, today or timezone.localdate())

    def is_minor(self, today: datetime.date | None = None) -> bool:
        """Under 18 today. A student without a birth date is treated as a minor."""
        age = self.age(today)
        if age is None:
            return self.kind == self.Kind.STUDENT
        return age < ADULT_AGE

    @property
    def is_external(self) -> bool:
        return self.kind in (
            self.Kind.GRADUATE,
            self.Kind.PROFESSIONAL,
            self.Kind.EMPLOYER_SPECIALIST,
        )

    @property
    def description(self) -> str:
        """Class for students, position and subject for teachers, organisation for others."""
        if self.kind == self.Kind.STUDENT:
            return f"{self.class_name} класс" if self.class_name else "обучающийся"
        if self.kind == self.Kind.TEACHER:
            return ", ".join(p for p in (self.position, self.subject) if p) or "педагог"
        return self.organisation or self.get_kind_display()


def grade_of(class_name: str) -> int | None:
    digits = ""
    for char in class_name.strip():
        if char.isdigit():
            digits += char
        else:
            break
    return int(digits) if digits and 1 <= int(digits) <= 11 else None
