"""Monitoring downloads; included into the "reports" namespace by reports/urls.py."""

from django.urls import path

from . import views_monitoring as views

urlpatterns = [
    path(
        "municipalities/<int:municipality_id>/monthly/<str:period>.<str:fmt>",
        views.consolidated_monthly,
        name="consolidated_monthly",
    ),
    path(
        "municipalities/<int:municipality_id>/accounting/<int:year>/<int:quarter>.<str:fmt>",
        views.personified_accounting,
        name="personified_accounting",
    ),
    path(
        "municipalities/<int:municipality_id>/quality/<int:year_start>.<str:fmt>",
        views.quality_assessment,
        name="quality_assessment",
    ),
    path(
        "programmes/<int:programme_id>/monitoring-report.<str:fmt>",
        views.school_monitoring_report,
        name="school_monitoring_report",
    ),
    path(
        "programmes/<int:programme_id>/final-report.<str:fmt>",
        views.final_report,
        name="final_report",
    ),
]
