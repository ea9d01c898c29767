from django.apps import AppConfig


class StagesConfig(AppConfig):
    name = "stages"
    verbose_name = "Дорожная карта"

    def ready(self):
        from . import signals  # noqa: F401
