from django.urls import path

from . import views

urlpatterns = [
    path(
        "municipalities/<int:municipality_id>/monthly/<str:period>/background/",
        views.consolidated_monthly_job,
        name="consolidated_monthly_job",
    ),
]
