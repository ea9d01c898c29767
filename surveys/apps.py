from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и мониторинг"

    def ready(self):
        from mentoring.audit import track

        from . import pair_health, personal_data_map, receivers  # noqa: F401 (checks register)
        from .models import Answer, Response

        personal_data_map.register_all()
        track(Response)
        track(Answer)
