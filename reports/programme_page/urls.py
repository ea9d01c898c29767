from django.urls import path

from . import views

urlpatterns = [
    path(
        "programmes/<int:programme_id>/settings/",
        views.programme_settings,
        name="programme_settings",
    ),
    path(
        "public/programmes/<int:programme_id>/",
        views.public_programme,
        name="public_programme",
    ),
]
