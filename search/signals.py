"""Keep the search index complete when products are published.

Wagtail indexes a page from its post_save signal, which fires before modelcluster commits the
page's tags (they are saved after the page row), so with tasks run immediately the index would
hold the previous tags. `page_published` fires once everything is saved: index the product again.
"""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from catalog.models import ProductPage


@receiver(page_published, sender=ProductPage)
def reindex_published_product(sender, instance, **kwargs):
    index.insert_or_update_object(instance)
