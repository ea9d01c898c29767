"""Base downloads; included into the "reports" namespace by reports/urls.py."""

from django.urls import path

from . import exports, views_privacy

urlpatterns = [
    path(
        "programmes/<int:programme_id>/mentors.<str:fmt>",
        exports.mentor_base_export,
        name="mentor_base_export",
    ),
    path(
        "programmes/<int:programme_id>/mentees.<str:fmt>",
        exports.mentee_base_export,
        name="mentee_base_export",
    ),
    path(
        "participants/<int:participant_id>/personal-data.<str:fmt>",
        views_privacy.subject_access_export,
        name="subject_access_export",
    ),
]
