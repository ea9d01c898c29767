"""The personal calendar: its settings page and the feed a calendar app subscribes to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mentoring.calendar_feeds import active_feed, feed_by_token, renew_feed
from mentoring.scoping import request_scope

from .feed import calendar_name, feed_events, render_calendar

CONTENT_TYPE = "text/calendar; charset=utf-8"


@login_required
def calendar_settings(request):
    if request.method == "POST":
        renewed = active_feed(request.user) is not None
        renew_feed(request.user)
        messages.success(
            request,
            "Старая ссылка отозвана, создана новая: замените её в календаре."
            if renewed
            else "Ссылка на календарь создана.",
        )
        return redirect("reports:calendar_settings")
    feed = active_feed(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("reports:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(request, "reports/calendar_settings.html", {"feed": feed, "feed_url": feed_url})


@never_cache
@require_safe
def calendar_feed(request, feed_token):
    """No session: the secret address is the credential. The scope and the access rules are
    those of the feed's owner."""
    feed = feed_by_token(feed_token)
    if feed is None:
        raise Http404("Нет такого календаря")
    user = feed.user
    with request_scope(user):
        events = feed_events(user, timezone.localdate())
        data = render_calendar(
            events, name=calendar_name(user), base_url=request.build_absolute_uri("/")
        )
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response
