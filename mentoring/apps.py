from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Школы и доступ"

    def ready(self):
        from . import archive, personal_data_map

        archive.connect()
        personal_data_map.register_all()
