from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и мониторинг"

    def ready(self):
        from mentoring.audit import track

        from . import personal_data_map, receivers  # noqa: F401
        from .models import Answer, Response

        personal_data_map.register_all()
        track(Response)
        track(Answer)
