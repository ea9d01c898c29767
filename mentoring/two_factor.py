"""The second factor (TOTP): optional for directors and municipal officers, required for
superusers in production.

A director, an officer or a superuser may turn on a code from an authenticator app (django-otp's
``TOTPDevice``). After the password log-in, a user with a confirmed device sees nothing but the
code page until a current code is entered (``RequireSecondFactorMiddleware``); users without a
device are unaffected and, thanks to a note in the session, cost no extra query. When
``settings.SUPERUSER_TWO_FACTOR_REQUIRED`` is on (production: DEBUG off), a superuser without a
confirmed device sees nothing but the set-up page until a device is confirmed: the administrator
reads every school's data and manages every account.

Wrong codes are limited per device in the database, so the limit holds across server processes
and survives a new log-in: after ``MAX_WRONG_CODES`` wrong codes in a row the next attempt is
refused for ``LOCKOUT``. django-otp adds its own short exponential pause (1, 2, 4, … seconds,
``OTP_TOTP_THROTTLE_FACTOR``) between wrong codes.
"""

import datetime
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access

MAX_WRONG_CODES = 5
LOCKOUT = datetime.timedelta(minutes=15)
DEVICE_NAME = "Приложение-аутентификатор"
SESSION_KEY = "two_factor_state"
RECHECK_SECONDS = 5 * 60


def can_use_two_factor(user) -> bool:
    """Directors, municipal officers and superusers may turn the second factor on."""
    return access.can_anywhere(user, "two_factor.offered")


def is_required(user) -> bool:
    """The second factor cannot be left off: a superuser in production."""
    return bool(settings.SUPERUSER_TWO_FACTOR_REQUIRED and user.is_superuser)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def unconfirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_device_state(session, has_device: bool) -> None:
    """Whether the session's user has a confirmed device, as of now (see needs_second_factor)."""
    session[SESSION_KEY] = {"has_device": has_device, "checked_at": int(time.time())}


def _has_device(request) -> bool:
    """Whether the signed-in user has a confirmed device.

    Noted in the session at the log-in and looked up again every ``RECHECK_SECONDS``, so most
    requests of users without a device cost no query; a device added from another session takes
    effect here within that time.
    """
    state = request.session.get(SESSION_KEY)
    fresh = isinstance(state, dict) and (time.time() - state.get("checked_at", 0) < RECHECK_SECONDS)
    if fresh and not state.get("has_device"):
        return False
    has_device = has_confirmed_device(request.user)
    if not fresh or state.get("has_device") != has_device:
        remember_device_state(request.session, has_device)
    return has_device


def needs_second_factor(request) -> bool:
    """A signed-in user with a confirmed device who has not entered a code in this session."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return _has_device(request)


def needs_set_up(request) -> bool:
    """A signed-in user who must have the second factor and has no confirmed device yet."""
    user = request.user
    if not user.is_authenticated or not is_required(user) or user.is_verified():
        return False
    return not _has_device(request)


@receiver(user_logged_in, dispatch_uid="mentoring.two_factor.note_device_at_log_in")
def _note_device_at_log_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_device_state(request.session, has_confirmed_device(user))


@transaction.atomic
def start_setup(user) -> TOTPDevice:
    """A fresh unconfirmed device with a new secret; an earlier unfinished one is discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()


# --- codes ----------------------------------------------------------------------------------


def blocked_until(device: TOTPDevice) -> datetime.datetime | None:
    """When the device accepts a code again, or None if it does now."""
    failed_at = device.throttling_failure_timestamp
    if device.throttling_failure_count >= MAX_WRONG_CODES and failed_at is not None:
        until = failed_at + LOCKOUT
        if until > timezone.now():
            return until
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return (details or {}).get("locked_until") or timezone.now()
    return None


@dataclass(frozen=True)
class CodeCheck:
    accepted: bool
    blocked_until: datetime.datetime | None = None

    @property
    def message(self) -> str:
        if self.accepted:
            return ""
        if self.blocked_until is not None:
            return wait_message(self.blocked_until)
        return "Код не подошёл. Введите код, который сейчас показывает приложение."


def wait_message(until: datetime.datetime) -> str:
    local = timezone.localtime(until)
    return f"Слишком много неверных кодов. Подождите и повторите попытку после {local:%H:%M:%S}."


def check_code(device: TOTPDevice, code: str) -> CodeCheck:
    """Verify a code, counting a wrong one; the device row is locked against parallel guesses.

    django-otp refuses a code of a time step already used (``last_t``), so a code works once.
    """
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk).first()
        if locked is None:
            return CodeCheck(accepted=False)
        until = blocked_until(locked)
        if until is not None:
            return CodeCheck(accepted=False, blocked_until=until)
        if locked.verify_token(code):
            device.refresh_from_db()
            return CodeCheck(accepted=True)
        return CodeCheck(accepted=False, blocked_until=blocked_until(locked))


class CodeField(forms.RegexField):
    """Six digits; apps show the code as «123 456», so spaces are dropped first."""

    def to_python(self, value):
        return "".join(str(value or "").split())


class CodeForm(forms.Form):
    code = CodeField(
        label="Код из приложения",
        regex=r"^\d{6}$",
        error_messages={
            "required": "Введите код из приложения.",
            "invalid": "Код состоит из 6 цифр.",
        },
    )


# --- set-up display -------------------------------------------------------------------------


def secret_base32(device: TOTPDevice) -> str:
    """The secret as the apps ask for it when typed by hand: base32, in groups of four."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(uri: str) -> SafeString:
    """The otpauth:// URI as an inline SVG QR code, drawn on the server (no images, no script)."""
    code = qrcode.QRCode(box_size=12, border=4, image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(uri)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR-код для приложения" ', 1)
    return mark_safe(svg)  # noqa: S308 — built here from our own URI, no user markup


# --- middleware -----------------------------------------------------------------------------


class RequireSecondFactorMiddleware:
    """Sends a signed-in user with a confirmed device to the code page until a code is entered,
    and a user who must have the second factor but has none to the set-up page.

    Must come after ``django_otp.middleware.OTPMiddleware``, which sets ``user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = None if self._exempt(request) else self._target(request)
        if target is not None:
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _target(request) -> str | None:
        if needs_second_factor(request):
            next_query = urlencode({"next": request.get_full_path()})
            return f"{reverse('two_factor_verify')}?{next_query}"
        if request.path != reverse("two_factor_setup") and needs_set_up(request):
            return reverse("two_factor_setup")
        return None

    @staticmethod
    def _exempt(request) -> bool:
        path = request.path
        if path in {reverse("two_factor_verify"), reverse("logout"), reverse("login")}:
            return True
        static_url = settings.STATIC_URL or ""
        return bool(static_url) and static_url.startswith("/") and path.startswith(static_url)
