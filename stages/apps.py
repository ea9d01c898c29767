from django.apps import AppConfig


class StagesConfig(AppConfig):
    name = "stages"
    verbose_name = "Дорожная карта"

    def ready(self):
        from mentoring.audit import track

        from . import personal_data_map
        from .models import MeetingProtocol

        personal_data_map.register_all()
        track(MeetingProtocol)
