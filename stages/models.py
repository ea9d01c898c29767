import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.access import SchoolScopedQuerySet
from mentoring.models import Programme


class ResponsibleRole(models.TextChoices):
    DIRECTOR = "director", "Директор"
    DEPUTY_DIRECTOR = "deputy_director", "Заместитель директора по УР"
    CURATOR = "curator", "Куратор"
    WORKING_GROUP = "working_group", "Рабочая группа"
    SITE_ADMIN = "site_admin", "Администратор сайта"
    MENTORS = "mentors", "Наставники"
    CLASS_TEACHERS = "class_teachers", "Классные руководители"
    PSYCHOLOGIST = "psychologist", "Педагог-психолог"


# The roadmap activity (сид 003, 1.3) informing teachers and parents, recorded by protocols.
MEETING_PROTOCOLS_ITEM = "1.3"


class OrderKind(models.TextChoices):
    """Orders (приказы) that close roadmap activities; the orders themselves live in reports."""

    IMPLEMENTATION = "implementation", "О внедрении целевой модели наставничества"
    CURATOR = "curator", "О назначении куратора"
    REGULATIONS_ROADMAP = (
        "regulations_roadmap",
        "Об утверждении положения о наставничестве и дорожной карты",
    )
    COMMISSION = "commission", "О создании конкурсной комиссии"
    MENTOR_REGISTRY = "mentor_registry", "Об утверждении реестра наставников"
    PAIRS = "pairs", "Об утверждении наставнических пар/групп"
    MENTOR_SCHOOL = "mentor_school", "Об организации «Школы наставников»"
    AWARDS = "awards", "О поощрении участников наставнической деятельности"
    TEACHER_MENTOR = "teacher_mentor", "О закреплении наставника за молодым специалистом"


class Stage(models.Model):
    number = models.PositiveSmallIntegerField("номер", unique=True)
    name = models.CharField("название", max_length=255)
    short_name = models.CharField("краткое название", max_length=100)
    goal = models.TextField("цель этапа")
    duration = models.CharField("длительность", max_length=255, blank=True)
    what_matters = models.TextField("на этом этапе важно", blank=True)
    recommended_documents = models.TextField("рекомендуемые документы", blank=True)
    expected_result = models.TextField("результат", blank=True)

    class Meta:
        verbose_name = "этап"
        verbose_name_plural = "этапы"
        ordering = ["number"]

    def __str__(self):
        return f"Этап {self.number}. {self.name}"

    def what_matters_list(self) -> list[str]:
        return [line for line in self.what_matters.splitlines() if line.strip()]

    def documents_list(self) -> list[str]:
        return [line for line in self.recommended_documents.splitlines() if line.strip()]


class RoadmapTemplate(models.Model):
    name = models.CharField("название", max_length=255, unique=True)
    is_default = models.BooleanField("используется для новых программ", default=False)

    class Meta:
        verbose_name = "шаблон дорожной карты"
        verbose_name_plural = "шаблоны дорожной карты"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_template"
            )
        ]

    def __str__(self):
        return self.name


class TemplateItem(models.Model):
    template = models.ForeignKey(
        RoadmapTemplate, on_delete=models.CASCADE, related_name="items", verbose_name="шаблон"
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, verbose_name="этап")
    number = models.CharField("номер", max_length=10)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    activity = models.TextField("мероприятие")
    deadline_offset_days = models.PositiveSmallIntegerField(
        "срок (дней от начала учебного года)", null=True, blank=True
    )
    period = models.CharField("период", max_length=255, blank=True)
    responsible_role = models.CharField(
        "ответственный", max_length=32, choices=ResponsibleRole.choices
    )
    responsible_title = models.CharField("ответственный (как в документе)", max_length=255)
    output_document = models.CharField("итоговый документ", max_length=500, blank=True)
    order_kind = models.CharField("приказ", max_length=32, choices=OrderKind.choices, blank=True)

    class Meta:
        verbose_name = "мероприятие шаблона"
        verbose_name_plural = "мероприятия шаблона"
        ordering = ["template", "stage__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_item_number")
        ]

    def __str__(self):
        return f"{self.number} {self.activity[:60]}"


