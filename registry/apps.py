from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Базы наставников и наставляемых"

    def ready(self):
        from . import personal_data_map

        personal_data_map.register_all()
