"""Fulfilment in the Wagtail admin: orders and stock records as snippets, status actions, the
packing slip, the dashboard panel, and the audit-log actions they write."""

import django_filters
from django import forms
from django.urls import path
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from store.models import StoreSettings

from . import admin_payments, admin_views
from .admin_choosers import RecordChooserViewSet
from .models import CUSTOMER_FIELDS, Order, OrderStatus, StockRecord
from .payments import all_payment_choices


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Records, not content: nobody adds or deletes them in the admin, not even superusers.
    Orders come from checkout and stock records from products."""

    forbidden = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.forbidden)


order_policy = RecordPermissionPolicy(Order)
stock_policy = RecordPermissionPolicy(StockRecord)
register_permission_policy(Order, order_policy, exact_class=True)
register_permission_policy(StockRecord, stock_policy, exact_class=True)


# --- Orders ---------------------------------------------------------------------------------


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=OrderStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    is_paid = django_filters.BooleanFilter(label="Paid", widget=BooleanRadioSelect)
    paid_after_expiry = django_filters.BooleanFilter(
        label="Paid after expiry", widget=BooleanRadioSelect
    )
    created_at = django_filters.DateFromToRangeFilter(label="Placed", widget=DateRangePickerWidget)
    # Every registered method, configured or not: old orders keep the one they were paid with.
    payment_method = django_filters.ChoiceFilter(
        label="Payment method",
        choices=all_payment_choices,
        widget=forms.RadioSelect,
        empty_label="All",
    )

    class Meta:
        model = Order
        fields = ["status", "is_paid", "paid_after_expiry", "created_at", "payment_method"]


class OrderViewSet(SnippetViewSet):
    chooser_viewset_class = RecordChooserViewSet
    model = Order
    icon = "list-ul"
    menu_label = "Orders"
    menu_name = "orders"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = admin_views.OrderIndexView
    inspect_view_class = admin_views.OrderInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = OrderFilterSet
    search_fields = ["order_number", "email", "first_name", "last_name", "phone"]
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "short_number",
        DateColumn("created_at", label="Placed", sort_key="created_at"),
        Column("customer", label="Customer", accessor=lambda o: f"{o.full_name} · {o.email}"),
        admin_views.MoneyColumn("total", label="Total", sort_key="total"),
        BooleanColumn("is_paid", label="Paid", sort_key="is_paid"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
    ]
    list_export = [
        "short_number",
        "order_number",
        "created_at",
        "status",
        *CUSTOMER_FIELDS[:-1],  # all but the courier notes
        "payment_method",
        "is_paid",
        "paid_at",
        "shipped_at",
        "delivered_at",
        "subtotal",
        "tax",
        "shipping_cost",
        "total",
    ]
    export_headings = {"short_number": "Order", "order_number": "Order number"}
    export_filename = "orders"
    # Staff correct how to reach the customer; money, status and lines are not editable here.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("first_name"),
                FieldPanel("last_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            "Customer",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_line1"),
                FieldPanel("address_line2"),
                FieldPanel("city"),
                FieldPanel("state_province"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            "Delivery address",
        ),
        FieldPanel("notes"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("status/<int:pk>/", admin_views.order_status_view(order_policy), name="status"),
            path(
                "packing-slip/<int:pk>/",
                admin_views.packing_slip_view(order_policy),
                name="packing_slip",
            ),
            path(
                "payments/<int:pk>/recheck/",
                admin_payments.recheck_payment_view(order_policy),
                name="recheck_payment",
            ),
            path("paid/<int:pk>/", admin_payments.mark_paid_view(order_policy), name="mark_paid"),
            path("refund/<int:pk>/", admin_payments.refund_view(order_policy), name="refund"),
        ]


# --- Inventory ------------------------------------------------------------------------------


class StockRecordFilterSet(WagtailFilterSet):
    low_stock = django_filters.BooleanFilter(
        label="Low stock", method="filter_low_stock", widget=BooleanRadioSelect
    )

    class Meta:
        model = StockRecord
        fields = []

    def filter_low_stock(self, queryset, name, value):
        if value is None:
            return queryset
        threshold = StoreSettings.for_request(self.request).low_stock_threshold
        if value:
            return queryset.filter(quantity__lte=threshold)
        return queryset.filter(quantity__gt=threshold)


class StockRecordViewSet(SnippetViewSet):
    chooser_viewset_class = RecordChooserViewSet
    index_view_class = admin_views.SafeExportIndexView
    model = StockRecord
    icon = "tasks"
    menu_label = "Inventory"
    menu_name = "inventory"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    # Kept, not disabled: it is the one-product screen the page editor's stock panel opens, and
    # it saves through `set_stock_quantity` like the list's inline form (lock, check, audit log).
    edit_view_class = admin_views.StockRecordEditView
    filterset_class = StockRecordFilterSet
    search_fields = ["product__title", "product__sku"]
    ordering = ["quantity", "product__title"]
    list_per_page = 50
    list_display = [
        Column("product", label="Product", accessor="product.title", sort_key="product__title"),
        Column("sku", label="SKU", accessor="product.sku"),
        admin_views.QuantityColumn("quantity", label="Quantity", sort_key="quantity"),
        DateColumn("updated_at", label="Updated", sort_key="updated_at"),
    ]
    list_export = ["product.title", "product.sku", "quantity", "updated_at"]
    export_headings = {"product.title": "Product", "product.sku": "SKU"}
    export_filename = "inventory"
    edit_handler = ObjectList(
        [FieldPanel("quantity")], base_form_class=admin_views.StockQuantityForm
    )

    def get_queryset(self, request):
        return StockRecord.objects.select_related("product")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "quantity/<int:pk>/",
                admin_views.set_quantity_view(stock_policy),
                name="set_quantity",
            ),
        ]


register_snippet(OrderViewSet)
register_snippet(StockRecordViewSet)


# --- Audit log and dashboard ----------------------------------------------------------------


@hooks.register("register_log_actions")
def register_shop_log_actions(actions):
    @actions.register_action("shop.order.status")
    class OrderStatusChanged(LogFormatter):
        label = "Change order status"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            labels = dict(OrderStatus.choices)
            return "Status changed from {} to {}".format(
                labels.get(data.get("from"), data.get("from")),
                labels.get(data.get("to"), data.get("to")),
            )

    @actions.register_action("shop.order.payment")
    class OrderPaymentRecorded(LogFormatter):
        label = "Record order payment"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            action = data.get("action")
            if action == "mark_paid":
                return "Marked paid (cash received)"
            if action == "refund":
                return "Refund recorded" + (", units restocked" if data.get("restocked") else "")
            if action == "switch":
                return f"Payment switched from {data.get('from')} to {data.get('to')}"
            return f"Payment {data.get('payment')} re-checked: {data.get('status')}"

    @actions.register_action("shop.stock.quantity")
    class StockQuantitySet(LogFormatter):
        label = "Set stock quantity"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"Quantity set from {data.get('from')} to {data.get('to')}"


@hooks.register("construct_homepage_panels")
def add_fulfilment_panel(request, panels):
    show_orders = order_policy.user_has_any_permission(request.user, ["view", "change"])
    show_stock = stock_policy.user_has_any_permission(request.user, ["view", "change"])
    if show_orders or show_stock:
        panels.append(
            admin_views.FulfilmentPanel(request, show_orders=show_orders, show_stock=show_stock)
        )
