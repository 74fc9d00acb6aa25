"""store.wagtail.renditions: the renditions Wagtail makes for the same specs, Filters made once."""

import pytest

from catalog import renditions as specs
from store.wagtail.renditions import filter_for, renditions_for, responsive_img

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(store):
    return store.products[0].primary_image.image


def test_same_renditions_as_wagtails_get_rendition(image):
    ours = renditions_for(image, specs.CARD)
    wagtails = [image.get_rendition(spec) for spec in specs.CARD]
    assert [(r.url, r.width, r.height) for r in ours] == [
        (r.url, r.width, r.height) for r in wagtails
    ]


def test_responsive_img_uses_the_smallest_rendition_and_lists_them_all(image):
    html = responsive_img(image, specs.CARD, alt="A bottle", sizes="50vw")
    small, large = (image.get_rendition(spec) for spec in specs.CARD)
    assert f'src="{small.url}"' in html
    assert f'width="{small.width}" height="{small.height}"' in html
    assert f"{small.url} {small.width}w, {large.url} {large.width}w" in html
    assert 'loading="lazy"' in html


def test_a_spec_becomes_a_filter_once_per_process():
    assert filter_for(specs.CARD[0]) is filter_for(specs.CARD[0])
    assert filter_for(specs.CARD[0]).spec == specs.CARD[0]
