"""Product copy blocks render through their templates."""

import pytest

from catalog.blocks import (
    ImageWithTextBlock,
    KeyIngredientListBlock,
    ProductContentBlock,
    QuoteBlock,
    RichTextBlock,
    StepsBlock,
)
from catalog.tests.factories import ImageFactory


def render(block, raw):
    return block.render(block.to_python(raw))


def test_rich_text_renders_its_html():
    html = render(RichTextBlock(), "<p>Cold-pressed <b>oils</b></p>")
    assert html.strip() == '<div class="prose"><p>Cold-pressed <b>oils</b></p></div>'


def test_rich_text_allows_no_raw_html_features():
    assert "embed" not in RichTextBlock().features
    assert "code" not in RichTextBlock().features


def test_key_ingredients_lists_names_and_what_they_do():
    html = render(
        KeyIngredientListBlock(),
        {"heading": "Inside", "ingredients": [{"name": "Squalane", "description": "Moisture."}]},
    )
    assert "<dt>Squalane</dt><dd>Moisture.</dd>" in html


def test_steps_are_a_numbered_list_in_order():
    html = render(StepsBlock(), {"heading": "How to use", "steps": ["Cleanse.", "Apply."]})
    assert "<ol" in html
    assert html.index("Cleanse.") < html.index("Apply.")


def test_quote_escapes_what_editors_type():
    html = render(QuoteBlock(), {"quote": "<script>x</script>", "attribution": "Anjali"})
    assert "<script>" not in html
    assert "— Anjali" in html


@pytest.mark.django_db
def test_image_with_text_puts_the_image_on_the_chosen_side():
    image = ImageFactory()
    html = render(
        ImageWithTextBlock(),
        {
            "image": image.pk,
            "alt_text": "Petals",
            "heading": "Grown in Ilam",
            "text": "<p>Picked at dawn.</p>",
            "image_position": "right",
        },
    )
    assert "image-with-text--right" in html
    assert 'alt="Petals"' in html
    assert "<p>Picked at dawn.</p>" in html


@pytest.mark.parametrize("name", list(ProductContentBlock.base_blocks))
def test_every_product_content_block_has_a_template(name):
    assert ProductContentBlock.base_blocks[name].meta.template


@pytest.mark.parametrize("name", ["text", "key_ingredients", "steps", "quote"])
def test_product_content_block_preview_value_renders(name):
    block = ProductContentBlock.base_blocks[name]
    assert block.render(block.get_preview_value()).strip()


def test_product_content_has_no_raw_html_block():
    from wagtail.blocks import RawHTMLBlock

    assert not any(isinstance(b, RawHTMLBlock) for b in ProductContentBlock.base_blocks.values())
