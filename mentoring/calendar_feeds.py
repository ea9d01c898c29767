"""Personal calendar feeds: the one active secret address of a user, issued and revoked."""

from django.db import transaction
from django.utils import timezone

from . import events
from .models import CalendarFeed, User


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.active().filter(user=user).first()


@transaction.atomic
def renew_feed(user: User) -> CalendarFeed:
    """Revokes the user's active feed, if any, and issues a new address."""
    now = timezone.now()
    for feed in CalendarFeed.objects.select_for_update().active().filter(user=user):
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])
        events.record("calendar_feed.revoked", by=user, feed=feed.pk)
    feed = CalendarFeed.objects.create(user=user)
    events.record("calendar_feed.issued", by=user, feed=feed.pk)
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed of an active account with this token."""
    return (
        CalendarFeed.objects.active()
        .filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
