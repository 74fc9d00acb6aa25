from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import StoreSettings
from .wagtail.sites import forget_sites


@receiver(post_save, sender=StoreSettings)
@receiver(post_delete, sender=StoreSettings)
def forget_store_settings(sender, instance, **kwargs):
    cache.delete(StoreSettings.cache_key(instance.site_id))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_cached_sites(sender, **kwargs):
    forget_sites()
