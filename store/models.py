from decimal import Decimal

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class StoreSettings(BaseSiteSetting):
    """Store-wide commercial settings, editable by staff under Settings → Store."""

    store_name = models.CharField(max_length=100, default="Vantor")
    contact_email = models.EmailField(default="hello@vantor.example")
    currency_code = models.CharField(
        max_length=3, default="NPR", help_text="ISO 4217 code, e.g. NPR, USD, EUR."
    )
    currency_symbol = models.CharField(max_length=8, default="Rs.")
    flat_shipping_cost = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("150.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    free_shipping_threshold = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("5000.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Orders with a subtotal at or above this ship free. 0 means never free.",
    )
    tax_rate = models.DecimalField(
        "tax rate (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("13.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    low_stock_threshold = models.PositiveIntegerField(
        default=5, help_text="Products with this many units or fewer count as low in stock."
    )
    payment_hold_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(1)],
        help_text="How long an order paid online keeps its stock while the shopper pays; "
        "unpaid after this, it is cancelled and its stock put back.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("store_name"), FieldPanel("contact_email")], "Store"),
        MultiFieldPanel([FieldPanel("currency_code"), FieldPanel("currency_symbol")], "Currency"),
        MultiFieldPanel(
            [
                FieldPanel("flat_shipping_cost"),
                FieldPanel("free_shipping_threshold"),
                FieldPanel("tax_rate"),
            ],
            "Shipping and tax",
        ),
        FieldPanel("low_stock_threshold"),
        FieldPanel("payment_hold_minutes"),
    ]

    class Meta:
        verbose_name = "store settings"

    CACHE_SECONDS = 60

    @classmethod
    def cache_key(cls, site_id) -> str:
        return f"vantor:store-settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        """Wagtail's lookup, cached: every page reads these. Saving clears the cache (see
        store.signals); other processes' local-memory caches catch up within a minute."""
        if site is None:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, cls.CACHE_SECONDS)
        return instance
