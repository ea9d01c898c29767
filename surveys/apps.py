from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и мониторинг"

    def ready(self):
        from . import personal_data_map, receivers  # noqa: F401

        personal_data_map.register_all()
