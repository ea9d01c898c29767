from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<int:programme_id>/outgoing/", views.outgoing_list, name="outgoing_list"),
    path(
        "programmes/<int:programme_id>/partners/<int:partner_id>/letter-register/",
        views.partner_letter_register,
        name="partner_letter_register",
    ),
]
