"""The surveys' part of the registry's events (registry/signals.py): personal-data duties and
the exit questionnaires of a closed pair."""

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from mentoring import personal_data
from registry.models import Consent, Pair, Participant
from registry.signals import consent_withdrawn, pair_closed, participant_anonymised

from .models import Answer, Invitation
from .services import pulse


def _invitations_of(participant: Participant):
    match = Q(participant=participant)
    if participant.user_id:
        match |= Q(user_id=participant.user_id)
    return Invitation.objects.filter(match)


@receiver(consent_withdrawn, sender=Consent, dispatch_uid="surveys_cancel_invitations")
def cancel_invitations(sender, consent, participant, **kwargs) -> str:
    """Pending invitations of a person who left the work expire now: nobody asks them again."""
    now = timezone.now()
    cancelled = (
        _invitations_of(participant)
        .filter(answered_at__isnull=True, expires_at__gt=now)
        .update(expires_at=now)
    )
    return f"приглашений на анкеты отменено: {cancelled}" if cancelled else ""


@receiver(participant_anonymised, sender=Participant, dispatch_uid="surveys_anonymise")
def anonymise_responses(sender, participant, **kwargs) -> str:
    """The name goes from the invitations, free text from the answers; scales and choices stay
    for the programme's monitoring (surveys/personal_data_map.py)."""
    for invitation in Invitation.objects.filter(participant=participant):
        personal_data.erase_and_save(invitation)
    cleared = 0
    for answer in Answer.objects.filter(response__participant=participant).exclude(text=""):
        personal_data.erase_and_save(answer)
        cleared += 1
    return f"текстовых ответов на анкеты удалено: {cleared}" if cleared else ""


@receiver(pair_closed, sender=Pair, dispatch_uid="surveys_exit_questionnaires")
def send_exit_questionnaires(sender, pair, **kwargs) -> str:
    """«Анкета при завершении работы пары» to the mentor, each mentee and a minor's parent."""
    return pulse.exit_phrase(pulse.send_exit(pair, timezone.localdate()))
