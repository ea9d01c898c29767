"""Monthly reports to the municipal centre; included into the "reports" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<int:programme_id>/monthly/", views.monthly_list, name="monthly_list"),
    path("programmes/<int:programme_id>/monthly/open/", views.monthly_open, name="monthly_open"),
    path("monthly/<int:report_id>/", views.monthly_report, name="monthly_report"),
    *[
        path(
            f"monthly/<int:report_id>/{action}/",
            views.monthly_action,
            {"action": action},
            name=f"monthly_{action}",
        )
        for action in views.ACTIONS
    ],
]