class RoadmapItemQuerySet(SchoolScopedQuerySet):
    def open(self):
        return self.exclude(status__in=[RoadmapItem.Status.DONE, RoadmapItem.Status.CANCELLED])

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)

    def due_within(self, days: int, today=None):
        today = today or timezone.localdate()
        return self.open().filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
        )


def evidence_upload_to(item: "RoadmapItem", filename: str) -> str:
    return f"evidence/programme-{item.programme_id}/{filename}"


class RoadmapItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        IN_PROGRESS = "in_progress", "В работе"
        DONE = "done", "Выполнено"
        CANCELLED = "cancelled", "Отменено"

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="roadmap_items",
        verbose_name="программа",
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="items", verbose_name="этап"
    )
    number = models.CharField("номер", max_length=10)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    activity = models.TextField("мероприятие")
    deadline = models.DateField("срок", null=True, blank=True)
    period = models.CharField(
        "период", max_length=255, blank=True, help_text="Например: «В течение учебного года»"
    )
    responsible = models.CharField("ответственный", max_length=255, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_items",
        verbose_name="ответственный (пользователь)",
    )
    output_document = models.CharField("итоговый документ", max_length=500, blank=True)
    order_kind = models.CharField("приказ", max_length=32, choices=OrderKind.choices, blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    evidence_file = models.FileField(
        "подтверждающий файл", upload_to=evidence_upload_to, blank=True, max_length=500
    )
    evidence_link = models.URLField("ссылка на подтверждение", blank=True, max_length=1000)
    evidence_note = models.CharField("подтверждение (описание)", max_length=500, blank=True)
    completed_at = models.DateTimeField("выполнено", null=True, blank=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменено",
    )

    school_path = "programme__school"
    objects = RoadmapItemQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["programme", "stage__number", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="roadmap_item_number")
        ]

    def __str__(self):
        return f"{self.number} {self.activity[:60]}"

    def get_absolute_url(self):
        return reverse("stages:roadmap", args=[self.programme_id]) + f"#item-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.CANCELLED)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < today

    @property
    def responsible_display(self) -> str:
        if self.responsible_user and self.responsible:
            return f"{self.responsible} ({self.responsible_user.short_name})"
        if self.responsible_user:
            return self.responsible_user.short_name
        return self.responsible

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_link or self.evidence_note)

    @property
    def takes_meeting_protocols(self) -> bool:
        """The activity whose output is «Протоколы педсовета и родительских собраний»."""
        return self.number == MEETING_PROTOCOLS_ITEM


class MeetingProtocol(models.Model):
    """«Протоколы педсовета и родительских собраний» (roadmap 1.3): informing the teachers and
    the parents about the programme being prepared."""

    class Kind(models.TextChoices):
        TEACHERS_COUNCIL = "teachers_council", "Педагогический совет"
        PARENTS_MEETING = "parents_meeting", "Родительское собрание"

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="meeting_protocols",
        verbose_name="программа",
    )
    roadmap_item = models.ForeignKey(
        RoadmapItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="protocols",
        verbose_name="мероприятие дорожной карты",
    )
    kind = models.CharField("вид собрания", max_length=32, choices=Kind.choices)
    held_on = models.DateField("дата проведения")
    number = models.CharField("номер протокола", max_length=20)
    chair = models.CharField("председатель (ФИО)", max_length=255)
    secretary = models.CharField("секретарь (ФИО)", max_length=255)
    present_count = models.PositiveIntegerField("присутствовало, человек")
    agenda = models.TextField("повестка дня", help_text="Каждый вопрос — с новой строки")
    heard = models.TextField("слушали", help_text="Кто выступал и о чём")
    decided = models.TextField("решили", help_text="Каждое решение — с новой строки")
    updated_at = models.DateTimeField("изменено", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменено",
    )

    school_path = "programme__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "протокол педсовета или родительского собрания"
        verbose_name_plural = "протоколы педсоветов и родительских собраний"
        ordering = ["programme", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "number"], name="meeting_protocol_number"
            )
        ]

    def __str__(self):
        return f"Протокол № {self.number} от {self.held_on:%d.%m.%Y} ({self.get_kind_display()})"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
