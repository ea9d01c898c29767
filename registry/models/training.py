from django.db import models
from django.urls import reverse

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme

from .bases import Mentor


class TrainingCourse(models.Model):
    """Training of mentors: the «Школа наставников», a refresher course (КПК) or a seminar."""

    class Kind(models.TextChoices):
        SCHOOL_OF_MENTORS = "school_of_mentors", "«Школа наставников»"
        REFRESHER = "refresher", "Курсы повышения квалификации (КПК)"
        SEMINAR = "seminar", "Семинар"

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="training_courses",
        verbose_name="программа",
    )
    kind = models.CharField(
        "вид обучения", max_length=32, choices=Kind.choices, default=Kind.SCHOOL_OF_MENTORS
    )
    title = models.CharField("название", max_length=255, default="Школа наставников")
    hours = models.PositiveSmallIntegerField("объём, часов")
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    organiser = models.CharField("кто проводит", max_length=255, blank=True)
    description = models.TextField("программа обучения", blank=True)
    participants = models.ManyToManyField(
        Mentor, blank=True, related_name="courses", verbose_name="слушатели"
    )

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "обучение наставников"
        verbose_name_plural = "обучение наставников"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("registry:course_detail", args=[self.pk])


class TrainingSession(models.Model):
    course = models.ForeignKey(
        TrainingCourse, on_delete=models.CASCADE, related_name="sessions", verbose_name="обучение"
    )
    held_on = models.DateField("дата")
    topic = models.CharField("тема занятия", max_length=500)
    hours = models.PositiveSmallIntegerField("часов", default=2)

    school_path = "course__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "занятие"
        verbose_name_plural = "занятия"
        ordering = ["course", "held_on", "id"]

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} {self.topic}"


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance", verbose_name="занятие"
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, related_name="attendance", verbose_name="наставник"
    )
    present = models.BooleanField("присутствовал", default=True)

    school_path = "session__course__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "посещение"
        verbose_name_plural = "посещаемость"
        constraints = [
            models.UniqueConstraint(fields=["session", "mentor"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.mentor}: {'присутствовал' if self.present else 'отсутствовал'}"


class TrainingCertificate(models.Model):
    course = models.ForeignKey(
        TrainingCourse,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name="обучение",
    )
    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.CASCADE,
        related_name="training_certificates",
        verbose_name="наставник",
    )
    number = models.CharField("номер удостоверения (сертификата)", max_length=100)
    hours = models.PositiveSmallIntegerField("часов")
    issued_on = models.DateField("дата выдачи")

    school_path = "course__programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "удостоверение об обучении"
        verbose_name_plural = "удостоверения об обучении"
        constraints = [
            models.UniqueConstraint(
                fields=["course", "mentor"], name="certificate_once_per_course"
            ),
            models.UniqueConstraint(
                fields=["course", "number"], name="certificate_number_unique_per_course"
            ),
        ]

    def __str__(self):
        return f"№ {self.number}: {self.mentor}"
