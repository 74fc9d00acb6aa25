"""StreamField blocks for product copy; the editorial library in `home.blocks` reuses some."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def preview_image():
    """An image from the library for block previews in the editor (None in an empty library)."""
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("-pk").first()


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "catalog/blocks/rich_text.html"
        preview_value = "<p>Cold-pressed oils, slow-steeped botanicals, nothing you don't need.</p>"
        description = "Formatted text: paragraphs, headings, lists and links."


class KeyIngredientBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    description = blocks.TextBlock(required=False, help_text="What it does for the skin.")

    class Meta:
        icon = "pick"
        label = "Ingredient"


class KeyIngredientListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default="Key ingredients")
    ingredients = blocks.ListBlock(KeyIngredientBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Key ingredients"
        template = "catalog/blocks/key_ingredients.html"
        preview_value = {
            "heading": "Key ingredients",
            "ingredients": [
                {"name": "Niacinamide", "description": "Refines the look of pores."},
                {"name": "Squalane", "description": "Light, skin-identical moisture."},
            ],
        }
        description = "A short list of ingredients with what each does."


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default="How to use")
    steps = blocks.ListBlock(blocks.TextBlock(label="Step"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Numbered steps"
        template = "catalog/blocks/steps.html"
        preview_value = {
            "heading": "How to use",
            "steps": ["Cleanse and pat dry.", "Press two drops into the skin.", "Follow with SPF."],
        }
        description = "A routine, one step per line."


class ImageWithTextBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=200, help_text="Describe the image for people who cannot see it."
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = RichTextBlock()
    image_position = blocks.ChoiceBlock(
        choices=[("left", "Image on the left"), ("right", "Image on the right")], default="left"
    )

    class Meta:
        icon = "image"
        label = "Image with text"
        preview_value = staticmethod(
            lambda: {
                "image": preview_image(),
                "alt_text": "A jar of balm on a linen cloth",
                "heading": "Slow-made, in small batches",
                "text": "<p>Every jar is poured by hand in our Kathmandu studio.</p>",
                "image_position": "left",
            }
        )
        template = "catalog/blocks/image_with_text.html"
        description = "A picture beside a short story."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "catalog/blocks/quote.html"
        preview_value = {
            "quote": "My skin has never felt calmer. It is the one bottle I travel with.",
            "attribution": "Anjali, Kathmandu",
        }
        description = "A testimonial or a line worth setting large."


class ProductContentBlock(blocks.StreamBlock):
    """What a product's description, benefits, ingredients and how-to-use fields allow."""

    text = RichTextBlock()
    key_ingredients = KeyIngredientListBlock()
    steps = StepsBlock()
    image_with_text = ImageWithTextBlock()
    quote = QuoteBlock()
