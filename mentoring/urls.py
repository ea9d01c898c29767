from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Наставничество — администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Справочники, школы и учётные записи"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "schools/<int:school_id>/programmes/start/",
        views.start_programme,
        name="start_programme",
    ),
    path("", include("stages.urls")),
    path("", include("registry.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
