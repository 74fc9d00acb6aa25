from django.apps import AppConfig


class VantorConfig(AppConfig):
    name = "vantor"
    verbose_name = "Store"

    def ready(self):
        from . import signals  # noqa: F401
