from django.urls import path

from . import urls_overview, views, views_regulation
from .downloads import urls as urls_downloads
from .monthly import urls as urls_monthly
from .orders import urls as urls_orders

app_name = "reports"

urlpatterns = [
    path("schools/<int:school_id>/", views.school_dashboard, name="school_dashboard"),
    path(
        "municipalities/<int:municipality_id>/",
        views.municipality_overview,
        name="municipality_overview",
    ),
    path(
        "programmes/<int:programme_id>/regulation/",
        views_regulation.regulation,
        name="regulation",
    ),
    path(
        "programmes/<int:programme_id>/regulation/reset/",
        views_regulation.regulation_reset,
        name="regulation_reset",
    ),
    *urls_downloads.urlpatterns,
    *urls_orders.urlpatterns,
    *urls_monthly.urlpatterns,
    *urls_overview.urlpatterns,
]
