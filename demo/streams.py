"""StreamField content for the demo pages, in Wagtail's raw JSON shape.

Raw data (`{"type", "value", "id"}` with images and pages as ids) is what the database stores,
so the same functions serve pages saved one by one and rows inserted in bulk.
"""

import uuid
from html import escape

from .catalog_copy import INGREDIENTS, CategoryCopy, ProductCopy
from .library import Picture


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def page_link(page, text: str) -> str:
    """A rich-text link to a page, stored by id so it survives the page moving."""
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def link(label: str, page) -> dict:
    return {"label": label, "page": page.pk, "url": ""}


def picture_block(picture: Picture, heading: str, html: str, position: str = "left") -> dict:
    return block(
        "image_with_text",
        {
            "image": picture.image.pk,
            "alt_text": picture.alt_text,
            "heading": heading,
            "text": html,
            "image_position": position,
        },
    )


def quote(text: str, attribution: str) -> dict:
    return block("quote", {"quote": text, "attribution": attribution})


def product_description(product: ProductCopy, picture: Picture | None = None) -> list[dict]:
    """The story, with the lifestyle picture beside it when there is one, and a quote."""
    blocks = [block("text", paragraphs(product.short_description, product.story))]
    if picture is not None:
        blocks.append(
            picture_block(
                picture,
                "Made slowly, in small batches",
                paragraphs(
                    "Every batch is mixed, filled and labelled by hand in our Lalitpur studio."
                ),
                "right",
            )
        )
    if product.quote:
        blocks.append(quote(*product.quote))
    return blocks


def product_benefits(benefits: tuple[str, ...]) -> list[dict]:
    items = "".join(f"<li>{escape(benefit)}</li>" for benefit in benefits)
    return [block("text", f"<ul>{items}</ul>")]


def product_ingredients(names: tuple[str, ...]) -> list[dict]:
    ingredients = [
        {"type": "item", "value": {"name": name, "description": INGREDIENTS[name]}, "id": str(i)}
        for i, name in enumerate(names)
    ]
    return [
        block("key_ingredients", {"heading": "Key ingredients", "ingredients": ingredients}),
        block(
            "text",
            paragraphs(
                "Free from parabens, mineral oil and synthetic dyes. Never tested on animals."
            ),
        ),
    ]


def product_how_to_use(steps: tuple[str, ...]) -> list[dict]:
    items = [{"type": "item", "value": step, "id": str(i)} for i, step in enumerate(steps)]
    return [block("steps", {"heading": "How to use", "steps": items})]


def category_description(category: CategoryCopy) -> list[dict]:
    return [block("text", category.description)]


def carousel(heading: str, source: str, link_to=None, products=(), limit: int = 8) -> dict:
    value = {
        "heading": heading,
        "source": source,
        "products": [
            {"type": "item", "value": product.pk, "id": str(uuid.uuid4())} for product in products
        ],
        "limit": limit,
        "link": link("View all", link_to) if link_to else {"label": "", "page": None, "url": ""},
    }
    return block("product_carousel", value)


def home_body(*, hero: Picture, story: Picture, shop, serums, landing) -> list[dict]:
    """Every block of the editorial library, in the order a visitor should meet them."""
    return [
        block(
            "hero",
            {
                "image": hero.image.pk,
                "alt_text": hero.alt_text,
                "heading": "Skincare, slowly made",
                "text": "Small-batch formulas from the Himalayas, for skin that feels like yours.",
                "cta": link("Shop the collection", shop),
            },
        ),
        carousel("Featured", "featured", shop),
        picture_block(
            story,
            "Our story",
            paragraphs(
                "Vantor began in a small kitchen in Lalitpur with one balm for a mountain winter.",
                "Today we make thirty formulas, still in small batches, still by hand, with "
                "botanicals grown by farmers we know by name.",
            ),
        ),
        block("category_grid", {"heading": "Shop by category", "categories": []}),
        carousel("Bestsellers", "bestsellers", shop),
        quote(
            "Vantor is the first skincare that made me slow down. My skin has never been calmer.",
            "Anjali, Kathmandu",
        ),
        block(
            "text",
            "<h2>Made for real skin</h2>"
            + paragraphs(
                "Every formula is tested on dry, oily, sensitive and combination skin, at "
                "altitude and through the monsoon.",
            )
            + f"<p>New to serums? Start with {page_link(serums, 'our serums')}.</p>",
        ),
        block(
            "call_to_action",
            {
                "heading": "The Winter Ritual",
                "text": "Four steps to carry dry skin through the cold months.",
                "link": link("Discover the ritual", landing),
            },
        ),
    ]


def landing_body(*, hero: Picture, story: Picture, products, shop, moisturisers) -> list[dict]:
    """The winter campaign: a hero, the four chosen products, and the story behind them."""
    return [
        block(
            "hero",
            {
                "image": hero.image.pk,
                "alt_text": hero.alt_text,
                "heading": "The Winter Ritual",
                "text": "Four steps for skin that the cold, the wind and the heating leave dry.",
                "cta": link("Shop moisturisers", moisturisers),
            },
        ),
        block(
            "text",
            "<h2>Why winter skin needs more</h2>"
            + paragraphs(
                "Cold air holds little water and indoor heat takes the rest. The skin barrier "
                "loses lipids faster than it can make them, and dryness follows.",
                "This ritual puts back what winter takes: oil, water and ceramides, in that order.",
            ),
        ),
        carousel("The ritual, step by step", "chosen", shop, products=products, limit=4),
        picture_block(
            story,
            "Layer from thin to thick",
            paragraphs(
                "Serum first, cream next, balm last: each layer seals in the one beneath it."
            ),
            "right",
        ),
        quote("Three weeks in, my cheeks stopped cracking.", "Sabina, Pokhara"),
        block(
            "call_to_action",
            {
                "heading": "Everything for the cold months",
                "text": "Free shipping on orders over Rs. 5,000.",
                "link": link("Visit the shop", shop),
            },
        ),
    ]
