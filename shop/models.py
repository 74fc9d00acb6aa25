from django.db import models
from django.db.models import Q


class StockRecord(models.Model):
    """How many units of a product can be sold. Inventory, not content: kept out of page
    revisions so publishing or reverting a product never changes its stock."""

    product = models.OneToOneField(
        "catalog.ProductPage", on_delete=models.CASCADE, related_name="stock"
    )
    quantity = models.IntegerField(default=0, help_text="Units on hand that can be sold.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "stock record"
        ordering = ["product__title"]
        indexes = [models.Index(fields=["quantity"], name="stock_quantity_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_quantity_gte_0")
        ]

    def __str__(self):
        return f"{self.product.title}: {self.quantity}"
