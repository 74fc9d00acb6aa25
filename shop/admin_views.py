"""The small admin views and pieces the fulfilment viewsets in `wagtail_hooks.py` use.

Views are thin: they check the viewset's permission policy, call one service from
`shop/fulfilment.py` and redirect. The services lock, validate and write the audit log; nothing
here changes an order or a stock record otherwise.
"""

from datetime import datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView

from store.exports import SafeSpreadsheetExportMixin
from store.http import safe_next_url
from store.models import StoreSettings
from store.money import format_money

from .admin_payments import payment_context
from .fulfilment import (
    StockQuantityError,
    set_stock_quantity,
    transition_order,
    validate_stock_quantity,
)
from .models import Order, OrderStatus, OrderTransitionError, StockRecord

# What the button for each target status says: the action, not the state.
TRANSITION_LABELS = {
    OrderStatus.PROCESSING: "Start processing",
    OrderStatus.SHIPPED: "Mark shipped",
    OrderStatus.DELIVERED: "Mark delivered",
    OrderStatus.CANCELLED: "Cancel order",
}


def _symbol(request) -> str:
    return StoreSettings.for_request(request).currency_symbol


def _back(request, default: str):
    """Back to the POSTed `next` when it is on this site, else `default`."""
    return redirect(safe_next_url(request, [request.POST.get("next")], default))


# --- Orders ---------------------------------------------------------------------------------


class MoneyColumn(Column):
    """A money field formatted by the money module with the store's currency symbol."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = format_money(context["raw_value"], _symbol(parent_context["request"]))
        return context


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """A record list whose CSV export never hands a spreadsheet a formula a shopper typed."""


class OrderIndexView(SafeExportIndexView):
    """The order list; an order's number opens its inspect page, where staff act on it."""

    def _get_title_column(self, field_name, column_class=None, **kwargs):
        from wagtail.admin.ui.tables import TitleColumn

        column_class = self._get_title_column_class(column_class or TitleColumn)
        return column_class(
            field_name,
            label="Order",
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{instance.pk}_title",
            **kwargs,
        )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class OrderInspectView(InspectView):
    """An order with its lines, address, totals and timeline, and a button per allowed move."""

    template_name = "shop/admin/order_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        context.update(
            order=order,
            items=order.items.all(),
            symbol=_symbol(self.request),
            transitions=[
                {
                    "status": status,
                    "label": TRANSITION_LABELS[status],
                    "danger": status == OrderStatus.CANCELLED,
                }
                for status in order.allowed_transitions
                # Awaiting payment becomes pending when the payment is verified, not by hand.
                if status in TRANSITION_LABELS
            ]
            if can_change
            else [],
            transition_url=reverse("wagtailsnippets_shop_order:status", args=[order.pk]),
            packing_slip_url=reverse("wagtailsnippets_shop_order:packing_slip", args=[order.pk]),
            **payment_context(order, can_change=can_change),
        )
        return context


def _order_for(request, pk, action: str, policy) -> Order:
    if not policy.user_has_permission(request.user, action):
        raise PermissionDenied
    return get_object_or_404(Order, pk=pk)


def order_status_view(policy):
    @require_POST
    def change_status(request, pk):
        """POST `status`: move the order there through `transition_order`."""
        order = _order_for(request, pk, "change", policy)
        inspect_url = reverse("wagtailsnippets_shop_order:inspect", args=[order.pk])
        status = request.POST.get("status", "")
        try:
            transition_order(order=order, status=status, user=request.user)
        except OrderTransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{order} is now {order.get_status_display().lower()}.")
        return _back(request, inspect_url)

    return change_status


def packing_slip_view(policy):
    def packing_slip(request, pk):
        """A printable sheet for the parcel: address, lines and quantities, no prices."""
        order = _order_for(request, pk, "view", policy)
        store = StoreSettings.for_request(request)
        return TemplateResponse(
            request,
            "shop/admin/packing_slip.html",
            {"order": order, "items": order.items.all(), "store": store},
        )

    return packing_slip


# --- Inventory ------------------------------------------------------------------------------


class QuantityColumn(Column):
    """The quantity as a small form: type the counted number and save, without leaving the list."""

    cell_template_name = "shop/admin/stock_quantity_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context.update(
            record=instance,
            csrf_token=get_token(request),
            action=reverse("wagtailsnippets_shop_stockrecord:set_quantity", args=[instance.pk]),
            next=request.get_full_path(),
            low=instance.quantity <= StoreSettings.for_request(request).low_stock_threshold,
        )
        return context


def set_quantity_view(policy):
    @require_POST
    def set_quantity(request, pk):
        """POST `quantity`: set the stock record to the counted number through
        `set_stock_quantity`, then go back to the list the form was on."""
        if not policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        index_url = reverse("wagtailsnippets_shop_stockrecord:list")
        record = get_object_or_404(StockRecord.objects.select_related("product"), pk=pk)
        try:
            quantity = int(request.POST.get("quantity", ""))
        except ValueError:
            messages.error(request, "Enter a whole number of units, 0 or more.")
            return _back(request, index_url)
        try:
            set_stock_quantity(record=record, quantity=quantity, user=request.user)
        except StockQuantityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{record.product.title}: {record.quantity} in stock.")
        return _back(request, index_url)

    return set_quantity


class StockQuantityForm(WagtailAdminModelForm):
    """The stock record's edit form: the quantity passes the stock service's own check, so a
    refused number is explained on the field rather than as a violated database constraint."""

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        try:
            validate_stock_quantity(quantity)
        except StockQuantityError as error:
            raise ValidationError(str(error)) from error
        return quantity


class StockRecordEditView(EditView):
    """One stock record's form, where the product editor's stock panel links. It saves through
    `set_stock_quantity` rather than the form, so it locks the row and logs the change exactly
    like the list's inline form."""

    def save_instance(self):
        return set_stock_quantity(
            record=self.object,
            quantity=self.form.cleaned_data["quantity"],
            user=self.request.user,
        )


# --- Dashboard ------------------------------------------------------------------------------


class FulfilmentPanel(Component):
    """The admin dashboard's shop summary: what waits to ship, today's sales, what runs low."""

    name = "fulfilment"
    order = 50
    template_name = "shop/admin/dashboard_panel.html"

    def __init__(self, request, *, show_orders: bool, show_stock: bool):
        self.request = request
        self.show_orders = show_orders
        self.show_stock = show_stock

    def get_context_data(self, parent_context=None):
        store = StoreSettings.for_request(self.request)
        context = {"symbol": store.currency_symbol, "panel": self}
        if self.show_orders:
            waiting = Order.objects.filter(
                status__in=[OrderStatus.PENDING, OrderStatus.PROCESSING]
            ).order_by("created_at")
            start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
            today = (
                Order.objects.filter(created_at__gte=start)
                .exclude(status=OrderStatus.CANCELLED)
                .aggregate(count=Count("pk"), total=Sum("total"))
            )
            context.update(
                waiting_count=waiting.count(),
                waiting=waiting[:5],
                today_count=today["count"],
                today_total=format_money(today["total"] or 0, store.currency_symbol),
                orders_url=reverse("wagtailsnippets_shop_order:list"),
            )
        if self.show_stock:
            low = (
                StockRecord.objects.filter(quantity__lte=store.low_stock_threshold)
                .select_related("product")
                .order_by("quantity", "product__title")
            )
            context.update(
                low_stock=low[:8],
                low_stock_count=low.count(),
                threshold=store.low_stock_threshold,
                stock_url=reverse("wagtailsnippets_shop_stockrecord:list") + "?low_stock=true",
            )
        return context
