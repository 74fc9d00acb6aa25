"""Pricing: the store's shipping and tax rules, totals of a list of lines, and every reason a
line cannot be sold as asked, with the message the shopper reads."""

from decimal import Decimal

from catalog.models import ProductPage
from shop.pricing import (
    LineProblem,
    PricedLine,
    RequestedLine,
    amount_to_free_shipping,
    check_lines,
    price_lines,
    shipping_for,
    tax_for,
)
from store.models import StoreSettings


def store_settings(**overrides) -> StoreSettings:
    # Unsaved: the rules are plain functions of the settings and need no database.
    values = {
        "flat_shipping_cost": Decimal("150.00"),
        "free_shipping_threshold": Decimal("5000.00"),
        "tax_rate": Decimal("13.00"),
    }
    return StoreSettings(**(values | overrides))


def test_shipping_is_flat_below_the_threshold():
    assert shipping_for(store_settings(), Decimal("4999.99")) == Decimal("150.00")


def test_shipping_is_free_at_the_threshold():
    assert shipping_for(store_settings(), Decimal("5000.00")) == Decimal("0.00")


def test_shipping_is_never_free_when_the_threshold_is_zero():
    settings = store_settings(free_shipping_threshold=Decimal("0"))
    assert shipping_for(settings, Decimal("100000")) == Decimal("150.00")


def test_empty_cart_costs_no_shipping():
    assert shipping_for(store_settings(), Decimal("0")) == Decimal("0.00")


def test_amount_to_free_shipping_is_the_difference_to_the_threshold():
    assert amount_to_free_shipping(store_settings(), Decimal("3800")) == Decimal("1200.00")


def test_amount_to_free_shipping_never_goes_negative():
    assert amount_to_free_shipping(store_settings(), Decimal("9000")) == Decimal("0.00")


def test_tax_is_the_rate_of_the_subtotal_rounded_half_up():
    # 13% of 0.50 is 0.065: half up gives 0.07 where banker's rounding would give 0.06.
    assert tax_for(store_settings(), Decimal("0.50")) == Decimal("0.07")


def test_tax_uses_the_rate_from_store_settings():
    assert tax_for(store_settings(tax_rate=Decimal("5")), Decimal("2500")) == Decimal("125.00")


# Totals


def product(pk=1, title="Rose Serum", price="2500.00") -> ProductPage:
    # Unsaved: pricing reads the id, title and price only.
    return ProductPage(id=pk, page_ptr_id=pk, title=title, price=Decimal(price))


def test_price_lines_adds_shipping_and_tax_below_the_threshold():
    totals = price_lines([PricedLine(product(), 1, None)], store_settings())
    assert (totals.subtotal, totals.shipping, totals.tax, totals.total) == (
        Decimal("2500.00"),
        Decimal("150.00"),
        Decimal("325.00"),
        Decimal("2975.00"),
    )


def test_price_lines_ships_free_at_the_threshold():
    totals = price_lines([PricedLine(product(), 2, None)], store_settings())
    assert (totals.shipping, totals.total) == (Decimal("0.00"), Decimal("5650.00"))


def test_price_lines_says_how_much_more_ships_free():
    totals = price_lines([PricedLine(product(price="3800.00"), 1, None)], store_settings())
    assert totals.to_free_shipping == Decimal("1200.00")


def test_price_lines_of_nothing_is_all_zero():
    totals = price_lines([], store_settings())
    assert totals.as_json() == {
        "subtotal": "0.00",
        "shipping": "0.00",
        "tax": "0.00",
        "total": "0.00",
    }
    assert totals.to_free_shipping == Decimal("0.00")


def test_price_lines_uses_the_live_price_not_the_seen_one():
    line = PricedLine(product(price="2800.00"), 1, Decimal("2500.00"))
    assert price_lines([line], store_settings()).subtotal == Decimal("2800.00")
    assert line.price_changed


# Checking lines against live products and stock


def check(*lines, products=(), stock=None):
    return check_lines(
        [RequestedLine(*line) for line in lines],
        products={p.pk: p for p in products},
        stock=stock or {},
        symbol="Rs.",
    )


def test_line_whose_product_is_gone_is_a_problem():
    problems = check((1, 1, Decimal("2500.00")))
    assert [(p.product_id, p.kind) for p in problems] == [(1, LineProblem.GONE)]
    assert problems[0].message == "An item in your cart is no longer available and was removed."


def test_line_without_stock_is_sold_out():
    problems = check((1, 1, Decimal("2500.00")), products=[product()], stock={1: 0})
    assert [p.kind for p in problems] == [LineProblem.SOLD_OUT]
    assert problems[0].message == "Rose Serum has sold out and was removed from your cart."


def test_line_above_stock_is_short_with_what_is_available():
    problems = check((1, 5, Decimal("2500.00")), products=[product()], stock={1: 2})
    assert [(p.kind, p.available) for p in problems] == [(LineProblem.SHORT, 2)]
    assert problems[0].message == "Only 2 of Rose Serum left; we changed your cart to 2."


def test_changed_price_names_both_prices():
    problems = check((1, 1, Decimal("2500.00")), products=[product(price="2800")], stock={1: 9})
    assert [(p.kind, p.price) for p in problems] == [
        (LineProblem.PRICE_CHANGED, Decimal("2800.00"))
    ]
    assert problems[0].message == (
        "The price of Rose Serum changed from Rs. 2,500.00 to Rs. 2,800.00 since you added it."
    )


def test_unknown_seen_price_counts_as_changed():
    problems = check((1, 1, None), products=[product()], stock={1: 9})
    assert [p.kind for p in problems] == [LineProblem.PRICE_CHANGED]
    assert (
        problems[0].message == "The price of Rose Serum changed to Rs. 2,500.00 since you added it."
    )


def test_short_line_with_a_changed_price_reports_both():
    problems = check((1, 5, Decimal("1.00")), products=[product()], stock={1: 2})
    assert [p.kind for p in problems] == [LineProblem.SHORT, LineProblem.PRICE_CHANGED]


def test_line_that_can_be_sold_as_asked_has_no_problem():
    assert check((1, 2, Decimal("2500.00")), products=[product()], stock={1: 2}) == []


def test_problems_follow_the_order_of_the_lines():
    problems = check(
        (2, 1, Decimal("900.00")),
        (1, 1, Decimal("2500.00")),
        products=[product(), product(pk=2, title="Clay Mask", price="900.00")],
        stock={},
    )
    assert [(p.product_id, p.kind) for p in problems] == [
        (2, LineProblem.SOLD_OUT),
        (1, LineProblem.SOLD_OUT),
    ]
