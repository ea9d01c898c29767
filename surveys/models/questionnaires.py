from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring import access
from mentoring.models import School


class QuestionnaireQuerySet(models.QuerySet):
    def for_user(self, user, permission="school.read"):
        """The methodology's standard questionnaires and the user's schools' own ones."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(school__isnull=True) | Q(school__in=access.schools_where(user, permission))
        )


class Questionnaire(models.Model):
    class Purpose(models.TextChoices):
        STUDENT_REQUESTS = "student_requests", "Выявление запросов обучающихся"
        TEACHER_REQUESTS = "teacher_requests", "Выявление запросов педагогов"
        MENTOR_TEACHER = "mentor_teacher", "Анкета наставника-учителя"
        MENTOR_OFFER = "mentor_offer", "«Чем я могу быть полезен в качестве наставника?»"
        INTERMEDIATE = "intermediate", "Обратная связь для промежуточной оценки"
        SATISFACTION = "satisfaction", "Удовлетворённость программой наставничества"
        MONITORING_QUALITY = "monitoring_quality", "Мониторинг, этап 1: качество программы"
        MONITORING_GROWTH = "monitoring_growth", "Мониторинг, этап 2: рост участников"
        PULSE = "pulse", "Пульс отношений в паре"
        EXIT = "exit", "Анкета при завершении работы пары"
        OTHER = "other", "Другое"

    class Audience(models.TextChoices):
        STUDENTS = "students", "Обучающиеся"
        TEACHERS = "teachers", "Педагоги"
        MENTORS = "mentors", "Наставники"
        MENTEES = "mentees", "Наставляемые"
        PARENTS = "parents", "Родители"
        ALL = "all", "Все участники"

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name="школа",
        help_text="Пусто — стандартная анкета методологии, доступна всем школам",
    )
    code = models.CharField("код стандартной анкеты", max_length=64, blank=True)
    title = models.CharField("название", max_length=255)
    purpose = models.CharField("назначение", max_length=32, choices=Purpose.choices)
    audience = models.CharField("кому", max_length=16, choices=Audience.choices)
    description = models.TextField("вступление", blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name="копия анкеты",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="автор",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["school", "purpose", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(school__isnull=True) & ~Q(code=""),
                name="standard_questionnaire_code_unique",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:questionnaire_detail", args=[self.pk])

    @property
    def is_standard(self) -> bool:
        return self.school_id is None


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections", verbose_name="анкета"
    )
    title = models.CharField("раздел", max_length=255)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "раздел анкеты"
        verbose_name_plural = "разделы анкеты"
        ordering = ["questionnaire", "position", "id"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Открытый ответ"
        SINGLE = "single", "Один вариант"
        MULTIPLE = "multiple", "Несколько вариантов"
        SCALE = "scale", "Шкала от 1 до 10"
        SCALE_5 = "scale_5", "Шкала от 1 до 5"
        YES_NO = "yes_no", "Да / нет"

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name="анкета"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="раздел",
    )
    text = models.CharField("вопрос", max_length=1000)
    kind = models.CharField("вид ответа", max_length=16, choices=Kind.choices)
    options = models.JSONField("варианты ответа", default=list, blank=True)
    required = models.BooleanField("обязательный", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    measure = models.CharField(
        "измеряемая характеристика",
        max_length=64,
        blank=True,
        help_text="Для мониторинга роста: например «вовлечённость», «тревожность»",
    )
    higher_is_better = models.BooleanField(
        "рост значения — улучшение",
        default=True,
        help_text="Снимите для характеристик вроде тревожности",
    )

    class Meta:
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"
        ordering = ["questionnaire", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind in SCALE_TOPS

    @property
    def scale_values(self) -> range:
        return range(1, SCALE_TOPS.get(self.kind, 0) + 1)


SCALE_TOPS = {Question.Kind.SCALE: 10, Question.Kind.SCALE_5: 5}
