import datetime
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import phrases
from .access import MunicipalityQuerySet, RegionQuerySet, SchoolQuerySet, SchoolScopedQuerySet
from .declension import initials


class User(AbstractUser):
    middle_name = models.CharField("отчество", max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    @property
    def full_name(self) -> str:
        parts = [self.last_name, self.first_name, self.middle_name]
        return " ".join(p for p in parts if p) or self.username

    @property
    def short_name(self) -> str:
        """«Тимофеева М.А.» — the way roadmaps name the responsible person."""
        if not self.last_name:
            return self.username
        return f"{self.last_name} {initials(self.first_name, self.middle_name)}".strip()

    def __str__(self):
        return self.full_name


class Region(models.Model):
    """A subject of the federation: its regional mentoring centre (РНЦ) oversees the
    municipalities of the region."""

    name = models.CharField("название", max_length=255, unique=True)
    centre_name = models.CharField(
        "региональный наставнический центр (РНЦ)", max_length=255, blank=True
    )
    centre_contacts = models.TextField("контакты РНЦ", blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField("название", max_length=255, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name="регион",
    )
    centre_name = models.CharField(
        "муниципальный наставнический центр (МНЦ)", max_length=255, blank=True
    )
    centre_contacts = models.TextField("контакты МНЦ", blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["name"]

    def __str__(self):
        return self.name


class School(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="schools", verbose_name="муниципалитет"
    )
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=255)
    director_name = models.CharField("ФИО директора", max_length=255, blank=True)
    address = models.CharField("адрес", max_length=500, blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    town = models.CharField(
        "место составления документов",
        max_length=255,
        blank=True,
        help_text="Населённый пункт под видом документа, например: г. Энск",
    )
    full_name_genitive = models.CharField(
        "полное наименование в родительном падеже (кого? чего?)", max_length=500, blank=True
    )
    full_name_dative = models.CharField(
        "полное наименование в дательном падеже (кому? чему?)", max_length=500, blank=True
    )
    full_name_accusative = models.CharField(
        "полное наименование в винительном падеже (кого? что?)", max_length=500, blank=True
    )
    full_name_instrumental = models.CharField(
        "полное наименование в творительном падеже (кем? чем?)", max_length=500, blank=True
    )
    full_name_prepositional = models.CharField(
        "полное наименование в предложном падеже (о ком? о чём?)", max_length=500, blank=True
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="school_short_name_unique"
            )
        ]

    def __str__(self):
        return self.short_name

    def full_name_in(self, case: str) -> str:
        """The full name in a case: the form on the school card, else the automatic one."""
        if case == phrases.NOMINATIVE:
            return self.full_name
        stored = getattr(self, f"full_name_{case}").strip()
        return stored or phrases.inflect_phrase(self.full_name, case)


class AcademicYearQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today, end_date__gte=today).first()


class AcademicYear(models.Model):
    name = models.CharField(
        "учебный год", max_length=9, unique=True, help_text="Например, 2026/2027"
    )
    start_date = models.DateField("начало")
    end_date = models.DateField("окончание")

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="year_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_date(cls, day: datetime.date, *, create: bool = True) -> "AcademicYear":
        """The academic year (1 September – 31 August) containing the day, created if missing
        (with ``create=False`` an unsaved one is returned instead, for pages that only read)."""
        first = day.year if day.month >= 9 else day.year - 1
        name = f"{first}/{first + 1}"
        defaults = {
            "start_date": datetime.date(first, 9, 1),
            "end_date": datetime.date(first + 1, 8, 31),
        }
        if not create:
            return cls.objects.filter(name=name).first() or cls(name=name, **defaults)
        year, _ = cls.objects.get_or_create(name=name, defaults=defaults)
        return year


class Programme(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="programmes", verbose_name="школа"
    )
    year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name="учебный год",
    )
    title = models.CharField(
        "название", max_length=500, default="Программа наставничества", blank=True
    )
    goals = models.TextField("цель и задачи", blank=True)
    forms_in_use = models.TextField(
        "формы наставничества",
        blank=True,
        help_text="Например: «Ученик – ученик», «Учитель – учитель»",
    )
    curator = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_programmes",
        verbose_name="куратор",
    )
    curator_basis = models.CharField("основание назначения куратора", max_length=255, blank=True)
    students_total = models.PositiveIntegerField(
        "обучающихся в возрасте от 10 лет",
        null=True,
        blank=True,
        help_text="Всего в школе в этом учебном году — для охвата наставничеством",
    )
    teachers_total = models.PositiveIntegerField(
        "педагогов", null=True, blank=True, help_text="Всего педагогических работников школы"
    )
    is_public = models.BooleanField(
        "открытая страница программы",
        default=False,
        help_text="Описание, формы, опубликованные практики и поощрения без персональных данных "
        "несовершеннолетних",
    )
    public_description = models.TextField("описание для открытой страницы", blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    archived_at = models.DateTimeField(
        "в архиве с",
        null=True,
        blank=True,
        help_text="Программа завершена и хранится только для чтения (mentoring/archive.py)",
    )
    archived_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем отправлена в архив",
    )

    school_path = "school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        ordering = ["school__short_name", "-year__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="one_programme_per_school_year")
        ]

    def __str__(self):
        return f"{self.school.short_name}, {self.year.name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def is_previous_year(self, today: datetime.date) -> bool:
        """The programme's year is the one that ended just before today's academic year."""
        start = AcademicYear.for_date(today, create=False).start_date
        return start - datetime.timedelta(days=1) <= self.year.end_date < today


