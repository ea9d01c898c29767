from django.urls import path

from . import views

urlpatterns = [
    path("my/notifications/", views.notification_settings, name="notification_settings"),
    path(
        "reminders/unsubscribe/<str:unsubscribe_token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
