from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<int:programme_id>/regulation/", views.regulation, name="regulation"),
    path(
        "programmes/<int:programme_id>/regulation/reset/",
        views.regulation_reset,
        name="regulation_reset",
    ),
]