class Role(models.TextChoices):
    CURATOR = "curator", "Куратор"
    DIRECTOR = "director", "Директор"
    WORKING_GROUP = "working_group", "Рабочая группа"
    MENTOR = "mentor", "Наставник"
    MUNICIPAL_OFFICER = "municipal_officer", "Специалист МНЦ"
    REGIONAL_OFFICER = "regional_officer", "Специалист РНЦ"


class Membership(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name="пользователь"
    )
    role = models.CharField("роль", max_length=32, choices=Role.choices)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="школа",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="муниципалитет",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="регион",
    )
    created_at = models.DateTimeField("добавлено", auto_now_add=True)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        ordering = ["user__last_name", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role=Role.MUNICIPAL_OFFICER,
                        municipality__isnull=False,
                        school__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.REGIONAL_OFFICER,
                        region__isnull=False,
                        school__isnull=True,
                        municipality__isnull=True,
                    )
                    | (
                        ~Q(role__in=[Role.MUNICIPAL_OFFICER, Role.REGIONAL_OFFICER])
                        & Q(school__isnull=False, municipality__isnull=True, region__isnull=True)
                    )
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="membership_unique_municipality_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_region_role",
            ),
        ]

    def __str__(self):
        place = self.school or self.municipality or self.region
        return f"{self.user} — {self.get_role_display()} ({place})"

    def clean(self):
        if self.role == Role.MUNICIPAL_OFFICER:
            if not self.municipality or self.school or self.region:
                raise ValidationError(
                    "Специалист МНЦ закрепляется за муниципалитетом, а не за школой или регионом."
                )
        elif self.role == Role.REGIONAL_OFFICER:
            if not self.region or self.school or self.municipality:
                raise ValidationError(
                    "Специалист РНЦ закрепляется за регионом, а не за школой или муниципалитетом."
                )
        elif not self.school or self.municipality or self.region:
            raise ValidationError(
                "Для этой роли укажите школу (муниципалитет и регион не указываются)."
            )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A personal iCalendar feed: its secret address is the only credential a calendar app has.

    A user has at most one active feed; revoking it makes the old address answer 404.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name="пользователь"
    )
    token = models.CharField(
        "ключ ссылки", max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    revoked_at = models.DateTimeField("отозвана", null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = "ссылка на личный календарь"
        verbose_name_plural = "ссылки на личные календари"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_calendar_feed_per_user",
            )
        ]

    def __str__(self):
        state = "отозвана" if self.revoked_at else "действует"
        return f"Календарь: {self.user} ({state})"


from .jobs import Job  # noqa: E402, F401 — a model of this app, kept beside its service
