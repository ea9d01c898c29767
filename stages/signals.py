from django.db.models.signals import post_save
from django.dispatch import receiver

from mentoring.models import Programme

from .services import create_roadmap


@receiver(post_save, sender=Programme, dispatch_uid="stages_roadmap_for_new_programme")
def roadmap_for_new_programme(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        create_roadmap(instance)
