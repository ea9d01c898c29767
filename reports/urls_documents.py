"""Registries, letters and papers; included into the "reports" namespace by reports/urls.py."""

from django.urls import path

from . import views_documents as views

urlpatterns = [
    path(
        "programmes/<int:programme_id>/mentor-registry.<str:fmt>",
        views.mentor_registry_export,
        name="mentor_registry_export",
    ),
    path(
        "programmes/<int:programme_id>/pairs.<str:fmt>",
        views.pairs_list_export,
        name="pairs_list_export",
    ),
    path(
        "programmes/<int:programme_id>/partners/<int:partner_id>/letter.<str:fmt>",
        views.partner_letter,
        name="partner_letter",
    ),
    path(
        "meetings/<int:meeting_id>/protocol.<str:fmt>",
        views.meeting_protocol,
        name="meeting_protocol",
    ),
    path(
        "awards/<int:award_id>/certificate.pdf", views.award_certificate, name="award_certificate"
    ),
    path("programmes/<int:programme_id>/regulation/", views.regulation, name="regulation"),
    path(
        "programmes/<int:programme_id>/regulation/reset/",
        views.regulation_reset,
        name="regulation_reset",
    ),
    path(
        "programmes/<int:programme_id>/regulation.<str:fmt>",
        views.regulation_export,
        name="regulation_export",
    ),
]
