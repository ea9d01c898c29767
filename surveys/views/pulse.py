"""The relationship pulse of one pair: school staff only (the mentor answers, but does not read
the mentee's answers)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import path

from mentoring import access
from registry.models import Pair
from registry.views.common import section_context, staff_object

from ..analytics.charts import line_chart
from ..models import Distribution, Occasion, Question
from ..pair_health import PULSE_DANGER_BELOW, PULSE_WARNING_BELOW
from ..services.pulse import ANSWER_DAYS


def pulse_points(pair: Pair) -> list[Distribution]:
    """The pair's pulse points, month by month, with invited, answered and the mean (1–5)."""
    points = list(
        Distribution.objects.filter(pair=pair, occasion=Occasion.PULSE)
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count(
                "invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True
            ),
        )
        .order_by("pulse_month")
    )
    means = dict(
        Distribution.objects.filter(pk__in=[point.pk for point in points])
        .filter(responses__answers__question__kind=Question.Kind.SCALE_5)
        .annotate(mean=Avg("responses__answers__number"))
        .values_list("pk", "mean")
    )
    for point in points:
        point.mean = means.get(point.pk)
        point.sent_on = point.deadline - datetime.timedelta(days=ANSWER_DAYS)
        if point.mean is None:
            point.level = ""
        elif point.mean < PULSE_DANGER_BELOW:
            point.level = "danger"
        elif point.mean < PULSE_WARNING_BELOW:
            point.level = "warning"
        else:
            point.level = "success"
    return points


@login_required
def pair_pulse(request, pair_id):
    pair = staff_object(
        request,
        Pair.objects.select_related("programme__school", "programme__year", "mentor__participant"),
        pair_id,
    )
    if not access.can(request.user, "records.read", pair.programme.school_id):
        raise Http404
    points = pulse_points(pair)
    answered = [(f"{point.pulse_month}-й мес.", point.mean) for point in points if point.mean]
    chart = (
        line_chart(answered, low=1, high=5, title="Пульс отношений по месяцам работы")
        if answered
        else ""
    )
    programme = pair.programme
    return render(
        request,
        "surveys/pulse/pair_pulse.html",
        {
            **section_context(request, programme, programme.school, "pairs"),
            "pair": pair,
            "points": points,
            "chart": chart,
        },
    )


urlpatterns = [
    path("pairs/<int:pair_id>/pulse/", pair_pulse, name="pair_pulse"),
]
