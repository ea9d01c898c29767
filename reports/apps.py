from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"

    def ready(self):
        from mentoring.audit import track

        from . import personal_data_map, receivers  # noqa: F401
        from .background import kinds  # noqa: F401 — registers the background jobs
        from .models import (
            MonthlyReport,
            NameOverride,
            NotificationSettings,
            Order,
            OutgoingDocument,
        )

        personal_data_map.register_all()
        track(Order, history="order", m2m_fields=["mentors", "pairs", "awards"])
        track(MonthlyReport)
        track(NameOverride)
        track(OutgoingDocument)
        track(NotificationSettings, exclude_fields=["unsubscribe_token"])
