from django.urls import path

from . import views

urlpatterns = [
    path("schools/<int:school_id>/", views.school_dashboard, name="school_dashboard"),
    path(
        "municipalities/<int:municipality_id>/",
        views.municipality_overview,
        name="municipality_overview",
    ),
    path(
        "municipalities/<int:municipality_id>/schools/<int:school_id>/",
        views.school_overview,
        name="school_overview",
    ),
]
