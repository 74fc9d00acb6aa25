"""Keep the search index complete, and cached matches fresh, when products change.

Wagtail indexes a page from its post_save signal, which fires before modelcluster commits the
page's tags (they are saved after the page row), so with tasks run immediately the index would
hold the previous tags. `page_published` fires once everything is saved: index the product again.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from catalog.models import ProductPage

from .selectors import bump_index_version


@receiver(page_published, sender=ProductPage)
def reindex_published_product(sender, instance, **kwargs):
    index.insert_or_update_object(instance)
    bump_index_version()


@receiver(page_unpublished, sender=ProductPage)
@receiver(post_delete, sender=ProductPage)
def forget_cached_matches(sender, instance, **kwargs):
    bump_index_version()
