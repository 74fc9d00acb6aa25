"""Catalog pages: the tree rules, what each page puts in its context, and what shoppers see."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalog.models import PRODUCTS_PER_PAGE, CatalogIndexPage, CategoryPage, ProductPage
from catalog.tests.factories import ProductPageFactory
from home.models import HomePage, LandingPage
from shop.models import StockRecord

pytestmark = pytest.mark.django_db


# Tree rules


def test_catalog_index_can_be_created_under_home_only_once(store):
    assert not CatalogIndexPage.can_create_at(store.home)  # max one per parent; "shop" exists


def test_catalog_index_cannot_exist_under_a_category(store):
    assert not CatalogIndexPage.can_exist_under(store.categories[0])


def test_category_can_be_created_under_the_catalog_index(store):
    assert CategoryPage.can_create_at(store.shop)


def test_category_cannot_be_created_under_home(store):
    assert not CategoryPage.can_create_at(store.home)


def test_product_can_be_created_under_a_category(store):
    assert ProductPage.can_create_at(store.categories[0])


@pytest.mark.parametrize("parent", ["home", "shop"])
def test_product_cannot_be_created_outside_a_category(store, parent):
    assert not ProductPage.can_create_at(getattr(store, parent))


def test_product_cannot_have_children(store):
    assert ProductPage.allowed_subpage_models() == []


def test_second_homepage_cannot_be_created(store):
    from wagtail.models import Page

    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_landing_page_can_be_created_under_home(store):
    assert LandingPage.can_create_at(store.home)


# Product rules


def test_compare_at_price_must_be_higher_than_price():
    product = ProductPage(
        title="Oil", slug="oil", sku="X", price=Decimal("100"), compare_at_price=Decimal("90")
    )
    with pytest.raises(ValidationError) as error:
        product.clean()
    assert "compare_at_price" in error.value.message_dict


def test_product_with_higher_compare_at_price_is_on_sale_and_flagged_sale():
    product = ProductPage(
        price=Decimal("100"), compare_at_price=Decimal("120"), is_new_arrival=True
    )
    assert (product.on_sale, product.flag) == (True, "Sale")


def test_new_arrival_flag_wins_over_bestseller():
    product = ProductPage(price=Decimal("100"), is_new_arrival=True, is_bestseller=True)
    assert product.flag == "New"


def test_primary_image_is_the_one_flagged_primary(store):
    product = ProductPageFactory(parent=store.categories[0], gallery=3)
    product.gallery_images.update(is_primary=False)
    product.gallery_images.filter(sort_order=2).update(is_primary=True)
    assert product.primary_image.sort_order == 2


def test_product_without_stock_record_counts_as_sold_out(store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).delete()
    product = ProductPage.objects.get(pk=product.pk)
    assert (product.stock_quantity, product.in_stock) == (0, False)


# Category page


def test_category_lists_its_live_products(client, store):
    category = store.categories[0]
    response = client.get(category.url)
    assert {p.pk for p in response.context["products"]} == {
        p.pk for p in store.products_of(category)
    }


def test_category_leaves_out_unpublished_products(client, store):
    category = store.categories[0]
    hidden = store.products_of(category)[0]
    hidden.unpublish()
    response = client.get(category.url)
    assert hidden.pk not in {p.pk for p in response.context["products"]}


def test_category_sorts_by_price_low_to_high(client, store):
    category = store.categories[0]
    for product, price in zip(store.products_of(category), ["30", "10", "20"], strict=True):
        ProductPage.objects.filter(pk=product.pk).update(price=Decimal(price))
    response = client.get(category.url, {"sort": "price_asc"})
    assert [p.price for p in response.context["products"]] == [10, 20, 30]


def test_category_sorts_by_price_high_to_low(client, store):
    category = store.categories[0]
    for product, price in zip(store.products_of(category), ["30", "10", "20"], strict=True):
        ProductPage.objects.filter(pk=product.pk).update(price=Decimal(price))
    response = client.get(category.url, {"sort": "price_desc"})
    assert [p.price for p in response.context["products"]] == [30, 20, 10]


def test_category_unknown_sort_falls_back_to_featured(client, store):
    response = client.get(store.categories[0].url, {"sort": "'; drop table"})
    assert response.context["sort"] == "featured"


def test_category_offers_every_sort(client, store):
    response = client.get(store.categories[0].url)
    assert [key for key, _ in response.context["sort_options"]] == [
        "featured",
        "newest",
        "price_asc",
        "price_desc",
    ]


def test_category_paginates(client, build_store):
    from testing.storefront import add_products

    store = build_store(categories=["Serums"], products_per_category=0)
    add_products(store, store.categories[0], PRODUCTS_PER_PAGE + 1)
    response = client.get(store.categories[0].url, {"page": "2"})
    assert (response.context["page_obj"].number, len(response.context["products"])) == (2, 1)


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("99", 1), ("-1", 1)])
def test_category_out_of_range_page_shows_a_real_page(client, store, page, expected):
    response = client.get(store.categories[0].url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


def test_category_shows_prices_formatted(client, store):
    response = client.get(store.categories[0].url)
    assert "Rs. 2,500.00" in response.content.decode()


def test_unpublished_category_is_not_found(client, store):
    store.categories[0].unpublish()
    assert client.get(store.categories[0].url).status_code == 404


# Product page


def test_product_page_shows_title_price_and_add_to_cart_form(client, store):
    product = store.products[0]
    html = client.get(product.url).content.decode()
    assert product.title in html
    assert "Rs. 2,500.00" in html
    assert f'action="/cart/add/{product.pk}/"' in html


def test_product_page_gallery_is_in_order(client, store):
    product = ProductPageFactory(parent=store.categories[0], gallery=3)
    response = client.get(product.url)
    assert [item.sort_order for item in response.context["gallery"]] == [0, 1, 2]


def test_related_products_are_live_siblings_without_the_product(client, store):
    product, sibling, unpublished = store.products_of(store.categories[0])
    unpublished.unpublish()
    response = client.get(product.url)
    assert [p.pk for p in response.context["related_products"]] == [sibling.pk]


def test_sold_out_product_page_has_no_add_to_cart_form(client, store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).update(quantity=0)
    html = client.get(product.url).content.decode()
    assert "Sold out" in html
    assert f'action="/cart/add/{product.pk}/"' not in html


def test_low_stock_is_announced(client, store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).update(quantity=2)
    assert "Only 2 left" in client.get(product.url).content.decode()


def test_unpublished_product_is_not_found(client, store):
    product = store.products[0]
    product.unpublish()
    assert client.get(product.url).status_code == 404


def test_product_under_wrong_category_path_is_not_found(client, store):
    product = store.products_of(store.categories[0])[0]
    wrong = f"{store.categories[1].url}{product.slug}/"
    assert client.get(wrong).status_code == 404


# Catalog index


def test_catalog_index_lists_live_categories_in_tree_order(client, store):
    store.categories[1].unpublish()
    response = client.get(store.shop.url)
    assert [c.pk for c in response.context["categories"]] == [store.categories[0].pk]


# Header


@pytest.mark.parametrize("page", ["home", "shop", "category", "product", "cart"])
def test_header_shows_the_cart_count_on_every_page(client, store, page):
    client.post(f"/cart/add/{store.products[0].pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{store.products[1].pk}/", {"quantity": "1"})
    url = {
        "home": store.home.url,
        "shop": store.shop.url,
        "category": store.categories[0].url,
        "product": store.products[2].url,
        "cart": "/cart/",
    }[page]
    assert "data-cart-count>3</span>" in client.get(url).content.decode()
