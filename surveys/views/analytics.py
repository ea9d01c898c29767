"""Survey analytics pages: a distribution's answers and the programme's monitoring (staff)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from registry.selectors import closure_rates
from registry.views.common import section_context, staff_object, staff_programme

from ..analytics import survival
from ..analytics.charts import bar_chart
from ..analytics.effect import BENCHMARK_TEXT
from ..analytics.growth import growth_report
from ..analytics.quality import latest_quality_distribution, quality_report
from ..analytics.satisfaction import satisfaction_distributions
from ..analytics.summary import question_summaries
from ..models import Distribution


def _with_charts(summaries):
    for summary in summaries:
        if summary.is_scale:
            rows = [(str(value), count) for value, count in summary.scale]
        elif summary.has_options:
            rows = summary.options
        else:
            rows = None
        summary.chart = bar_chart(rows, title=summary.question.text) if rows else ""
    return summaries


@login_required
def distribution_analytics(request, distribution_id):
    distribution = staff_object(
        request,
        Distribution.objects.select_related(
            "questionnaire", "programme__school", "programme__year"
        ).annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("responses", distinct=True),
        ),
        distribution_id,
    )
    programme = distribution.programme
    return render(
        request,
        "surveys/analytics/distribution_analytics.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "distribution": distribution,
            "summaries": _with_charts(question_summaries([distribution])),
        },
    )


def _duration_context(programme) -> dict:
    pairs = programme.pairs.all()
    curves = survival.duration_curves(pairs, timezone.localdate())
    title = "Доля пар, продолжающих работу (Каплан — Мейер)"
    rates = closure_rates(pairs)
    return {
        "duration_curves": curves,
        "duration_chart": survival.survival_chart(curves, title=title) if curves else "",
        "closure_rates": rates,
        "closure_rows": [
            (label, rate, survival.percent_text(rate.rate))
            for label, rate in [*rates.by_form, ("Все формы", rates.total)]
        ],
        "closure_benchmark": survival.CLOSURE_BENCHMARK_TEXT,
    }


@login_required
def monitoring(request, programme_id):
    programme = staff_programme(request, programme_id)
    quality_distribution = latest_quality_distribution(programme)
    quality = None
    if quality_distribution is not None:
        quality = quality_report(question_summaries([quality_distribution]))
    return render(
        request,
        "surveys/analytics/monitoring.html",
        {
            **section_context(request, programme, programme.school, "surveys"),
            "quality_distribution": quality_distribution,
            "quality": quality,
            "characteristics": growth_report(programme),
            "effect_benchmark": BENCHMARK_TEXT,
            **_duration_context(programme),
            "satisfaction": satisfaction_distributions(programme),
        },
    )


urlpatterns = [
    path(
        "surveys/distributions/<int:distribution_id>/analytics/",
        distribution_analytics,
        name="distribution_analytics",
    ),
    path("programmes/<int:programme_id>/monitoring/", monitoring, name="monitoring"),
]
