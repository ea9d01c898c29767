"""Password reset by e-mail: a forgotten password, and the way back from a lock-out."""

from django.contrib.auth import views as auth_views

from . import login_protection


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting the new password also lifts the account's log-in lock-out."""

    def form_valid(self, form):
        response = super().form_valid(form)
        login_protection.unlock(form.user)
        return response
