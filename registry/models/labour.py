"""Teacher mentoring under article 351.8 of the Labour Code (in force since 1 March 2025).

A teacher mentors a colleague only with written consent (``Consent`` of the kind
«teacher_mentoring»); the content, term, form and additional payment go into a supplementary
agreement to the labour contract (``MentoringAgreement``); either side may end it early with three
working days' written notice. Where mentoring is part of the position's duties
(``MentoringDuty``), the article does not apply and neither consent nor agreement is needed.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from mentoring.access import SchoolScopedQuerySet
from mentoring.working_days import add_working_days

from .bases import Mentor
from .people import Participant

NOTICE_WORKING_DAYS = 3


def _number(value, places: int = 0) -> str:
    """«3 000,00», «12,5»: thousands apart by a no-break space (a sum never breaks across
    lines), a decimal comma."""
    value = Decimal(str(value))
    text = f"{value:,.{places}f}" if places else f"{value.normalize():f}"
    return text.replace(",", "\u00a0").replace(".", ",")


class MentoringAgreementQuerySet(SchoolScopedQuerySet):
    def in_force_on(self, day: datetime.date):
        """Agreements whose term covers ``day`` and that were not ended early before it."""
        return self.filter(starts_on__lte=day, ends_on__gte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )

    def overlapping(self, first: datetime.date, last: datetime.date):
        """Agreements in force on at least one day of ``first``..``last``."""
        return self.filter(starts_on__lte=last, ends_on__gte=first).exclude(ended_on__lt=first)


class MentoringAgreement(models.Model):
    """A supplementary agreement to a teacher's labour contract on mentoring (ТК РФ, ст. 351.8)."""

    class Payment(models.TextChoices):
        AMOUNT = "amount", "Сумма в рублях в месяц"
        PERCENT = "percent", "Процент оклада (ставки)"

    class Initiator(models.TextChoices):
        EMPLOYEE = "employee", "Работник"
        EMPLOYER = "employer", "Работодатель"

    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="agreements", verbose_name="наставник"
    )
    number = models.CharField("номер соглашения", max_length=50)
    signed_on = models.DateField("дата соглашения")
    contract_number = models.CharField("номер трудового договора", max_length=50)
    contract_date = models.DateField("дата трудового договора")
    starts_on = models.DateField("наставничество с")
    ends_on = models.DateField("наставничество по")
    mentees = models.ManyToManyField(
        Participant,
        related_name="mentoring_agreements",
        verbose_name="наставляемые (молодые специалисты)",
    )
    form = models.CharField(
        "форма наставничества",
        max_length=255,
        default="индивидуальная",
        help_text="Например: индивидуальная, групповая",
    )
    content = models.TextField(
        "содержание наставничества",
        help_text="Что наставник делает: помощь в планировании уроков, посещение уроков и т. п.",
    )
    payment = models.CharField(
        "вид доплаты", max_length=16, choices=Payment.choices, default=Payment.AMOUNT
    )
    amount = models.DecimalField(
        "доплата, руб. в месяц", max_digits=10, decimal_places=2, null=True, blank=True
    )
    percent = models.DecimalField(
        "доплата, % оклада (ставки)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    local_act = models.CharField(
        "локальный нормативный акт об оплате",
        max_length=500,
        help_text="Например: Положение об оплате труда работников, утверждённое приказом "
        "от 30.08.2025 № 101",
    )
    ended_on = models.DateField(
        "дата досрочного прекращения",
        null=True,
        blank=True,
        help_text="Последний день наставничества",
    )
    ended_by = models.CharField(
        "инициатор прекращения", max_length=16, choices=Initiator.choices, blank=True
    )
    notice_on = models.DateField("дата письменного уведомления", null=True, blank=True)
    end_reason = models.CharField("причина прекращения", max_length=500, blank=True)
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменено",
    )

    school_path = "mentor__school"
    objects = MentoringAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "дополнительное соглашение о наставничестве"
        verbose_name_plural = "дополнительные соглашения о наставничестве"
        ordering = ["mentor", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="mentoring_agreement_term_order",
            ),
            models.CheckConstraint(
                condition=Q(payment="amount", amount__gt=0)
                | Q(payment="percent", percent__gt=0, percent__lte=100),
                name="mentoring_agreement_payment_set",
            ),
        ]

    def __str__(self):
        return f"Дополнительное соглашение от {self.signed_on:%d.%m.%Y} № {self.number}"

    @property
    def reference(self) -> str:
        """«дополнительное соглашение от 28.08.2026 № 3 к трудовому договору от … № …»."""
        return (
            f"дополнительное соглашение от {self.signed_on:%d.%m.%Y} № {self.number} "
            f"к трудовому договору от {self.contract_date:%d.%m.%Y} № {self.contract_number}"
        )

    @property
    def last_day(self) -> datetime.date:
        """The last day of mentoring: the end of the term or the day of an early end."""
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on

    @property
    def ended_early(self) -> bool:
        return self.ended_on is not None

    def in_force_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.last_day

    @property
    def payment_text(self) -> str:
        """«3 000,00 руб. в месяц» or «15 % оклада (ставки)»."""
        if self.payment == self.Payment.PERCENT:
            return f"{_number(self.percent)} % оклада (ставки)"
        return f"{_number(self.amount, places=2)} руб. в месяц"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "Окончание наставничества не может быть раньше его начала."
        if self.contract_date and self.signed_on and self.signed_on < self.contract_date:
            errors["signed_on"] = (
                "Дополнительное соглашение не может быть заключено раньше трудового договора."
            )
        if self.payment == self.Payment.AMOUNT and not (self.amount and self.amount > 0):
            errors["amount"] = "Укажите размер доплаты в рублях в месяц."
        if self.payment == self.Payment.PERCENT and not (self.percent and 0 < self.percent <= 100):
            errors["percent"] = "Укажите процент оклада (ставки): больше 0 и не более 100."
        if errors:
            raise ValidationError(errors)

    def ending_errors(self) -> dict[str, str]:
        """The early ending: who, the written notice, and three working days between them.

        Kept out of ``clean``: the forms of the agreement and of its ending each show these
        messages where their fields are."""
        if not (self.ended_on or self.notice_on or self.ended_by):
            return {}
        errors = {}
        if not self.ended_by:
            errors["ended_by"] = (
                "Укажите, кто прекращает наставничество: работник или работодатель."
            )
        if not self.notice_on:
            errors["notice_on"] = "Укажите дату письменного уведомления."
        if not self.ended_on:
            errors["ended_on"] = "Укажите дату прекращения наставничества."
        if errors:
            return errors
        if self.signed_on and self.notice_on < self.signed_on:
            errors["notice_on"] = "Уведомление не может быть раньше заключения соглашения."
        earliest = add_working_days(self.notice_on, NOTICE_WORKING_DAYS)
        if self.ended_on < earliest:
            errors["ended_on"] = (
                "Наставничество прекращается не ранее чем через три рабочих дня после "
                f"письменного уведомления (ст. 351.8 ТК РФ): при уведомлении "
                f"{self.notice_on:%d.%m.%Y} — не ранее {earliest:%d.%m.%Y}."
            )
        elif (
            self.starts_on and self.ends_on and not (self.starts_on <= self.ended_on < self.ends_on)
        ):
            errors["ended_on"] = (
                "Досрочно прекратить можно только до окончания срока наставничества: с "
                f"{self.starts_on:%d.%m.%Y} по "
                f"{self.ends_on - datetime.timedelta(days=1):%d.%m.%Y}."
            )
        return errors


class MentoringDuty(models.Model):
    """Mentoring as part of the position's duties: article 351.8 does not apply."""

    class Basis(models.TextChoices):
        POSITION = "position", "Должность наставника"
        JOB_DESCRIPTION = "job_description", "Обязанность по должностной инструкции"

    mentor = models.OneToOneField(
        Mentor, on_delete=models.CASCADE, related_name="mentoring_duty", verbose_name="наставник"
    )
    basis = models.CharField("основание", max_length=32, choices=Basis.choices)
    document = models.CharField(
        "документ",
        max_length=500,
        help_text="Например: должностная инструкция учителя, утверждённая приказом от 30.08.2025 "
        "№ 102, пункт 3.12",
    )
    since = models.DateField("с")
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кем изменено",
    )

    school_path = "mentor__school"
    objects = SchoolScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "наставничество в должностных обязанностях"
        verbose_name_plural = "наставничество в должностных обязанностях"

    def __str__(self):
        return f"{self.get_basis_display()}: {self.mentor}"
