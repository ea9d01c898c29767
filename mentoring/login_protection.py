"""Log-in protection around django-axes: the client's address, the two limits, the lock-out page
and the ways back.

- One account from one address: after ``AXES_FAILURE_LIMIT`` wrong passwords that account is
  refused from that address (django-axes). Someone guessing the director's password locks only
  their own address out of the director's account, never the director.
- One address, any accounts: after ``LOGIN_ADDRESS_FAILURE_LIMIT`` wrong passwords within
  ``AXES_COOLOFF_TIME`` the address is refused, against guessing across accounts. Counted here
  from the attempt rows axes keeps (one row per account and address, with its failure count).
- The client's address (``client_address``): the socket's; behind ``REVERSE_PROXY_COUNT``
  proxies that each append to X-Forwarded-For (nginx: ``$proxy_add_x_forwarded_for``), the entry
  the outermost proxy appended. Entries a client writes into the header itself stay on the left
  and are ignored.
- Ways back: the password reset by e-mail clears the account's attempts (``unlock``); the
  administrator deletes them in the admin (Axes → «Попытки доступа»).
"""

import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from ipware.ip import get_client_ip


def client_address(request) -> str | None:
    """The address the two limits count by (``AXES_CLIENT_IP_CALLABLE``)."""
    proxies = settings.REVERSE_PROXY_COUNT
    if proxies <= 0:
        address, _ = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    else:
        # python-ipware counts the proxies listed in the header besides the client; the
        # innermost proxy is the socket's address, not listed. strict=False: a longer chain
        # (a client's own entries on the left) still yields the entry our proxy appended.
        address, _ = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            strict=False,
        )
    return address


def address_failures(address: str, since: datetime.datetime) -> int:
    """Wrong passwords from one address since a moment, whatever the accounts."""
    rows = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return rows.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' account-and-address limit plus the address limit (``AXES_HANDLER``)."""

    def is_locked(self, request, credentials=None) -> bool:
        return self._address_locked(request) or super().is_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and not request.axes_locked_out and self._address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    @staticmethod
    def _address_locked(request) -> bool:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return False
        locked = (
            address_failures(address, get_cool_off_threshold(request))
            >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
        )
        if locked:
            request.login_address_locked = True
        return locked


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``): which limit, for how long, the ways back."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"address_locked": getattr(request, "login_address_locked", False), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def unlock(user) -> int:
    """Forget the account's wrong passwords from every address (after a password reset)."""
    return reset(username=user.get_username())
