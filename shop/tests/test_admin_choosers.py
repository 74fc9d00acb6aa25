"""Staff see only what their group allows, through every admin screen, choosers included."""
# ruff: noqa: F811 - pytest fixtures imported by name, then requested by name

import pytest

from shop.tests.helpers import make_order, make_user, staff_in_group  # noqa: F401, F811 - fixtures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/admin/snippets/choose/shop/order/", "/admin/snippets/choose/shop/stockrecord/"]
)
def test_editors_cannot_list_orders_or_stock_through_a_chooser(
    client, store, staff_in_group, make_order, url
):
    make_order()
    client.force_login(staff_in_group("Editors"))
    response = client.get(url)
    assert response.status_code in (302, 403)


def test_fulfilment_staff_may_use_the_order_chooser(client, store, staff_in_group, make_order):
    order = make_order()
    client.force_login(staff_in_group("Fulfilment"))
    response = client.get("/admin/snippets/choose/shop/order/")
    assert response.status_code == 200
    assert order.short_number in response.content.decode()
