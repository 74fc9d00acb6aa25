import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from store.addresses import ADDRESS_FIELDS, AddressFields


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


# --- Orders ---------------------------------------------------------------------------------
# An order is a record of a sale, not content: it copies everything it needs (customer, address,
# product names and prices) so nothing edited or deleted later can change what was sold.

MONEY = {"max_digits": 12, "decimal_places": 2}

# Who an order is for and where it goes, in form order (the checkout form and the admin export).
CUSTOMER_FIELDS = ("email", "first_name", "last_name", "phone", *ADDRESS_FIELDS, "notes")


class OrderStatus(models.TextChoices):
    # Placed with its stock held, waiting for an online payment to be verified.
    AWAITING_PAYMENT = "awaiting_payment", "Awaiting payment"
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


# Where an order may go from each status; delivered and cancelled are final.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.PENDING, OrderStatus.CANCELLED}),
    OrderStatus.PENDING: frozenset({OrderStatus.PROCESSING, OrderStatus.CANCELLED}),
    OrderStatus.PROCESSING: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
    OrderStatus.DELIVERED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}


class Order(AddressFields):
    """A placed order with copies of the customer's details and the totals charged."""

    order_number = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The one-time token of the checkout form that placed this order: unique, so a replayed or
    # double-clicked submission can never create a second order, even from two connections.
    checkout_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )

    email = models.EmailField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=32)
    # address_line1 … country come from AddressFields.
    notes = models.TextField("order notes", blank=True)

    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True
    )
    subtotal = models.DecimalField(**MONEY)
    tax = models.DecimalField(**MONEY)
    shipping_cost = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)

    is_paid = models.BooleanField(default=False)
    payment_method = models.CharField(max_length=32)
    payment_id = models.CharField(max_length=128, blank=True)
    # Paid online after its hold expired and it was cancelled: staff refund or fulfil it.
    paid_after_expiry = models.BooleanField(default=False, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(subtotal__gte=0), name="order_subtotal_gte_0"),
            models.CheckConstraint(condition=Q(tax__gte=0), name="order_tax_gte_0"),
            models.CheckConstraint(
                condition=Q(shipping_cost__gte=0), name="order_shipping_cost_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("tax") + F("shipping_cost")),
                name="order_total_is_sum",
            ),
        ]

    def __str__(self):
        return f"Order {self.short_number}"

    @property
    def short_number(self) -> str:
        """The first block of the UUID, upper case: what people read out on the phone."""
        return str(self.order_number).split("-")[0].upper()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def can_transition_to(self, status: str) -> bool:
        """Whether staff may move this order from its current status to `status`."""
        return status in ORDER_TRANSITIONS.get(self.status, frozenset())

    @property
    def allowed_transitions(self) -> list[str]:
        """The statuses this order may move to next, in the order staff usually take them."""
        allowed = ORDER_TRANSITIONS.get(self.status, frozenset())
        return [status for status in OrderStatus.values if status in allowed]


class OrderTransitionError(Exception):
    """Staff asked for a status change the order's current status does not allow."""


class OrderItem(models.Model):
    """One line of an order: what was sold, copied at placement. `product_id` is a plain
    integer, not a foreign key, so deleting the product never touches the order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product_id = models.PositiveIntegerField(db_index=True)
    product_name = models.CharField(max_length=255)
    product_slug = models.SlugField(max_length=255, allow_unicode=True)
    sku = models.CharField("SKU", max_length=64)
    price = models.DecimalField("unit price", **MONEY)
    quantity = models.PositiveIntegerField()
    line_total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_item_quantity_gt_0"),
            models.CheckConstraint(condition=Q(price__gte=0), name="order_item_price_gte_0"),
            models.CheckConstraint(
                condition=Q(line_total=F("price") * F("quantity")),
                name="order_item_line_total_is_product",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


# Payment attempts live with their providers; imported here so Django registers them in `shop`.
from .payments.models import Payment, ProviderEvent  # noqa: E402, F401
