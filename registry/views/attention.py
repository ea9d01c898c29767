"""The curator's queue «Требует внимания»: pairs of a programme with concerns, worst first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from mentoring.pagination import paginate

from .. import health
from ..services import attention
from .common import section_context, staff_programme


@login_required
def attention_queue(request, programme_id):
    programme = staff_programme(request, programme_id)
    level = request.GET.get("level", attention.ALL)
    if level not in dict(attention.LEVEL_FILTERS):
        level = attention.ALL
    listed = attention.queue(programme, timezone.localdate())
    counts = {
        attention.ALL: len(listed),
        health.DANGER: len(attention.by_level(listed, health.DANGER)),
        health.WARNING: len(attention.by_level(listed, health.WARNING)),
    }
    page, querystring = paginate(request, attention.by_level(listed, level))
    return render(
        request,
        "registry/pairs/attention.html",
        {
            **section_context(request, programme, programme.school, "pairs"),
            "page": page,
            "querystring": querystring,
            "level": level,
            "filters": [(value, label, counts[value]) for value, label in attention.LEVEL_FILTERS],
            "total": counts[attention.ALL],
        },
    )


urlpatterns = [
    path("programmes/<int:programme_id>/attention/", attention_queue, name="attention_queue"),
]
