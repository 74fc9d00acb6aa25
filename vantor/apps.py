from django.apps import AppConfig


class VantorConfig(AppConfig):
    name = "vantor"
    verbose_name = "Store"
