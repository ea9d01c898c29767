from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и мониторинг"

    def ready(self):
        from . import receivers  # noqa: F401
