import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.log_actions import log

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
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


# Where an order may go from each status; delivered and cancelled are final.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
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

    def transition_to(self, status: str, *, user=None) -> "Order":
        """Move the order to `status`: the one way an order's status changes.

        In one transaction: lock the order row and re-read it (so two clicks cannot both cancel
        and restock twice), refuse a move `ORDER_TRANSITIONS` does not allow, stamp the time
        (`shipped_at`, `delivered_at`; a cash-on-delivery order is paid when delivered, so
        `paid_at` too), put the stock of every line back on cancellation, and write Wagtail's
        audit log (`shop.order.status`). Raises `OrderTransitionError` when refused.
        """
        if status not in OrderStatus.values:
            raise OrderTransitionError(f"“{status}” is not an order status.")
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=self.pk)
            if not locked.can_transition_to(status):
                raise OrderTransitionError(
                    f"Order {locked.short_number} is {locked.get_status_display().lower()} and "
                    f"cannot become {OrderStatus(status).label.lower()}."
                )
            previous = locked.status
            now = timezone.now()
            locked.status = status
            changed = ["status", "updated_at"]
            if status == OrderStatus.SHIPPED:
                locked.shipped_at = now
                changed.append("shipped_at")
            elif status == OrderStatus.DELIVERED:
                locked.delivered_at = now
                changed.append("delivered_at")
                if not locked.is_paid and locked.payment_method == "cod":
                    locked.is_paid, locked.paid_at = True, now
                    changed += ["is_paid", "paid_at"]
            elif status == OrderStatus.CANCELLED:
                locked._restock()
            locked.save(update_fields=changed)
            log(
                locked,
                "shop.order.status",
                user=user,
                data={"from": previous, "to": status},
            )
        # Hand the caller's instance the new state too.
        for name in ("status", "updated_at", "shipped_at", "delivered_at", "is_paid", "paid_at"):
            setattr(self, name, getattr(locked, name))
        return self

    def _restock(self) -> None:
        """Return every line's units to stock; lines whose product is gone have none to return."""
        for item in self.items.all():
            StockRecord.objects.filter(product_id=item.product_id).update(
                quantity=F("quantity") + item.quantity
            )


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
