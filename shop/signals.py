from django.db.models.signals import post_save
from django.dispatch import receiver

from catalog.models import ProductPage

from .models import StockRecord


@receiver(post_save, sender=ProductPage)
def create_stock_record(sender, instance, created, raw=False, **kwargs):
    """Every product gets a stock record (0 units) when it is created."""
    if created and not raw:
        StockRecord.objects.get_or_create(product=instance)
