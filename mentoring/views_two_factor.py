"""Pages of the second factor: turning it on and off, and entering a code after the log-in."""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import two_factor
from .two_factor import CodeForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Directors, municipal officers and superusers; for anyone else the page does not exist."""
    user = request.user
    if not two_factor.can_use_two_factor(user):
        raise Http404("Двухфакторная защита доступна директору школы и специалисту МНЦ.")
    required = two_factor.is_required(user)
    device = two_factor.confirmed_device(user)
    pending = None if device else two_factor.unconfirmed_device(user)
    form = CodeForm()

    if request.method == "POST":
        action = request.POST.get("action")
        if action == "enable" and device is None:
            two_factor.start_setup(user)
            return redirect("two_factor_setup")
        elif action == "confirm" and pending is not None:
            form = CodeForm(request.POST)
            if form.is_valid():
                check = two_factor.check_code(pending, form.cleaned_data["code"])
                if check.accepted:
                    pending.confirmed = True
                    pending.save(update_fields=["confirmed"])
                    django_otp.login(request, pending)
                    two_factor.remember_device_state(request.session, True)
                    messages.success(
                        request,
                        "Двухфакторная защита включена. При следующем входе после пароля "
                        "понадобится код из приложения.",
                    )
                    return redirect("two_factor_setup")
                form.add_error("code", check.message)
        elif action == "disable" and device is not None and not required:
            form = CodeForm(request.POST)
            if form.is_valid():
                check = two_factor.check_code(device, form.cleaned_data["code"])
                if check.accepted:
                    two_factor.turn_off(user)
                    two_factor.remember_device_state(request.session, False)
                    messages.success(request, "Двухфакторная защита отключена.")
                    return redirect("two_factor_setup")
                form.add_error("code", check.message)
        else:
            # A form from another tab, made stale by a change there: show the current state.
            return redirect("two_factor_setup")

    context = {"device": device, "pending": pending, "form": form, "required": required}
    if pending is not None:
        uri = pending.config_url
        context |= {
            "secret": two_factor.secret_base32(pending),
            "otpauth_uri": uri,
            "qr_svg": two_factor.qr_svg(uri),
        }
    return render(request, "registration/two_factor_setup.html", context)


def _to_next(next_url: str):
    """A checked local URL as it is: redirect() would take «0» or «home» for a view name."""
    return HttpResponseRedirect(next_url) if next_url else redirect("home")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The code after the password; the only page open until it is entered."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    device = two_factor.confirmed_device(user)
    if device is None or user.is_verified():
        two_factor.remember_device_state(request.session, device is not None)
        return _to_next(next_url)

    form = CodeForm()
    blocked = two_factor.blocked_until(device)
    if request.method == "POST" and blocked is None:
        form = CodeForm(request.POST)
        if form.is_valid():
            check = two_factor.check_code(device, form.cleaned_data["code"])
            if check.accepted:
                django_otp.login(request, device)
                return _to_next(next_url)
            blocked = check.blocked_until
            if blocked is None:
                form.add_error("code", check.message)
    return render(
        request,
        "registration/two_factor_verify.html",
        {
            "form": form,
            "next": next_url,
            "blocked_message": two_factor.wait_message(blocked) if blocked else "",
        },
        status=429 if blocked and request.method == "POST" else 200,
    )
