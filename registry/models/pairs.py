from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring import access
from mentoring.access import SchoolScopedQuerySet
from mentoring.concurrency import VersionField
from mentoring.models import Programme, School

from .bases import Mentee, Mentor


class MentoringForm(models.Model):
    """A form of mentoring (форма наставничества), reference data of the methodology."""

    code = models.CharField("код", max_length=32, unique=True)
    name = models.CharField("название", max_length=100)
    goal = models.TextField("цель", blank=True)
    mentor_kinds = models.JSONField(
        "кто может быть наставником", default=list, help_text="Категории участника"
    )
    mentee_kinds = models.JSONField("кто может быть наставляемым", default=list)
    for_colleges = models.BooleanField(
        "для профессиональных образовательных организаций", default=False
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["position"]

    def __str__(self):
        return self.name


class RoleModel(models.Model):
    """A role-model variant of a form («успевающий – неуспевающий»)."""

    form = models.ForeignKey(
        MentoringForm, on_delete=models.CASCADE, related_name="role_models", verbose_name="форма"
    )
    name = models.CharField("ролевая модель", max_length=255)
    goal = models.TextField("цель", blank=True)
    same_grade = models.BooleanField(
        "наставник и наставляемый могут быть из одной параллели",
        default=False,
        help_text="«Равный – равному»",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "ролевая модель"
        verbose_name_plural = "ролевые модели"
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "name"], name="role_model_unique_in_form")
        ]

    def __str__(self):
        return self.name


class PairQuerySet(SchoolScopedQuerySet):
    def for_user(self, user, permission="records.read"):
        """School staff by school; a mentor sees only their own pairs and groups.

        Pairs carry children's work (diaries, individual plans): municipal officers are not in the
        default roles, as for the bases (they read the school's numbers, not its pairs).
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(programme__school__in=access.schools_where(user, permission))
            | Q(mentor__participant__user=user)
        ).distinct()

    def open(self):
        return self.exclude(status__in=[Pair.Status.COMPLETED, Pair.Status.TERMINATED])


class Pair(models.Model):
    """A mentoring pair, or a group when there are several mentees."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Проект"
        APPROVED = "approved", "Утверждена приказом"
        ACTIVE = "active", "Работает"
        COMPLETED = "completed", "Завершила работу"
        TERMINATED = "terminated", "Прекращена досрочно"

    class ClosureReason(models.TextChoices):
        MENTOR_WITHDREW = "mentor_withdrew", "Наставник вышел из программы"
        MENTEE_WITHDREW = "mentee_withdrew", "Наставляемый отказался от участия"
        MOVED = "moved", "Переезд, смена школы"
        CONFLICT = "conflict", "Конфликт в паре"
        GOAL_REACHED = "goal_reached", "Цель достигнута"
        PROGRAMME_ENDED = "programme_ended", "Программа завершена"
        HEALTH = "health", "Болезнь, длительное отсутствие"
        OTHER = "other", "Другое (указать)"

    class ClosureKind(models.TextChoices):
        PLANNED = "planned", "Плановое завершение"
        EARLY = "early", "Досрочное прекращение"

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="pairs", verbose_name="программа"
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="pairs", verbose_name="наставник"
    )
    mentees = models.ManyToManyField(Mentee, related_name="pairs", verbose_name="наставляемые")
    form = models.ForeignKey(
        MentoringForm, on_delete=models.PROTECT, related_name="pairs", verbose_name="форма"
    )
    role_model = models.ForeignKey(
        RoleModel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name="ролевая модель",
    )
    goal = models.TextField("цель работы пары", blank=True)
    starts_on = models.DateField("начало работы", null=True, blank=True)
    ends_on = models.DateField("плановое окончание", null=True, blank=True)
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.DRAFT)
    approval_note = models.CharField(
        "основание утверждения",
        max_length=255,
        blank=True,
        help_text="Приказ об утверждении наставнических пар/групп",
    )
    termination_reason = models.TextField(
        "комментарий к завершению",
        blank=True,
        help_text="Обязателен при досрочном прекращении и для причины «Другое»",
    )
    closure_reason = models.CharField(
        "причина завершения", max_length=32, choices=ClosureReason.choices, blank=True
    )
    closure_kind = models.CharField(
        "вид завершения", max_length=16, choices=ClosureKind.choices, blank=True
    )
    rematch_note = models.TextField(
        "обоснование куратора для новой пары",
        blank=True,
        help_text="Пара сформирована до конца срока ожидания после досрочного прекращения",
    )
    mentor_allowance = models.CharField(
        "доплата наставнику",
        max_length=255,
        blank=True,
        help_text="Для педагогов: размер доплаты за наставничество, если школа её установила",
    )
    continued_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuation",
        verbose_name="продолжение пары прошлого учебного года",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    version = VersionField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменена",
    )

    school_path = "programme__school"
    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = "наставническая пара (группа)"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["programme", "mentor__participant__last_name", "id"]

    def __str__(self):
        return f"{self.mentor} — {self.form}"

    def get_absolute_url(self):
        return reverse("registry:pair_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.COMPLETED, self.Status.TERMINATED)

    @property
    def term(self) -> str:
        """«с 01.10.2026 по 31.05.2027», «с 01.10.2026, без даты окончания»."""
        starts, ends = self.starts_on, self.ends_on
        if starts and ends:
            return f"с {starts:%d.%m.%Y} по {ends:%d.%m.%Y}"
        if starts:
            return f"с {starts:%d.%m.%Y}, без даты окончания"
        if ends:
            return f"до {ends:%d.%m.%Y}, дата начала не указана"
        return "не указаны"


class MatchingWeights(models.Model):
    """A school's weights of the matching criteria (how much each reason counts)."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, related_name="matching_weights", verbose_name="школа"
    )
    weights = models.JSONField("веса критериев", default=dict)
    updated_at = models.DateTimeField("изменены", auto_now=True)

    school_path = "school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "веса подбора наставников"
        verbose_name_plural = "веса подбора наставников"

    def __str__(self):
        return f"Веса подбора: {self.school}"
