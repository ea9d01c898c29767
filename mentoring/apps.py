from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Школы и доступ"

    def ready(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import archive, audit, personal_data_map, scoping
        from .models import CalendarFeed, Membership, Municipality, Programme, Region, School, User

        scoping.check_declarations()
        archive.connect()
        personal_data_map.register_all()
        audit.track(User, exclude_fields=["password", "last_login"])
        audit.track(Membership)
        audit.track(Programme)
        audit.track(School)
        audit.track(Municipality)
        audit.track(Region)
        audit.track(CalendarFeed, exclude_fields=["token"])
        audit.track(
            TOTPDevice,
            exclude_fields=[
                "key",
                "last_t",
                "throttling_failure_count",
                "throttling_failure_timestamp",
            ],
        )
