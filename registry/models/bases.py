from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme, School

from .people import Participant


class Competency(models.Model):
    """A tag of the mentor base: a competency or a subject («математика», «проектная работа»)."""

    name = models.CharField("название", max_length=100, unique=True)

    class Meta:
        verbose_name = "компетенция"
        verbose_name_plural = "компетенции и предметы"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def from_text(cls, text: str) -> list["Competency"]:
        """«Математика; олимпиады, проекты» → three tags, created when new."""
        names = []
        for part in text.replace(";", ",").split(","):
            name = " ".join(part.split()).lower()
            if name and name not in names:
                names.append(name[:100])
        return [cls.objects.get_or_create(name=name)[0] for name in names]


class RequestCategory(models.Model):
    """A category of the request map (карта запросов); reference data from the methodology."""

    class Audience(models.TextChoices):
        STUDENT = "student", "Обучающиеся"
        TEACHER = "teacher", "Педагоги"

    code = models.CharField("код", max_length=32, unique=True)
    name = models.CharField("название", max_length=255)
    audience = models.CharField("для кого", max_length=16, choices=Audience.choices)
    sensitive = models.BooleanField(
        "чувствительная категория",
        default=False,
        help_text="Видна только куратору и директору школы",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "категория запроса"
        verbose_name_plural = "категории запросов"
        ordering = ["audience", "position"]

    def __str__(self):
        return self.name


class Mentor(models.Model):
    """An entry of the long-term mentor base of a school."""

    class Contour(models.TextChoices):
        INTERNAL = "internal", "Внутренний контур"
        EXTERNAL = "external", "Внешний контур"

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Кандидат"
        INTERVIEWED = "interviewed", "Прошёл собеседование"
        SELECTED = "selected", "В реестре наставников"
        TRAINED = "trained", "Прошёл обучение"
        ACTIVE = "active", "Работает с наставляемыми"
        INACTIVE = "inactive", "Не участвует"

    # Statuses of a mentor who is in the registry (selected or later).
    IN_REGISTRY = (Status.SELECTED, Status.TRAINED, Status.ACTIVE)

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="mentors", verbose_name="школа"
    )
    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="mentor", verbose_name="участник"
    )
    contour = models.CharField("контур", max_length=16, choices=Contour.choices)
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="mentors", verbose_name="компетенции и предметы"
    )
    offer = models.TextField("Чем я могу быть полезен", blank=True)
    capacity = models.PositiveSmallIntegerField(
        "наставляемых не более",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    status = models.CharField(
        "статус", max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    status_changed_at = models.DateTimeField("статус изменён", auto_now_add=True)
    registry_note = models.CharField(
        "основание включения в реестр",
        max_length=255,
        blank=True,
        help_text="Например, приказ об утверждении реестра наставников",
    )
    portfolio = models.TextField("портфолио: достижения", blank=True)
    former_mentee = models.BooleanField("бывший наставляемый", default=False)
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
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "база наставников"
        ordering = ["participant__last_name", "participant__first_name"]

    def __str__(self):
        return str(self.participant)

    def get_absolute_url(self):
        return reverse("registry:mentor_detail", args=[self.pk])

    @property
    def in_registry(self) -> bool:
        return self.status in self.IN_REGISTRY


def portfolio_upload_to(instance, filename: str) -> str:
    return f"portfolio/school-{instance.mentor.school_id}/{filename}"


class PortfolioFile(models.Model):
    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, related_name="files", verbose_name="наставник"
    )
    title = models.CharField("название", max_length=255)
    file = models.FileField("файл", upload_to=portfolio_upload_to, max_length=500)
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    school_path = "mentor__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "файл портфолио"
        verbose_name_plural = "файлы портфолио"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class MenteeQuerySet(SchoolScopedQuerySet):
    pass


class Mentee(models.Model):
    """An entry of the mentee base of a programme year, with the request."""

    class Priority(models.TextChoices):
        HIGH = "high", "Высокий"
        NORMAL = "normal", "Обычный"
        LOW = "low", "Низкий"

    class Status(models.TextChoices):
        WAITING = "waiting", "Ожидает наставника"
        PAIRED = "paired", "В паре или группе"
        COMPLETED = "completed", "Завершил программу"
        LEFT = "left", "Выбыл"

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="mentees", verbose_name="программа"
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="mentee_entries",
        verbose_name="участник",
    )
    categories = models.ManyToManyField(
        RequestCategory, blank=True, related_name="mentees", verbose_name="категории запроса"
    )
    request_text = models.TextField("запрос своими словами", blank=True)
    priority = models.CharField(
        "приоритет", max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        "статус", max_length=16, choices=Status.choices, default=Status.WAITING
    )
    status_changed_at = models.DateTimeField("статус изменён", auto_now_add=True)
    source = models.CharField(
        "источник запроса",
        max_length=255,
        blank=True,
        help_text="Анкета, диагностическая беседа, классный руководитель, педагог-психолог…",
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

    school_path = "programme__school"
    objects = MenteeQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "база наставляемых"
        ordering = ["participant__last_name", "participant__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "participant"], name="mentee_once_per_programme"
            )
        ]

    def __str__(self):
        return str(self.participant)

    def get_absolute_url(self):
        return reverse("registry:mentee_detail", args=[self.pk])
