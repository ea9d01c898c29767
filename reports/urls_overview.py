from django.urls import path

from . import views_overview

urlpatterns = [
    path(
        "municipalities/<int:municipality_id>/schools/<int:school_id>/",
        views_overview.school_overview,
        name="school_overview",
    ),
    path(
        "programmes/<int:programme_id>/settings/",
        views_overview.programme_settings,
        name="programme_settings",
    ),
    path(
        "public/programmes/<int:programme_id>/",
        views_overview.public_programme,
        name="public_programme",
    ),
]
