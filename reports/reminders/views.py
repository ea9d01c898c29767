"""The user's choice of reminders, and the one-click unsubscribe from a mail (the key in the
link is the credential: no log-in)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import NotificationSettings, ReminderKind

KINDS = [kind.value for kind in ReminderKind]


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = KINDS
        widgets = {kind: forms.CheckboxInput(attrs={"class": "form-check-input"}) for kind in KINDS}


@login_required
def notification_settings(request):
    choice, _ = NotificationSettings.objects.get_or_create(user=request.user)
    form = NotificationSettingsForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Настройки напоминаний сохранены.")
        return redirect("reports:notification_settings")
    return render(
        request,
        "reports/reminders/settings.html",
        {"form": form, "has_email": bool(request.user.email)},
    )


# Mail programs post the one-click unsubscribe (RFC 8058) without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, unsubscribe_token):
    choice = get_object_or_404(NotificationSettings, unsubscribe_token=unsubscribe_token)
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in KINDS else KINDS
    labels = [ReminderKind(k).label for k in kinds]
    if request.method == "POST":
        for name in kinds:
            setattr(choice, name, False)
        choice.save(update_fields=[*kinds, "updated_at"])
        return render(request, "reports/reminders/unsubscribed.html", {"labels": labels})
    return render(
        request,
        "reports/reminders/unsubscribe.html",
        {"labels": labels, "kind": kind if kind in KINDS else "", "choice": choice},
    )
