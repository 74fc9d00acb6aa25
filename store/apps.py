from django.apps import AppConfig


class StoreConfig(AppConfig):
    """What every app of the store shares: settings, money, addresses, SEO, the page mixin, and
    the places (`store.wagtail`) where a Wagtail behaviour is replaced for speed."""

    name = "store"
    verbose_name = "Store"

    def ready(self):
        from . import signals  # noqa: F401
