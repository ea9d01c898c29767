from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Базы наставников и наставляемых"

    def ready(self):
        from mentoring.audit import track

        from . import (  # noqa: F401 (health checks register at import)
            health_checks,
            models,
            personal_data_map,
            support_checks,
        )

        personal_data_map.register_all()
        track(models.Participant, history="participant")
        track(models.Consent, history="consent")
        track(models.Certificate, history="certificate")
        track(models.Mentor, history="mentor", m2m_fields=["competencies"])
        track(models.Mentee, history="mentee", m2m_fields=["categories"])
        track(models.Pair, history="pair", m2m_fields=["mentees"])
        track(models.MentoringAgreement, m2m_fields=["mentees"])
        for model in (
            models.Interview,
            models.YearTurn,
            models.Meeting,
            models.SupportContact,
            models.DiaryEntry,
            models.Award,
            models.Partner,
            models.MentoringDuty,
        ):
            track(model)
