"""The surveys' checks of pair health (registry/health.py): the relationship pulse and satisfaction.

Three queries for any number of pairs: the pulse means, the unanswered pulse invitations, the
satisfaction means.
"""

import datetime

from django.db.models import Avg, F, Max
from django.urls import reverse
from django.utils import timezone

from mentoring.text import days
from registry.health import DANGER, WARNING, Concern, register

from .models import Answer, Invitation, Occasion, Question, Questionnaire
from .services.distribution import end_of_day
from .services.pulse import ANSWER_DAYS

PULSE_DANGER_BELOW = 3.0  # of 5
PULSE_WARNING_BELOW = 3.5
PULSE_UNANSWERED_DAYS = 14
SATISFACTION_WARNING_BELOW = 6.0  # of 10
PULSE_TITLE = "Пульс отношений"
MENTOR_PULSE_ACTION = "Ответьте на анкету «Пульс отношений»"


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def pulse_url(pair_id: int) -> str:
    return reverse("surveys:pair_pulse", args=[pair_id])


def _latest_by_pair(rows, key) -> dict[int, dict]:
    latest: dict[int, dict] = {}
    for row in rows:
        pair_id = row["for_pair"]
        if pair_id not in latest or key(row) > key(latest[pair_id]):
            latest[pair_id] = row
    return latest


def latest_pulses(pair_ids) -> dict[int, dict]:
    """{pair id: {"month", "mean", "at"}} of each pair's latest answered pulse point."""
    rows = (
        Answer.objects.filter(
            response__distribution__occasion=Occasion.PULSE,
            response__distribution__pair_id__in=pair_ids,
            question__kind=Question.Kind.SCALE_5,
        )
        .values(
            "response__distribution_id",
            for_pair=F("response__distribution__pair_id"),
            month=F("response__distribution__pulse_month"),
        )
        .annotate(mean=Avg("number"), at=Max("response__submitted_at"))
        .order_by()
    )
    return _latest_by_pair(rows, lambda row: row["month"])


def _pulse_level(pair_id: int, pulse: dict) -> Concern | None:
    mean = pulse["mean"]
    if mean >= PULSE_WARNING_BELOW:
        return None
    at = timezone.localtime(pulse["at"]).date()
    reason = f"{PULSE_TITLE}: {decimal(mean)} из 5 ({at:%d.%m.%Y})"
    if mean < PULSE_DANGER_BELOW:
        return Concern(
            pair_id,
            "pulse_low",
            DANGER,
            reason,
            "Поговорить с наставником и наставляемым: что мешает работе пары",
            pulse_url(pair_id),
        )
    return Concern(
        pair_id,
        "pulse_middle",
        WARNING,
        reason,
        "Узнать у наставника, какая поддержка нужна паре",
        pulse_url(pair_id),
    )


def _unanswered(pair_ids, day: datetime.date) -> dict[int, dict]:
    """{pair id: {"days", "mentor", "distribution"}}: pulse invitations waiting 14+ days, link
    still working."""
    sent_by = day - datetime.timedelta(days=PULSE_UNANSWERED_DAYS)
    rows = Invitation.objects.filter(
        distribution__occasion=Occasion.PULSE,
        distribution__pair_id__in=pair_ids,
        distribution__deadline__lte=sent_by + datetime.timedelta(days=ANSWER_DAYS),
        answered_at__isnull=True,
        expires_at__gt=end_of_day(day - datetime.timedelta(days=1)),
    ).values(
        "participant_id",
        "distribution_id",
        "distribution__deadline",
        for_pair=F("distribution__pair_id"),
        mentor_participant_id=F("distribution__pair__mentor__participant_id"),
    )
    waiting: dict[int, dict] = {}
    for row in rows:
        sent_on = row["distribution__deadline"] - datetime.timedelta(days=ANSWER_DAYS)
        item = waiting.setdefault(
            row["for_pair"],
            {"days": 0, "mentor": False, "distribution": row["distribution_id"]},
        )
        item["days"] = max(item["days"], (day - sent_on).days)
        item["mentor"] |= row["participant_id"] == row["mentor_participant_id"]
    return waiting


def latest_satisfaction(pair_ids) -> dict[int, dict]:
    """{pair id: {"mean", "at"}}: the pair's latest satisfaction distribution, all its scales."""
    rows = (
        Answer.objects.filter(
            response__pair_id__in=pair_ids,
            response__distribution__questionnaire__purpose=Questionnaire.Purpose.SATISFACTION,
            question__kind=Question.Kind.SCALE,
        )
        .values("response__distribution_id", for_pair=F("response__pair_id"))
        .annotate(mean=Avg("number"), at=Max("response__submitted_at"))
        .order_by()
    )
    return _latest_by_pair(rows, lambda row: row["at"])


@register
def pulse_concerns(working: dict, day: datetime.date):
    pair_ids = list(working)
    for pair_id, pulse in latest_pulses(pair_ids).items():
        concern = _pulse_level(pair_id, pulse)
        if concern:
            yield concern
    for pair_id, waiting in _unanswered(pair_ids, day).items():
        yield Concern(
            pair_id,
            "pulse_unanswered",
            WARNING,
            f"Нет ответа на анкету «{PULSE_TITLE}» {days(waiting['days'])}",
            "Напомнить об анкете «Пульс отношений»",
            reverse("surveys:distribution_detail", args=[waiting["distribution"]]),
            MENTOR_PULSE_ACTION if waiting["mentor"] else "",
        )
    for pair_id, satisfaction in latest_satisfaction(pair_ids).items():
        if satisfaction["mean"] < SATISFACTION_WARNING_BELOW:
            at = timezone.localtime(satisfaction["at"]).date()
            yield Concern(
                pair_id,
                "satisfaction_low",
                WARNING,
                f"Удовлетворённость программой: {decimal(satisfaction['mean'])} из 10 "
                f"({at:%d.%m.%Y})",
                "Обсудить с парой, что можно изменить",
                reverse(
                    "surveys:distribution_analytics",
                    args=[satisfaction["response__distribution_id"]],
                ),
            )
