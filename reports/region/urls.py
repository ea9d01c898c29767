from django.urls import path

from . import views

urlpatterns = [
    path("regions/<int:region_id>/", views.region_overview, name="region_overview"),
]
