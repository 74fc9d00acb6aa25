"""The demo store's words: categories, ingredients, and name parts for generated products.

The hand-written products are in `demo.products`. Kept as plain data so the builder stays about
building. Prices are NPR strings (turned into `Decimal` by the builder); `flags` letters are
f(eatured), b(estseller), n(ew arrival).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CategoryCopy:
    slug: str
    title: str
    intro: str
    description: str  # rich text HTML
    container: str  # what its products usually come in: dropper, pump, jar or tube
    texture: str  # colour of the formula, for texture swatches
    backdrop: str
    how_to_use: tuple[str, ...]


@dataclass(frozen=True)
class ProductCopy:
    name: str
    category: str  # CategoryCopy.slug
    sku: str
    size: str
    price: str
    short_description: str
    story: str
    ingredients: tuple[str, ...]  # keys of INGREDIENTS
    benefits: tuple[str, ...]
    tags: tuple[str, ...]
    flags: str = ""
    compare_at_price: str | None = None
    stock: int = 0  # 0 means "pick a healthy level"; see SOLD_OUT_SKU for the one at zero
    body: str = ""  # container colour override
    quote: tuple[str, str] | None = None
    how_to_use: tuple[str, ...] = field(default_factory=tuple)


CATEGORIES = (
    CategoryCopy(
        slug="cleansers",
        title="Cleansers",
        intro="Gentle washes, balms and milks that lift the day away without stripping the skin.",
        description=(
            "<p>A good cleanser leaves skin soft, never tight. Ours are pH-balanced, free of "
            "harsh sulphates and made to be used twice a day, every day.</p>"
        ),
        container="tube",
        texture="#FBF6EE",
        backdrop="paper",
        how_to_use=(
            "Massage a small amount over damp skin for thirty seconds.",
            "Rinse with lukewarm water.",
            "Pat dry and follow with serum.",
        ),
    ),
    CategoryCopy(
        slug="serums",
        title="Serums",
        intro="Concentrated treatments for one concern at a time: glow, calm, clarity or firmness.",
        description=(
            "<p>Serums carry the most active ingredients in the lightest texture. Use one or two, "
            "morning or night, after cleansing and before moisturiser.</p>"
        ),
        container="dropper",
        texture="#F3E3C3",
        backdrop="blush",
        how_to_use=(
            "After cleansing, warm three drops between your fingertips.",
            "Press gently into face and neck.",
            "Follow with moisturiser, and SPF in the morning.",
        ),
    ),
    CategoryCopy(
        slug="moisturisers",
        title="Moisturisers",
        intro="Creams and gels that hold moisture in and keep the skin barrier strong.",
        description=(
            "<p>From whipped gel creams for oily skin to rich balms for winter, each moisturiser "
            "is built around skin-identical lipids that help the barrier repair itself.</p>"
        ),
        container="jar",
        texture="#FFFBF3",
        backdrop="clay",
        how_to_use=(
            "Warm a pea-sized amount between your fingertips.",
            "Smooth over face and neck in upward strokes.",
            "Use morning and night.",
        ),
    ),
    CategoryCopy(
        slug="masks",
        title="Masks",
        intro="Ten quiet minutes: clays, enzymes and overnight masks for a weekly reset.",
        description=(
            "<p>Masks do in minutes what daily care does over weeks. Use one or two a week, on "
            "clean skin, and give yourself the time.</p>"
        ),
        container="jar",
        texture="#C9D1BD",
        backdrop="sage",
        how_to_use=(
            "Apply an even layer to clean, dry skin, avoiding the eyes.",
            "Leave for ten minutes.",
            "Rinse with warm water and a soft cloth.",
        ),
    ),
    CategoryCopy(
        slug="eye-care",
        title="Eye care",
        intro="Light creams and cooling gels for the thinnest, most tired skin on the face.",
        description=(
            "<p>The skin around the eyes is thinner and drier than anywhere else. These "
            "formulas are ophthalmologist-tested and fragrance-free.</p>"
        ),
        container="tube",
        texture="#F6F0E6",
        backdrop="dusk",
        how_to_use=(
            "Take a rice-grain amount on your ring finger.",
            "Tap gently along the orbital bone, from the inner corner outwards.",
            "Use morning and night.",
        ),
    ),
    CategoryCopy(
        slug="sun-care",
        title="Sun care",
        intro="Weightless daily protection that disappears into every skin tone.",
        description=(
            "<p>Sunscreen is the most effective anti-ageing step there is. Ours leave no white "
            "cast, sit well under make-up and are tested at altitude.</p>"
        ),
        container="tube",
        texture="#FFF8EC",
        backdrop="clay",
        how_to_use=(
            "Apply two finger-lengths to face and neck as the last step of your morning routine.",
            "Reapply every two hours outdoors.",
            "Reapply after swimming or sweating.",
        ),
    ),
    CategoryCopy(
        slug="body",
        title="Body",
        intro="Oils, lotions and scrubs that bring the face routine to the rest of the skin.",
        description=(
            "<p>Body care made with the same care as our facial formulas: cold-pressed oils, "
            "gentle exfoliants and scents taken from Himalayan botanicals.</p>"
        ),
        container="pump",
        texture="#EED9B7",
        backdrop="sage",
        how_to_use=(
            "Apply to damp skin after bathing.",
            "Massage in long strokes towards the heart.",
            "Let it sink in for a minute before dressing.",
        ),
    ),
)

# What each ingredient does, written once and quoted wherever a product uses it.
INGREDIENTS = {
    "Aloe vera": "Cools and soothes skin after the sun.",
    "Bakuchiol": "A plant alternative to retinol that smooths without irritation.",
    "Caffeine": "Helps the look of puffiness and dark circles fade.",
    "Camellia oil": "A light oil that melts make-up and sunscreen away.",
    "Centella asiatica": "Calms redness and supports the skin's own repair.",
    "Ceramides": "Skin-identical lipids that rebuild a weak barrier.",
    "Glycerin": "Draws water into the skin and keeps it there.",
    "Green tea": "An antioxidant that calms oil and redness.",
    "Honey": "A humectant that soothes and softens.",
    "Hyaluronic acid": "Holds many times its weight in water for plump, dewy skin.",
    "Kaolin clay": "Soaks up excess oil without drying.",
    "Niacinamide": "Refines the look of pores and evens tone.",
    "Oat kernel": "Soothes dry, itchy and sensitive skin.",
    "Papaya enzyme": "Dissolves dull surface cells without scrubbing.",
    "Peptides": "Support firmness and the look of fewer fine lines.",
    "Pumpkin enzyme": "A gentle resurfacer for brighter skin.",
    "Retinal": "A fast-acting vitamin A that smooths texture and lines.",
    "Rice powder": "Polishes softly and brightens.",
    "Rosehip oil": "Rich in vitamin A and fatty acids for a smoother tone.",
    "Saffron": "A Himalayan spice that brings back the glow.",
    "Salicylic acid": "Clears pores from the inside to prevent blemishes.",
    "Shea butter": "Deep, lasting comfort for very dry skin.",
    "Squalane": "Light, skin-identical moisture that never feels greasy.",
    "Tulsi": "Holy basil, a purifying botanical used for centuries.",
    "Vitamin C": "Brightens, evens tone and defends against pollution.",
    "Vitamin E": "An antioxidant that protects and softens.",
    "Zinc oxide": "Mineral protection from UVA and UVB.",
    "Zinc PCA": "Balances oil through the day.",
}

# Name parts for generated products: "<mood> <active> <format>", e.g. "Velvet Peptide Cream".
MOODS = (
    "Luminous",
    "Velvet",
    "Cloud",
    "Dewy",
    "Calm",
    "Midnight",
    "Morning",
    "Silk",
    "Barrier",
    "Clarity",
    "Rose",
    "Cedar",
    "Himalayan",
    "Saffron",
    "Monsoon",
    "Alpine",
    "Golden",
    "Pure",
)
ACTIVES = (
    "Peptide",
    "Niacinamide",
    "Ceramide",
    "Vitamin C",
    "Squalane",
    "Bakuchiol",
    "Hyaluronic",
    "Centella",
    "Green Tea",
    "Ginseng",
    "Retinal",
    "Jojoba",
    "Tulsi",
    "Oat",
    "Rice",
    "Honey",
)
FORMATS = {
    "cleansers": ("Cleansing Balm", "Gel Cleanser", "Cleansing Milk", "Foaming Wash"),
    "serums": ("Serum", "Essence", "Drops", "Concentrate"),
    "moisturisers": ("Cream", "Gel Cream", "Emulsion", "Moisturiser"),
    "masks": ("Clay Mask", "Sleeping Mask", "Enzyme Mask", "Cream Mask"),
    "eye-care": ("Eye Cream", "Eye Serum", "Eye Balm", "Eye Gel"),
    "sun-care": ("SPF 30 Fluid", "SPF 50 Milk", "Mineral SPF 40", "SPF 50 Stick"),
    "body": ("Body Oil", "Body Lotion", "Hand Cream", "Body Wash"),
}
SIZES = {
    "cleansers": ("100 ml", "150 ml", "200 ml"),
    "serums": ("15 ml", "30 ml", "50 ml"),
    "moisturisers": ("30 ml", "50 ml", "75 ml"),
    "masks": ("50 ml", "75 ml", "100 ml"),
    "eye-care": ("10 ml", "15 ml", "20 ml"),
    "sun-care": ("40 ml", "50 ml", "100 ml"),
    "body": ("100 ml", "200 ml", "250 ml"),
}
SKIN_TYPES = ("Dry skin", "Oily skin", "Sensitive skin", "Combination skin")
CONCERNS = ("Hydration", "Dullness", "Fine lines", "Blemishes", "Redness")
