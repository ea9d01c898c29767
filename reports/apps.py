from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"

    def ready(self):
        from mentoring.audit import track

        from . import personal_data_map, receivers  # noqa: F401
        from .models import MonthlyReport, NameOverride, Order, OutgoingDocument

        personal_data_map.register_all()
        track(Order, history="order", m2m_fields=["mentors", "pairs", "awards"])
        track(MonthlyReport)
        track(NameOverride)
        track(OutgoingDocument)
