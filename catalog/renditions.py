"""Rendition specs shared by templates and the selectors that prefetch them.

Templates must ask for exactly these specs, or the prefetch misses and each image costs a query.
"""

# Product cards ({% card_image %} in templates/includes/product_card.html)
CARD = ["fill-360x450|format-webp", "fill-720x900|format-webp"]
# {% srcset_image image fill-{480x600,960x1200} format-webp %} on the product page gallery
GALLERY = ["fill-480x600|format-webp", "fill-960x1200|format-webp"]
# {% image image fill-120x150|format-webp %} gallery thumbnails and the cart
THUMB = ["fill-120x150|format-webp"]
# {% srcset_image image fill-{600x400,1200x800} format-webp %} category tiles
TILE = ["fill-600x400|format-webp", "fill-1200x800|format-webp"]
# {% srcset_image image fill-{800x450,1600x900,2400x1350} format-webp %} heroes
HERO = ["fill-800x450|format-webp", "fill-1600x900|format-webp", "fill-2400x1350|format-webp"]
