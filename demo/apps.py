from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`load_demo_store` and the builders of the demo shop."""

    name = "demo"
    verbose_name = "Demo store"
