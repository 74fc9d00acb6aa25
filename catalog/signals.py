from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CategoryPage
from .selectors import NAVIGATION_CACHE_KEY


@receiver(page_published, sender=CategoryPage)
@receiver(page_unpublished, sender=CategoryPage)
@receiver(post_save, sender=CategoryPage)
@receiver(post_delete, sender=CategoryPage)
def forget_navigation(sender, **kwargs):
    """The header's category list is cached; any change to a category clears it."""
    cache.delete(NAVIGATION_CACHE_KEY)


@receiver(post_page_move)
def forget_navigation_after_move(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, CategoryPage):
        cache.delete(NAVIGATION_CACHE_KEY)
