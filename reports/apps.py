from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"

    def ready(self):
        from . import receivers  # noqa: F401
