from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"

    def ready(self):
        from . import personal_data_map, receivers  # noqa: F401

        personal_data_map.register_all()
