"""Corrections of how the school's names decline in orders and letters."""

from django.urls import path

from . import views

urlpatterns = [
    path("schools/<int:school_id>/names/", views.name_overrides, name="name_overrides"),
    path("names/<int:override_id>/edit/", views.name_override_edit, name="name_override_edit"),
    path(
        "names/<int:override_id>/delete/",
        views.name_override_delete,
        name="name_override_delete",
    ),
]
