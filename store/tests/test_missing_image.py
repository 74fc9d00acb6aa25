"""An image whose original file is gone from storage: pages still render, with a placeholder."""

import pytest

from catalog.models import ProductGalleryImage
from catalog.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_without_its_file(store):
    # An image of this test's own: files are not rolled back with the test's rows.
    product = store.products[0]
    image = ImageFactory(title="Lost original")
    ProductGalleryImage.objects.filter(page=product).update(image=image)
    image.file.storage.delete(image.file.name)
    return product


def test_a_product_page_whose_image_file_is_missing_renders_a_placeholder(
    client, product_without_its_file
):
    response = client.get(product_without_its_file.url)
    assert response.status_code == 200
    assert 'class="image-missing' in response.content.decode()


def test_a_category_page_with_a_missing_image_file_still_lists_the_product(
    client, store, product_without_its_file
):
    category = store.categories[0]
    response = client.get(category.url)
    assert response.status_code == 200
    assert product_without_its_file.title in response.content.decode()


def test_autocomplete_leaves_out_a_thumbnail_it_cannot_make(client, product_without_its_file):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = client.get("/search/autocomplete/", {"q": product_without_its_file.title[:6]})
    assert response.status_code == 200
    results = {result["id"]: result for result in response.json()["results"]}
    assert results[product_without_its_file.pk]["thumbnail"] is None
