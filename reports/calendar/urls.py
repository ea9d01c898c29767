from django.urls import path

from . import views

urlpatterns = [
    path("my/calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:feed_token>.ics", views.calendar_feed, name="calendar_feed"),
]
