"""Every page of the app, by feature: each subpackage has its own views.py and urls.py."""

from django.urls import include, path

app_name = "reports"

urlpatterns = [
    path("", include(f"reports.{feature}.urls"))
    for feature in (
        "dashboards",
        "region",
        "programme_page",
        "regulation",
        "downloads",
        "orders",
        "names",
        "school_card",
        "monthly",
        "outgoing",
        "calendar",
        "reminders",
        "background",
    )
]
