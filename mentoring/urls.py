"""Signing in and out, password reset, the second factor and the history of a record."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views_history, views_jobs, views_password_reset, views_two_factor

urlpatterns = [
    path("jobs/<int:job_id>/", views_jobs.job_page, name="job"),
    path("jobs/<int:job_id>/file", views_jobs.job_file, name="job_file"),
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
        "history/<str:model>/<int:object_id>/",
        views_history.object_history,
        name="object_history",
    ),
]
