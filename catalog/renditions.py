"""Rendition specs: the one place templates and the selectors that prefetch them take them from.

Templates ask for a group by name (`{% picture image "GALLERY" ... %}`): a spec that differs from
what a selector prefetched would cost a query per image.
"""

# Product cards ({% card_image %} in templates/includes/product_card.html)
CARD = ["fill-360x450|format-webp", "fill-720x900|format-webp"]
# The product page gallery
GALLERY = ["fill-480x600|format-webp", "fill-960x1200|format-webp"]
# Gallery thumbnails, cart and order summary lines
THUMB = ["fill-120x150|format-webp"]
# Category tiles (catalog index, home category grid)
TILE = ["fill-600x400|format-webp", "fill-1200x800|format-webp"]
# Editorial heroes
HERO = ["fill-800x450|format-webp", "fill-1600x900|format-webp", "fill-2400x1350|format-webp"]
# Image beside text (editorial and product blocks)
SQUARE = ["fill-600x600|format-webp", "fill-1200x1200|format-webp"]

GROUPS = {
    name: specs
    for name, specs in globals().items()
    if name.isupper() and isinstance(specs, list) and name != "GROUPS"
}
