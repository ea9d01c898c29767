"""Accounts for participants: a mentor logs in to keep their pairs, a mentee to keep the diary."""

import re
import secrets

from django.db import transaction

from mentoring.errors import DomainError
from mentoring.models import Membership, Role, User
from mentoring.text import transliterate

from ..models import Mentor, Participant


class AccountError(DomainError):
    pass


# Letters and digits that read unambiguously when a log-in is copied from paper (no l, 1, o, 0).
SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
SUFFIX_LENGTH = 5


def _username(participant: Participant) -> str:
    """The transliterated surname and initials with a random suffix: «shevchukia-k7m2q».

    The name alone would let anyone who knows a child's or a teacher's name guess the log-in
    (and lock the account out with wrong passwords); the suffix makes it unguessable.
    """
    initials = "".join(p[:1] for p in (participant.first_name, participant.middle_name))
    base = re.sub(r"[^a-z0-9]+", "", transliterate(f"{participant.last_name}{initials}").lower())
    base = (base or "user")[:20]
    while True:
        suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))
        candidate = f"{base}-{suffix}"
        if not User.objects.filter(username=candidate).exists():
            return candidate


@transaction.atomic
def create_account(participant: Participant) -> tuple[User, str]:
    """A user for the participant (a mentor also gets the mentor role at the school).

    Returns the user and the one-time password to hand over; it is not stored in clear anywhere.
    """
    if participant.user_id:
        raise AccountError(f"У участника уже есть учётная запись: {participant.user.username}.")
    password = secrets.token_urlsafe(9)
    user = User.objects.create_user(
        _username(participant),
        password=password,
        email=participant.email,
        last_name=participant.last_name,
        first_name=participant.first_name,
        middle_name=participant.middle_name,
    )
    participant.user = user
    participant.save(update_fields=["user"])
    if Mentor.objects.filter(participant=participant).exists():
        Membership.objects.get_or_create(user=user, role=Role.MENTOR, school=participant.school)
    return user, password
