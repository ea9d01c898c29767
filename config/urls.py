"""The project's URLs: the home router, then every app's pages."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

admin.site.site_header = "Наставничество — администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Справочники, школы и учётные записи"


class FaviconRedirect(RedirectView):
    """Browsers ask /favicon.ico whatever the page links; the file lives among the static."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
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
