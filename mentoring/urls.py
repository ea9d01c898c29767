from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views, views_history, views_password_reset, views_two_factor

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
        "accounts/password-reset/",
        views_password_reset.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views_password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/two-factor/", views_two_factor.two_factor_setup, name="two_factor_setup"),
    path(
        "accounts/two-factor/verify/",
        views_two_factor.two_factor_verify,
        name="two_factor_verify",
    ),
    path(
        "schools/<int:school_id>/programmes/start/",
        views.start_programme,
        name="start_programme",
    ),
    path(
        "history/<str:model>/<int:object_id>/",
        views_history.object_history,
        name="object_history",
    ),
    path("", include("stages.urls")),
    path("", include("registry.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
