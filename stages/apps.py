from django.apps import AppConfig


class StagesConfig(AppConfig):
    name = "stages"
    verbose_name = "Дорожная карта"

    def ready(self):
        from . import personal_data_map

        personal_data_map.register_all()
