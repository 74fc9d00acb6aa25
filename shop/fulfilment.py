"""Staff actions on orders and stock: the services every admin path calls.

Each one locks the row it changes, so two staff members (or two clicks) cannot both act on what
they saw, and writes Wagtail's audit log, so the order's or record's history says who did what.
The rules about one order (which moves are allowed) stay on `Order`; the workflows live here.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from .models import Order, OrderStatus, OrderTransitionError, StockRecord

# The largest value the database's integer column holds.
MAX_STOCK_QUANTITY = 2_147_483_647

# Fields `transition_order` may change, copied back onto the caller's instance.
TRANSITION_FIELDS = ("status", "updated_at", "shipped_at", "delivered_at", "is_paid", "paid_at")


class StockQuantityError(ValueError):
    """Staff entered a stock quantity the inventory cannot hold; the message says why."""


def transition_order(*, order: Order, status: str, user: AbstractBaseUser | None = None) -> Order:
    """Move `order` to `status`: the one way an order's status changes.

    In one transaction: lock the order row and re-read it (so two clicks cannot both cancel
    and restock twice), refuse a move `ORDER_TRANSITIONS` does not allow, stamp the time
    (`shipped_at`, `delivered_at`; a cash-on-delivery order is paid when delivered, so
    `paid_at` too), put the stock of every line back on cancellation, and write Wagtail's
    audit log (`shop.order.status`, from/to, by `user`). The caller's instance gets the new
    state and is returned. Raises `OrderTransitionError` when refused; nothing changes then.
    """
    if status not in OrderStatus.values:
        raise OrderTransitionError(f"“{status}” is not an order status.")
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
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
            _restock(locked)
        locked.save(update_fields=changed)
        log(locked, "shop.order.status", user=user, data={"from": previous, "to": status})
    for name in TRANSITION_FIELDS:
        setattr(order, name, getattr(locked, name))
    return order


def _restock(order: Order) -> None:
    # Lines whose product was deleted have no stock record, so nothing to return: the update
    # simply matches no row.
    for item in order.items.all():
        StockRecord.objects.filter(product_id=item.product_id).update(
            quantity=F("quantity") + item.quantity
        )


def validate_stock_quantity(quantity: int) -> None:
    """Raise `StockQuantityError` unless `quantity` is a whole number from 0 to
    `MAX_STOCK_QUANTITY`: the rule `set_stock_quantity` applies, for forms to show on a field."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise StockQuantityError("Enter a whole number of units, 0 or more.")
    if not 0 <= quantity <= MAX_STOCK_QUANTITY:
        raise StockQuantityError(
            f"Enter a whole number of units from 0 to {MAX_STOCK_QUANTITY:,}; got {quantity:,}."
        )


def set_stock_quantity(
    *, record: StockRecord, quantity: int, user: AbstractBaseUser | None = None
) -> StockRecord:
    """Set `record` to the counted `quantity`: the one way staff change stock.

    Refuses what `validate_stock_quantity` refuses, before touching the database. In one
    transaction: lock the stock row (a checkout taking units at the same moment waits for the
    count, or the count for it, so the log's "from" is what was really on hand), save the new
    quantity and write Wagtail's audit log (`shop.stock.quantity`, from/to, by `user`). Setting
    the quantity it already has writes nothing. The caller's instance gets the new quantity and
    is returned.
    """
    validate_stock_quantity(quantity)
    with transaction.atomic():
        locked = StockRecord.objects.select_for_update().get(pk=record.pk)
        previous = locked.quantity
        if previous != quantity:
            locked.quantity = quantity
            locked.save(update_fields=["quantity", "updated_at"])
            log(locked, "shop.stock.quantity", user=user, data={"from": previous, "to": quantity})
    record.quantity, record.updated_at = locked.quantity, locked.updated_at
    return record


# --- Payments -------------------------------------------------------------------------------


class PaymentActionError(Exception):
    """Staff asked for a payment action the order's state does not allow; nothing changed."""


def mark_order_paid(*, order: Order, user: AbstractBaseUser | None = None) -> Order:
    """Record that a cash-on-delivery order's money was received (before delivery marks it).

    Locks the order row and re-reads it, refuses an order paid online (its payment is the
    provider's record) or already paid, stamps `is_paid` and `paid_at`, and writes the audit
    log (`shop.order.payment`, action "mark_paid", by `user`). Returns the caller's instance.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.payment_method != "cod":
            raise PaymentActionError(f"{locked} is paid online; re-check its payment instead.")
        if locked.is_paid:
            raise PaymentActionError(f"{locked} is already paid.")
        if locked.status == OrderStatus.CANCELLED:
            raise PaymentActionError(f"{locked} is cancelled.")
        locked.is_paid, locked.paid_at = True, timezone.now()
        locked.save(update_fields=["is_paid", "paid_at", "updated_at"])
        log(locked, "shop.order.payment", user=user, data={"action": "mark_paid"})
    order.is_paid, order.paid_at, order.updated_at = (
        locked.is_paid,
        locked.paid_at,
        locked.updated_at,
    )
    return order


def record_refund(*, order: Order, restock: bool, user: AbstractBaseUser | None = None) -> Order:
    """Record that staff refunded a paid order (the money goes back through the provider's own
    dashboard or in cash; this keeps our records true).

    In one transaction: lock the order row, refuse an order not paid, mark its paid attempt
    refunded, set `is_paid` off and clear the paid-after-expiry flag (staff dealt with it).
    An order not yet shipped is cancelled; with `restock`, its units go back in stock. A
    shipped or delivered order keeps its status; with `restock` the returned units go back.
    An order the payment hold already cancelled had its stock put back then, so `restock`
    never returns it twice. Writes the audit log (`shop.order.payment`, action "refund",
    with `restock` and whether stock moved). Returns the caller's instance, refreshed.
    """
    from .payments import PaymentStatus

    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not locked.is_paid:
            raise PaymentActionError(f"{locked} is not paid, so there is nothing to refund.")
        previous = locked.status
        restocked = restock and previous != OrderStatus.CANCELLED
        if restocked:
            _restock(locked)
        locked.payments.filter(status=PaymentStatus.PAID).update(
            status=PaymentStatus.REFUNDED, updated_at=timezone.now()
        )
        locked.is_paid, locked.paid_after_expiry = False, False
        changed = ["is_paid", "paid_after_expiry", "updated_at"]
        if locked.can_transition_to(OrderStatus.CANCELLED):
            locked.status = OrderStatus.CANCELLED
            changed.append("status")
        locked.save(update_fields=changed)
        log(
            locked,
            "shop.order.payment",
            user=user,
            data={"action": "refund", "restock": restock, "restocked": restocked},
        )
        if locked.status != previous:
            log(
                locked, "shop.order.status", user=user, data={"from": previous, "to": locked.status}
            )
    order.refresh_from_db()
    return order
