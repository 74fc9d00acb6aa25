"""The checkout session: the form's one-time token, the orders a session may see, and prefill."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore

from shop.checkout import PLACED_ORDERS_KEPT, CheckoutSession
from shop.models import Order


@pytest.fixture
def checkout_session(rf):
    request = rf.get("/checkout/")
    request.session, request.user = SessionStore(), AnonymousUser()
    return CheckoutSession(request)


def test_checkout_token_stays_the_same_until_renewed(checkout_session):
    token = checkout_session.token()
    assert checkout_session.token() == token
    assert checkout_session.token_is_current(token)


def test_renewing_the_checkout_token_retires_the_old_one(checkout_session):
    old = checkout_session.token()
    new = checkout_session.token(renew=True)
    assert new != old
    assert not checkout_session.token_is_current(old)


def test_empty_token_is_never_current(checkout_session):
    assert not checkout_session.token_is_current("")


def test_remembered_order_is_visible_and_its_token_retired(checkout_session):
    token = checkout_session.token()
    order = Order()
    assert not checkout_session.may_see(order)
    checkout_session.remember_order(order)
    assert checkout_session.may_see(order)
    assert not checkout_session.token_is_current(token)


def test_session_sees_only_its_most_recent_orders(checkout_session):
    orders = [Order() for _ in range(PLACED_ORDERS_KEPT + 1)]
    for order in orders:
        checkout_session.remember_order(order)
    assert not checkout_session.may_see(orders[0])
    assert checkout_session.may_see(orders[-1])


def test_anonymous_shopper_gets_no_prefill(checkout_session):
    assert checkout_session.prefill() == {}
