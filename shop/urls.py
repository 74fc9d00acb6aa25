from django.urls import path

import store.converters  # noqa: F401 - registers <dbid:>

from . import views
from .payments import views as payment_views

app_name = "shop"

urlpatterns = [
    path("cart/", views.cart_detail, name="cart"),
    path("cart/add/<dbid:product_id>/", views.cart_add, name="cart_add"),
    path("cart/update/<dbid:product_id>/", views.cart_update, name="cart_update"),
    path("cart/remove/<dbid:product_id>/", views.cart_remove, name="cart_remove"),
    path("cart/clear/", views.cart_clear, name="cart_clear"),
]

urlpatterns += [
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<uuid:order_number>/", views.order_detail, name="order_detail"),
    path("orders/<uuid:order_number>/pay/", payment_views.retry_payment, name="retry_payment"),
    path(
        "orders/<uuid:order_number>/pay-on-delivery/",
        payment_views.pay_on_delivery,
        name="pay_on_delivery",
    ),
    path(
        "orders/<uuid:order_number>/pay/<slug:provider>/return/",
        payment_views.payment_return,
        name="payment_return",
    ),
    path("payments/stripe/webhook/", payment_views.stripe_webhook, name="stripe_webhook"),
]
