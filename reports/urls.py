from django.urls import path

from . import urls_documents, urls_exports, urls_monitoring, urls_overview, urls_surveys, views
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
        "programmes/<int:programme_id>/roadmap.<str:fmt>",
        views.roadmap_export,
        name="roadmap_export",
    ),
    *urls_exports.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_surveys.urlpatterns,
    *urls_orders.urlpatterns,
    *urls_monitoring.urlpatterns,
    *urls_monthly.urlpatterns,
    *urls_overview.urlpatterns,
]
