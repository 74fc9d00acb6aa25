"""Demo pictures drawn with Pillow: soft gradients in the shop's palette with a bottle, jar or tube.

Nothing is downloaded and no font files are needed (Pillow's built-in font scales since 10.1).
Every function returns a `PIL.Image.Image`; `to_jpeg` turns one into bytes for the library.
"""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PAPER = "#F7F3EC"
CREAM = "#FFFDF9"
SAND = "#D9D0C3"
SAGE = "#4F5D4A"
ACCENT = "#7A4E2D"
BLUSH = "#EBD3C9"
ROSE = "#D7A99B"
INK = "#2B2622"
MIST = "#E4E8E0"
AMBER = "#B9864E"

PRODUCT_SIZE = (1200, 1500)  # 4:5, the product card and gallery shape
HERO_SIZE = (2400, 1350)
TILE_SIZE = (1200, 800)

CONTAINERS = ("dropper", "pump", "jar", "tube")

# Background pairs (top, bottom) the pictures are tinted with; all from the palette.
BACKDROPS = {
    "paper": (CREAM, SAND),
    "blush": (CREAM, BLUSH),
    "sage": ("#EEF0EA", "#C9CFC2"),
    "clay": (PAPER, "#D8BFA8"),
    "dusk": (BLUSH, "#C9B3A6"),
}


@dataclass(frozen=True)
class Container:
    """What a product comes in, and the colours it is drawn with."""

    shape: str  # one of CONTAINERS
    body: str  # glass or plastic colour
    cap: str


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a: str, b: str, amount: float) -> tuple[int, int, int]:
    ca, cb = _hex(a), _hex(b)
    return tuple(round(x + (y - x) * amount) for x, y in zip(ca, cb, strict=True))


def gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    """A vertical gradient with a soft light glow in the upper part, in RGB."""
    # Pillow's 256-pixel gradients scaled up are smooth and far quicker than drawing lines.
    mask = Image.linear_gradient("L").resize(size, Image.BILINEAR)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    glow = Image.radial_gradient("L").resize((size[0] * 3 // 2, size[1] * 3 // 2))
    glow = glow.point(lambda v: max(0, 150 - v) * 255 // 150 * 55 // 100)
    layer = Image.new("RGB", size, CREAM)
    offset = (-size[0] // 4, -size[1] // 2)
    mask = Image.new("L", size, 0)
    mask.paste(glow, offset)
    return Image.composite(layer, image, mask)


def _soft_shadow(image: Image.Image, box: tuple[int, int, int, int], strength: int = 90) -> None:
    """Darken an ellipse under an object, blurred at low resolution to stay quick."""
    scale = 8
    small = Image.new("L", (image.width // scale, image.height // scale), 0)
    x0, y0, x1, y1 = (v // scale for v in box)
    ImageDraw.Draw(small).ellipse((x0, y0, x1, y1), fill=strength)
    mask = small.filter(ImageFilter.GaussianBlur(3)).resize(image.size, Image.BILINEAR)
    image.paste(Image.new("RGB", image.size, INK), (0, 0), mask)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _label(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], name: str, detail: str
) -> None:
    """The paper label: wordmark, product name (wrapped to fit) and size."""
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=CREAM)
    width = x1 - x0
    # Wide, short labels (jars) are sized by their height so the text never overflows.
    unit = min(width, int((y1 - y0) * 0.8))
    centre = (x0 + x1) // 2
    mark = _font(max(14, unit // 11))
    draw.text((centre, y0 + unit // 10), "V A N T O R", font=mark, fill=SAGE, anchor="mt")
    size = max(16, unit // 9)
    font = _font(size)
    lines = _wrap(draw, name, font, int(width * 0.84))
    while len(lines) > 3 and size > 14:
        size -= 2
        font = _font(size)
        lines = _wrap(draw, name, font, int(width * 0.84))
    y = y0 + (y1 - y0) // 2 - len(lines) * size * 6 // 10
    for line in lines[:3]:
        draw.text((centre, y), line, font=font, fill=INK, anchor="mt")
        y += size * 12 // 10
    if detail:
        draw.text((centre, y1 - unit // 10), detail, font=mark, fill=ACCENT, anchor="mb")


def _highlight(image: Image.Image, box: tuple[int, int, int, int]) -> None:
    """A pale vertical sheen on the left of a body, so the shape reads as glass or plastic."""
    x0, y0, x1, y1 = box
    sheen = (x0 + (x1 - x0) // 9, y0 + (y1 - y0) // 12, x0 + (x1 - x0) // 5, y1 - (y1 - y0) // 12)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(sheen, radius=(sheen[2] - sheen[0]) // 2, fill=70)
    image.paste(Image.new("RGB", image.size, "white"), (0, 0), mask)


def draw_container(
    image: Image.Image,
    container: Container,
    centre_x: int,
    base_y: int,
    height: int,
    name: str = "",
    detail: str = "",
) -> None:
    """Draw a container standing on `base_y`, `height` pixels tall, with an optional label."""
    draw = ImageDraw.Draw(image)
    shape = container.shape
    if shape == "jar":
        width = int(height * 1.35)
        body = (centre_x - width // 2, base_y - int(height * 0.68), centre_x + width // 2, base_y)
        lid = (
            body[0] - width // 40,
            base_y - height,
            body[2] + width // 40,
            body[1] + height // 40,
        )
        _soft_shadow(image, (body[0] - 20, base_y - 40, body[2] + 20, base_y + 40))
        draw.rounded_rectangle(body, radius=width // 10, fill=container.body)
        draw.rounded_rectangle(lid, radius=width // 18, fill=container.cap)
        label = (
            body[0] + width // 8,
            body[1] + height // 10,
            body[2] - width // 8,
            base_y - height // 10,
        )
    elif shape == "tube":
        width = int(height * 0.36)
        cap_h = height // 7
        crimp = (
            centre_x - width // 2 - width // 10,
            base_y - height,
            centre_x + width // 2 + width // 10,
            base_y - height + height // 18,
        )
        _soft_shadow(image, (centre_x - width, base_y - 30, centre_x + width, base_y + 30))
        draw.polygon(
            [
                (crimp[0], crimp[3]),
                (crimp[2], crimp[3]),
                (centre_x + width // 3, base_y - cap_h),
                (centre_x - width // 3, base_y - cap_h),
            ],
            fill=container.body,
        )
        draw.rectangle(crimp, fill=_mix(container.body, INK, 0.15))
        draw.rounded_rectangle(
            (centre_x - width // 3, base_y - cap_h, centre_x + width // 3, base_y),
            radius=width // 14,
            fill=container.cap,
        )
        body = (crimp[0], crimp[3], crimp[2], base_y - cap_h)
        label = (
            centre_x - width * 4 // 10,
            body[1] + height // 9,
            centre_x + width * 4 // 10,
            body[1] + height * 6 // 10,
        )
    else:
        width = int(height * (0.42 if shape == "dropper" else 0.38))
        shoulder = int(height * (0.64 if shape == "dropper" else 0.72))
        body = (centre_x - width // 2, base_y - shoulder, centre_x + width // 2, base_y)
        _soft_shadow(image, (body[0] - 30, base_y - 30, body[2] + 30, base_y + 30))
        draw.rounded_rectangle(body, radius=width // 7, fill=container.body)
        neck_w = width // 3
        collar = (
            centre_x - neck_w // 2 - 6,
            body[1] - height // 9,
            centre_x + neck_w // 2 + 6,
            body[1] + 4,
        )
        draw.rectangle(collar, fill=container.cap)
        if shape == "dropper":
            bulb = (centre_x - neck_w // 3, base_y - height, centre_x + neck_w // 3, collar[1] + 4)
            draw.rounded_rectangle(bulb, radius=neck_w // 3, fill=_mix(container.cap, INK, 0.35))
        else:
            stem = (
                centre_x - neck_w // 8,
                base_y - height + height // 14,
                centre_x + neck_w // 8,
                collar[1],
            )
            draw.rectangle(stem, fill=container.cap)
            head = (
                centre_x - neck_w // 2,
                base_y - height,
                centre_x + neck_w // 2,
                base_y - height + height // 14,
            )
            draw.rounded_rectangle(head, radius=height // 60, fill=container.cap)
            draw.rectangle(
                (head[2] - 4, head[1] + 6, head[2] + neck_w // 2, head[1] + height // 30),
                fill=container.cap,
            )
        label = (
            body[0] + width // 9,
            body[1] + shoulder // 6,
            body[2] - width // 9,
            base_y - shoulder // 7,
        )
    _highlight(image, body)
    if name:
        _label(ImageDraw.Draw(image), label, name, detail)


def product_front(name: str, detail: str, container: Container, backdrop: str) -> Image.Image:
    """The product alone, front on, centred on a soft backdrop: the card and first gallery shot."""
    image = gradient(PRODUCT_SIZE, *BACKDROPS[backdrop])
    height = 640 if container.shape == "jar" else 1000
    draw_container(image, container, PRODUCT_SIZE[0] // 2, 1260, height, name, detail)
    return image


def texture_swatch(texture: str, backdrop: str, seed: str) -> Image.Image:
    """A smear of the formula (cream, gel or oil) seen from above: the second gallery shot."""
    rng = random.Random(seed)
    image = gradient(PRODUCT_SIZE, *BACKDROPS[backdrop])
    scale = 4
    w, h = PRODUCT_SIZE[0] // scale, PRODUCT_SIZE[1] // scale
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    x, y = w * 0.28, h * 0.3
    for _ in range(26):
        # A stroke of overlapping blobs drifting down and across, like a finger swipe.
        r = rng.uniform(w * 0.09, w * 0.16)
        draw.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=235)
        x += rng.uniform(-4, 14)
        y += rng.uniform(4, 12)
    mask = mask.filter(ImageFilter.GaussianBlur(2)).resize(PRODUCT_SIZE, Image.BILINEAR)
    image.paste(Image.new("RGB", PRODUCT_SIZE, texture), (0, 0), mask)
    shine = Image.new("L", (w, h), 0)
    sdraw = ImageDraw.Draw(shine)
    for _ in range(7):
        cx, cy = rng.uniform(w * 0.25, w * 0.7), rng.uniform(h * 0.3, h * 0.75)
        sdraw.ellipse((cx - 9, cy - 3, cx + 9, cy + 3), fill=120)
    shine = shine.filter(ImageFilter.GaussianBlur(2)).resize(PRODUCT_SIZE, Image.BILINEAR)
    image.paste(Image.new("RGB", PRODUCT_SIZE, "white"), (0, 0), shine)
    return image


def _leaf(draw: ImageDraw.ImageDraw, x: int, y: int, length: int, lean: float, colour) -> None:
    """A simple leaf: a lens of two arcs approximated by a polygon."""
    points = []
    for step in range(21):
        t = step / 20
        bulge = length * 0.22 * (1 - (2 * t - 1) ** 2)
        points.append((x + lean * length * t - bulge, y - length * t))
    for step in range(20, -1, -1):
        t = step / 20
        bulge = length * 0.22 * (1 - (2 * t - 1) ** 2)
        points.append((x + lean * length * t + bulge, y - length * t))
    draw.polygon(points, fill=colour)


def _plinth(image: Image.Image, centre_x: int, top_y: int, width: int, colour: str) -> None:
    draw = ImageDraw.Draw(image)
    height = image.height - top_y
    draw.rectangle(
        (centre_x - width // 2, top_y, centre_x + width // 2, top_y + height), fill=colour
    )
    draw.ellipse(
        (centre_x - width // 2, top_y - width // 10, centre_x + width // 2, top_y + width // 10),
        fill=_mix(colour, CREAM, 0.35),
    )


def lifestyle(
    name: str, detail: str, container: Container, backdrop: str, seed: str
) -> Image.Image:
    """The product on a stone plinth among leaves in a tinted room: the third gallery shot."""
    rng = random.Random(seed)
    image = gradient(PRODUCT_SIZE, *BACKDROPS[backdrop])
    draw = ImageDraw.Draw(image)
    leaf = _mix(SAGE, BACKDROPS[backdrop][1], 0.35)
    for _ in range(5):
        _leaf(
            draw,
            rng.randint(80, 1120),
            rng.randint(700, 1100),
            rng.randint(260, 520),
            rng.uniform(-0.6, 0.6),
            leaf,
        )
    _plinth(image, 600, 1180, 760, SAND)
    height = 460 if container.shape == "jar" else 760
    draw_container(image, container, 600, 1190, height, name, detail)
    return image


def scene(
    size: tuple[int, int], containers: list[Container], backdrop: str, seed: str
) -> Image.Image:
    """Several containers on plinths, no words: heroes, category tiles and story pictures."""
    rng = random.Random(seed)
    width, height = size
    image = gradient(size, *BACKDROPS[backdrop])
    draw = ImageDraw.Draw(image)
    leaf = _mix(SAGE, BACKDROPS[backdrop][1], 0.4)
    for _ in range(7):
        _leaf(
            draw,
            rng.randint(0, width),
            rng.randint(height * 2 // 3, height),
            rng.randint(height // 4, height // 2),
            rng.uniform(-0.7, 0.7),
            leaf,
        )
    count = len(containers)
    spacing = width // (count + 1)
    for index, container in enumerate(containers):
        centre_x = spacing * (index + 1)
        top = height * (78 + (index % 2) * 6) // 100
        _plinth(image, centre_x, top, spacing * 4 // 5, SAND)
        tall = height * (38 if container.shape == "jar" else 55) // 100
        if container.shape == "jar":
            # Jars are wider than tall; keep each within its plinth so neighbours never overlap.
            tall = min(tall, spacing * 7 // 10 * 100 // 135)
        draw_container(image, container, centre_x, top + 8, tall)
    return image


def to_jpeg(image: Image.Image) -> bytes:
    """Encode for the image library: progressive JPEG, quality high enough for renditions."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()
