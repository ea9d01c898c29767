"""The project's URLs: the home router, then every app's pages."""

from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Наставничество — администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Справочники, школы и учётные записи"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "schools/<int:school_id>/programmes/start/",
        views.start_programme,
        name="start_programme",
    ),
    path("", include("mentoring.urls")),
    path("", include("stages.urls")),
    path("", include("registry.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
