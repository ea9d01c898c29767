"""Survey answer downloads; included into the "reports" namespace by reports/urls.py."""

from django.urls import path

from . import survey_exports

urlpatterns = [
    path(
        "surveys/distributions/<int:distribution_id>/answers.<str:fmt>",
        survey_exports.survey_answers_export,
        name="survey_answers_export",
    ),
]
