"""Putting generated pictures into Wagtail's image library, once each (looked up by title)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model

from . import images
from .catalog_copy import CATEGORIES, FORMATS, CategoryCopy, ProductCopy

# Glass and plastic colours the containers are drawn in; the cap is the palette's sage or ink.
BODY_COLOURS = ("#C8A27A", "#F2EEE6", "#E7DCCD", "#D7A99B", "#B9C2B0", "#FFFDF9")


@dataclass(frozen=True)
class Picture:
    """A library image and the words that describe it to someone who cannot see it."""

    image: object  # the Wagtail image model instance
    alt_text: str


def library_image(title: str, render: Callable[[], PILImage.Image]):
    """The library image called `title`, drawing and saving it only if it is not there yet."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = render()
    data = images.to_jpeg(picture)
    file = ContentFile(data, name=f"{slugify(title)[:80]}.jpg")
    image = Image(title=title, file=file, width=picture.width, height=picture.height)
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    image.save()
    return image


def container_for(category: CategoryCopy, body: str = "", index: int = 0) -> images.Container:
    """The container a category's products come in, tinted by `body` or by position."""
    colour = body or BODY_COLOURS[index % len(BODY_COLOURS)]
    cap = images.SAGE if index % 2 else images.INK
    if category.container == "tube":
        cap = images.ACCENT if index % 2 else images.SAGE
    return images.Container(category.container, colour, cap)


def describe_container(container: images.Container) -> str:
    kind = {"dropper": "dropper bottle", "pump": "pump bottle", "jar": "jar", "tube": "tube"}
    return kind[container.shape]


def product_pictures(product: ProductCopy, category: CategoryCopy, index: int) -> list[Picture]:
    """Front, texture and lifestyle shots of one hand-written product, with alt text."""
    container = container_for(category, product.body, index)
    kind = describe_container(container)
    front = library_image(
        f"{product.name} — front",
        lambda: images.product_front(product.name, product.size, container, category.backdrop),
    )
    texture = library_image(
        f"{product.name} — texture",
        lambda: images.texture_swatch(category.texture, category.backdrop, product.sku),
    )
    scene = library_image(
        f"{product.name} — lifestyle",
        lambda: images.lifestyle(product.name, product.size, container, "sage", product.sku),
    )
    return [
        Picture(front, f"{product.name}, {product.size}, in a Vantor {kind} on a soft backdrop"),
        Picture(texture, f"A swatch of {product.name} showing its texture"),
        Picture(scene, f"{product.name} on a stone plinth among green leaves"),
    ]


def pooled_pictures() -> dict[str, list[Picture]]:
    """Six shared pictures per category, reused by every generated product in it.

    Drawing three pictures for each of 10,000 products would take longer than the whole
    import; a small pool keeps galleries varied while the import stays fast.
    """
    return {category.slug: _pool_for(category) for category in CATEGORIES}


def _pool_for(category: CategoryCopy) -> list[Picture]:
    """Three fronts in different tints (0–2), two textures (3–4) and a lifestyle shot (5)."""
    label = FORMATS[category.slug][0]
    name = category.title.lower()
    pictures = []
    for shade, backdrop in enumerate(("paper", "blush", "clay")):
        container = container_for(category, index=shade + 1)
        render = partial(images.product_front, label, "", container, backdrop)
        pictures.append(
            Picture(
                library_image(f"Pool · {category.title} · front {shade + 1}", render),
                f"A Vantor {describe_container(container)} of {name} on a soft backdrop",
            )
        )
    for shade, backdrop in enumerate(("dusk", "sage")):
        render = partial(images.texture_swatch, category.texture, backdrop, f"{name}{shade}")
        pictures.append(
            Picture(
                library_image(f"Pool · {category.title} · texture {shade + 1}", render),
                f"A swatch of {name} formula showing its texture",
            )
        )
    container = container_for(category, index=4)
    render = partial(images.lifestyle, label, "", container, "sage", category.slug)
    pictures.append(
        Picture(
            library_image(f"Pool · {category.title} · lifestyle", render),
            f"A Vantor {describe_container(container)} on a stone plinth among leaves",
        )
    )
    return pictures


def category_tile(category: CategoryCopy) -> Picture:
    """The category's hero: three of its containers on plinths, 3:2."""
    containers = [container_for(category, index=i) for i in range(3)]
    image = library_image(
        f"Category · {category.title}",
        lambda: images.scene(images.TILE_SIZE, containers, category.backdrop, category.slug),
    )
    kind = describe_container(containers[0])
    return Picture(image, f"Three Vantor {kind}s of {category.title.lower()} on stone plinths")


def hero(title: str, shapes: tuple[str, ...], backdrop: str, alt_text: str) -> Picture:
    """A wide (16:9) hero with a row of mixed containers."""
    containers = [
        images.Container(shape, BODY_COLOURS[i % len(BODY_COLOURS)], images.SAGE)
        for i, shape in enumerate(shapes)
    ]
    image = library_image(
        title, lambda: images.scene(images.HERO_SIZE, containers, backdrop, title)
    )
    return Picture(image, alt_text)


def story(title: str, backdrop: str, alt_text: str) -> Picture:
    """A 4:5 picture for image-with-text blocks."""
    containers = [
        images.Container("dropper", "#C8A27A", images.INK),
        images.Container("jar", images.CREAM, images.SAGE),
    ]
    image = library_image(
        title, lambda: images.scene(images.PRODUCT_SIZE, containers, backdrop, title)
    )
    return Picture(image, alt_text)
