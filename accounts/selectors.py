from django.db.models import QuerySet, Sum

from shop.models import Order


def orders_for_shopper(*, user) -> QuerySet:
    """The orders that belong to `user`, newest first, with how many units each holds.

    Only orders placed while signed in carry the user; guest orders with the same email are
    deliberately left out (see the README: accounts do not claim guest orders).
    """
    return (
        Order.objects.filter(user=user)
        .annotate(item_count=Sum("items__quantity"))
        .order_by("-created_at", "-pk")
    )
