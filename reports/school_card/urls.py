"""The school card: its names in the cases documents need, the town, the director."""

from django.urls import path

from . import views

urlpatterns = [
    path("schools/<int:school_id>/card/", views.school_card, name="school_card"),
]
