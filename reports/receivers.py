"""What reports does when the registry erases a person: their name corrections go too."""

from django.dispatch import receiver

from mentoring import personal_data
from registry.signals import participant_anonymised

from .models import NameOverride


@receiver(participant_anonymised)
def forget_name_corrections(sender, participant, names, **kwargs):
    deleted = personal_data.delete_rows(
        NameOverride.objects.filter(
            school_id=participant.school_id, nominative=" ".join(names[0].split())
        )
    )
    return "удалено исправление склонения ФИО" if deleted else ""
