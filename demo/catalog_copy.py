"""The demo store's words: categories, hand-written products, and name parts for generated ones.

Kept as plain data so the builder stays about building. Prices are NPR strings (turned into
`Decimal` by the builder); `flags` letters are f(eatured), b(estseller), n(ew arrival).
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

# The one product that is sold out (stock 0), and the draft that is never published.
SOLD_OUT_SKU = "VNT-MSK-019"
LOW_STOCK = {"VNT-SRM-009": 3, "VNT-EYE-023": 5, "VNT-BDY-031": 2}

PRODUCTS = (
    ProductCopy(
        "Cloud Milk Cleanser",
        "cleansers",
        "VNT-CLN-001",
        "150 ml",
        "2400",
        "A creamy milk that cleanses and comforts dry, sensitive skin.",
        "Made with colloidal oat and squalane, it removes make-up and the day's grime while "
        "leaving skin soft enough to skip toner.",
        ("Oat kernel", "Squalane", "Glycerin"),
        ("Cleanses without tightness", "Calms sensitive skin", "Removes light make-up"),
        ("Dry skin", "Sensitive skin", "Hydration"),
        flags="b",
    ),
    ProductCopy(
        "Clarity Gel Cleanser",
        "cleansers",
        "VNT-CLN-002",
        "150 ml",
        "2200",
        "A clear gel with salicylic acid that keeps pores clean.",
        "A low-foam gel for oily and combination skin. Salicylic acid works inside the pore while "
        "green tea keeps redness down.",
        ("Salicylic acid", "Green tea", "Zinc PCA"),
        ("Clears congested pores", "Controls shine", "Gentle enough for daily use"),
        ("Oily skin", "Combination skin", "Blemishes"),
    ),
    ProductCopy(
        "Rose Cleansing Balm",
        "cleansers",
        "VNT-CLN-003",
        "100 ml",
        "3200",
        "A melting balm that dissolves make-up and SPF in one step.",
        "Rosehip and camellia oils melt into a silky oil on contact, then rinse clean with water. "
        "The first step of a slow evening routine.",
        ("Rosehip oil", "Camellia oil", "Vitamin E"),
        ("Melts long-wear make-up", "Leaves skin supple", "Rinses without residue"),
        ("Dry skin", "Dullness"),
        flags="f",
        compare_at_price="3800",
    ),
    ProductCopy(
        "Rice Enzyme Powder",
        "cleansers",
        "VNT-CLN-004",
        "60 g",
        "2800",
        "A powder-to-foam exfoliating cleanser for brighter skin.",
        "Rice powder and papaya enzyme turn to a soft foam with water, polishing away dullness "
        "without a single gritty bead.",
        ("Rice powder", "Papaya enzyme", "Kaolin clay"),
        ("Brightens dull skin", "Smooths texture", "Travels well"),
        ("Dullness", "Combination skin"),
        flags="n",
    ),
    ProductCopy(
        "Tulsi Foaming Wash",
        "cleansers",
        "VNT-CLN-005",
        "200 ml",
        "1800",
        "A fresh foaming wash with holy basil for oily skin.",
        "Tulsi and green tea purify while glycerin keeps skin comfortable. A morning wash that "
        "wakes you up.",
        ("Tulsi", "Green tea", "Glycerin"),
        ("Purifies", "Balances oil", "Fresh herbal scent"),
        ("Oily skin", "Blemishes"),
    ),
    ProductCopy(
        "Luminous Vitamin C Serum",
        "serums",
        "VNT-SRM-006",
        "30 ml",
        "5400",
        "A stable vitamin C serum for visibly brighter, even skin.",
        "Fifteen per cent vitamin C with vitamin E and ferulic acid, in an amber bottle that keeps "
        "the light out. Glow you can see in two weeks.",
        ("Vitamin C", "Vitamin E", "Hyaluronic acid"),
        ("Brightens dull skin", "Evens tone", "Defends against pollution"),
        ("Dullness", "Fine lines"),
        flags="fb",
        quote=("My skin looks rested even when I am not.", "Priya, Lalitpur"),
    ),
    ProductCopy(
        "Barrier Ceramide Serum",
        "serums",
        "VNT-SRM-007",
        "30 ml",
        "4800",
        "A milky serum that rebuilds a stressed skin barrier.",
        "Three ceramides and centella in a fluid that sinks in at once. For skin that stings, "
        "flakes or reacts to everything.",
        ("Ceramides", "Centella asiatica", "Squalane"),
        ("Strengthens the barrier", "Calms redness", "Comfort that lasts all day"),
        ("Dry skin", "Sensitive skin", "Redness"),
    ),
    ProductCopy(
        "Clarity Niacinamide Serum",
        "serums",
        "VNT-SRM-008",
        "30 ml",
        "3600",
        "Ten per cent niacinamide with zinc for clearer, calmer skin.",
        "A water-light serum that refines pores, balances oil and fades the marks blemishes "
        "leave behind.",
        ("Niacinamide", "Zinc PCA", "Green tea"),
        ("Refines pores", "Balances oil", "Fades post-blemish marks"),
        ("Oily skin", "Blemishes", "Combination skin"),
        compare_at_price="4200",
    ),
    ProductCopy(
        "Midnight Retinal Serum",
        "serums",
        "VNT-SRM-009",
        "30 ml",
        "6900",
        "Encapsulated retinal for smoother skin by morning.",
        "Retinal works faster than retinol with less irritation. Bakuchiol and squalane keep "
        "skin calm while it renews.",
        ("Retinal", "Bakuchiol", "Squalane"),
        ("Smooths fine lines", "Refines texture", "Gentle on first-time users"),
        ("Fine lines", "Dullness"),
        flags="n",
    ),
    ProductCopy(
        "Dew Hyaluronic Serum",
        "serums",
        "VNT-SRM-010",
        "30 ml",
        "4200",
        "Five weights of hyaluronic acid for deep, lasting hydration.",
        "A clear serum that plumps from the surface down. Layer it under any moisturiser, any "
        "time of year.",
        ("Hyaluronic acid", "Glycerin", "Centella asiatica"),
        ("Plumps instantly", "Hydrates for 24 hours", "Suits every skin type"),
        ("Hydration", "Dry skin"),
        flags="b",
    ),
    ProductCopy(
        "Saffron Glow Oil",
        "serums",
        "VNT-SRM-011",
        "30 ml",
        "7500",
        "A precious facial oil with Himalayan saffron for radiant skin.",
        "Saffron steeped in cold-pressed oils for six weeks, bottled by hand. Three drops at night "
        "and skin wakes up glowing.",
        ("Saffron", "Rosehip oil", "Squalane"),
        ("Restores radiance", "Nourishes dry skin", "Softens overnight"),
        ("Dullness", "Dry skin"),
        flags="fn",
        body="#C9913F",
    ),
    ProductCopy(
        "Velvet Ceramide Cream",
        "moisturisers",
        "VNT-MST-012",
        "50 ml",
        "5200",
        "A rich cream that repairs and comforts dry skin.",
        "Ceramides and shea butter in a cream that feels like velvet and lasts through a "
        "Kathmandu winter.",
        ("Ceramides", "Shea butter", "Squalane"),
        ("Repairs the barrier", "Comfort all day", "Fragrance-free"),
        ("Dry skin", "Sensitive skin"),
        flags="b",
        quote=("The only cream that got me through the winter.", "Sabina, Pokhara"),
    ),
    ProductCopy(
        "Cloud Gel Cream",
        "moisturisers",
        "VNT-MST-013",
        "50 ml",
        "4400",
        "A weightless gel cream for oily and combination skin.",
        "Whipped with hyaluronic acid and niacinamide, it hydrates without shine and sits "
        "perfectly under sunscreen.",
        ("Hyaluronic acid", "Niacinamide", "Green tea"),
        ("Hydrates without shine", "Mattifies", "Layers under make-up"),
        ("Oily skin", "Combination skin", "Hydration"),
    ),
    ProductCopy(
        "Calm Centella Moisturiser",
        "moisturisers",
        "VNT-MST-014",
        "50 ml",
        "4600",
        "A soothing moisturiser that takes the heat out of red, reactive skin.",
        "Centella, oat and ceramides in a soft lotion-cream. Tested on sensitive skin.",
        ("Centella asiatica", "Oat kernel", "Ceramides"),
        ("Calms redness", "Soothes", "Strengthens"),
        ("Sensitive skin", "Redness"),
        compare_at_price="5400",
    ),
    ProductCopy(
        "Overnight Peptide Cream",
        "moisturisers",
        "VNT-MST-015",
        "50 ml",
        "8200",
        "A firming night cream with peptides and bakuchiol.",
        "A cushiony cream that works while you sleep: peptides for firmness, bakuchiol for "
        "smoothness, shea butter for comfort.",
        ("Peptides", "Bakuchiol", "Shea butter"),
        ("Firms", "Smooths fine lines", "Wakes skin up soft"),
        ("Fine lines", "Dry skin"),
        flags="f",
    ),
    ProductCopy(
        "Himalayan Barrier Balm",
        "moisturisers",
        "VNT-MST-016",
        "30 ml",
        "3800",
        "A multi-use balm for wind-chapped cheeks, lips and hands.",
        "Made for high altitude: a dense balm of shea, squalane and vitamin E that shields "
        "skin from cold and wind.",
        ("Shea butter", "Squalane", "Vitamin E"),
        ("Protects from cold and wind", "Heals chapping", "One balm, many uses"),
        ("Dry skin",),
        flags="n",
    ),
    ProductCopy(
        "Green Clay Purifying Mask",
        "masks",
        "VNT-MSK-017",
        "75 ml",
        "3200",
        "A clay mask that draws out oil and clears congestion.",
        "Kaolin and green tea lift impurities in ten minutes without leaving skin tight.",
        ("Kaolin clay", "Green tea", "Salicylic acid"),
        ("Unclogs pores", "Absorbs excess oil", "Leaves skin fresh"),
        ("Oily skin", "Blemishes"),
    ),
    ProductCopy(
        "Honey Sleeping Mask",
        "masks",
        "VNT-MSK-018",
        "75 ml",
        "3900",
        "An overnight mask of honey and hyaluronic acid.",
        "The last step of the evening: a gel-balm that seals in moisture while you sleep.",
        ("Honey", "Hyaluronic acid", "Squalane"),
        ("Deeply hydrates", "Softens overnight", "Soothes"),
        ("Dry skin", "Hydration"),
        flags="b",
    ),
    ProductCopy(
        "Pumpkin Enzyme Mask",
        "masks",
        "VNT-MSK-019",
        "50 ml",
        "4100",
        "A warming enzyme mask for instantly brighter skin.",
        "Pumpkin and papaya enzymes dissolve dull surface cells in ten minutes. Skin looks "
        "polished, never raw.",
        ("Pumpkin enzyme", "Papaya enzyme", "Honey"),
        ("Brightens instantly", "Smooths texture", "No scrubbing"),
        ("Dullness",),
        compare_at_price="4800",
    ),
    ProductCopy(
        "Oat Soothing Mask",
        "masks",
        "VNT-MSK-020",
        "75 ml",
        "3400",
        "A cooling cream mask for skin that is red and irritated.",
        "Colloidal oat and centella calm skin after sun, wind or a reaction.",
        ("Oat kernel", "Centella asiatica", "Aloe vera"),
        ("Calms irritation", "Cools", "Hydrates"),
        ("Sensitive skin", "Redness"),
        flags="n",
    ),
    ProductCopy(
        "Bright Eyes Caffeine Serum",
        "eye-care",
        "VNT-EYE-021",
        "15 ml",
        "3800",
        "A cooling roller serum that wakes up tired eyes.",
        "Caffeine and niacinamide reduce the look of puffiness and dark circles in minutes.",
        ("Caffeine", "Niacinamide", "Hyaluronic acid"),
        ("De-puffs", "Brightens dark circles", "Cools on contact"),
        ("Dullness",),
    ),
    ProductCopy(
        "Peptide Eye Cream",
        "eye-care",
        "VNT-EYE-022",
        "15 ml",
        "5600",
        "A firming eye cream for fine lines and crêpey skin.",
        "Peptides and squalane in a soft cream that smooths the look of lines around the eyes.",
        ("Peptides", "Squalane", "Ceramides"),
        ("Smooths fine lines", "Firms", "Hydrates"),
        ("Fine lines",),
        flags="f",
    ),
    ProductCopy(
        "Cooling Eye Gel",
        "eye-care",
        "VNT-EYE-023",
        "15 ml",
        "2900",
        "A light gel that cools and hydrates the eye area.",
        "Aloe and hyaluronic acid in a clear gel, best kept in the fridge.",
        ("Aloe vera", "Hyaluronic acid", "Green tea"),
        ("Cools", "Hydrates", "Soothes"),
        ("Hydration",),
    ),
    ProductCopy(
        "Overnight Eye Balm",
        "eye-care",
        "VNT-EYE-024",
        "15 ml",
        "4600",
        "A rich balm for dry, tired eyes.",
        "Shea butter and bakuchiol cushion the delicate skin around the eyes overnight.",
        ("Shea butter", "Bakuchiol", "Vitamin E"),
        ("Nourishes", "Smooths", "Comforts"),
        ("Fine lines", "Dry skin"),
    ),
    ProductCopy(
        "Daily Shield SPF 50 Fluid",
        "sun-care",
        "VNT-SUN-025",
        "50 ml",
        "3400",
        "An invisible SPF 50 fluid for every day.",
        "Broad-spectrum protection in a weightless fluid with niacinamide. No white cast, no "
        "shine.",
        ("Niacinamide", "Vitamin E", "Glycerin"),
        ("SPF 50, broad spectrum", "No white cast", "Works under make-up"),
        ("Combination skin", "Oily skin"),
        flags="fb",
    ),
    ProductCopy(
        "Mineral Veil SPF 30",
        "sun-care",
        "VNT-SUN-026",
        "50 ml",
        "3600",
        "A gentle mineral sunscreen for sensitive skin.",
        "Zinc oxide in a sheer, tinted-free lotion that calms as it protects.",
        ("Zinc oxide", "Centella asiatica", "Squalane"),
        ("Mineral protection", "Calms redness", "Fragrance-free"),
        ("Sensitive skin", "Redness"),
    ),
    ProductCopy(
        "Tinted Glow SPF 40",
        "sun-care",
        "VNT-SUN-027",
        "40 ml",
        "4200",
        "A sheer tint with SPF 40 for a quiet, healthy glow.",
        "Adapts to most skin tones and replaces foundation on easy days.",
        ("Zinc oxide", "Hyaluronic acid", "Vitamin C"),
        ("Evens tone", "SPF 40", "Dewy finish"),
        ("Dullness", "Dry skin"),
        flags="n",
        compare_at_price="4900",
    ),
    ProductCopy(
        "After-Sun Aloe Gel",
        "sun-care",
        "VNT-SUN-028",
        "150 ml",
        "1900",
        "A cooling gel for skin that has had too much sun.",
        "Pure aloe with oat and centella to take the heat out of a long day outdoors.",
        ("Aloe vera", "Oat kernel", "Centella asiatica"),
        ("Cools", "Soothes", "Hydrates"),
        ("Redness", "Hydration"),
    ),
    ProductCopy(
        "Cedar & Vetiver Body Oil",
        "body",
        "VNT-BDY-029",
        "100 ml",
        "4800",
        "A dry body oil with a warm scent of cedar and vetiver.",
        "Absorbs in a minute and leaves skin with a soft sheen and a scent that lasts.",
        ("Camellia oil", "Rosehip oil", "Vitamin E"),
        ("Absorbs quickly", "Softens", "Long-lasting scent"),
        ("Dry skin",),
        flags="f",
        body="#B07A45",
    ),
    ProductCopy(
        "Velvet Body Lotion",
        "body",
        "VNT-BDY-030",
        "250 ml",
        "3200",
        "A fast-absorbing lotion for all-day softness.",
        "Ceramides and shea butter in a lotion that never feels sticky.",
        ("Ceramides", "Shea butter", "Glycerin"),
        ("All-day moisture", "Non-sticky", "Softens rough patches"),
        ("Dry skin", "Hydration"),
        flags="b",
    ),
    ProductCopy(
        "Rice Polish Body Scrub",
        "body",
        "VNT-BDY-031",
        "200 g",
        "2900",
        "A gentle polish of rice powder for smooth, bright skin.",
        "Rice powder and papaya enzyme buff away dullness; camellia oil leaves skin supple.",
        ("Rice powder", "Papaya enzyme", "Camellia oil"),
        ("Smooths", "Brightens", "Nourishes"),
        ("Dullness",),
    ),
    ProductCopy(
        "Everyday Hand Cream",
        "body",
        "VNT-BDY-032",
        "50 ml",
        "1800",
        "A quick-absorbing hand cream for bag and desk.",
        "Shea and glycerin repair dry hands without leaving marks on paper or screens.",
        ("Shea butter", "Glycerin", "Vitamin E"),
        ("Absorbs quickly", "Repairs dry hands", "Subtle scent"),
        ("Dry skin",),
        compare_at_price="2200",
    ),
)

# Saved and then unpublished: shows editors what a draft looks like in the admin.
DRAFT_PRODUCT = ProductCopy(
    "Winter Rose Facial Oil",
    "serums",
    "VNT-SRM-033",
    "30 ml",
    "9500",
    "A limited-edition facial oil with Damask rose, coming this winter.",
    "Cold-pressed rosehip and Damask rose otto for skin that the cold has left tired and dry.",
    ("Rosehip oil", "Squalane", "Vitamin E"),
    ("Nourishes", "Restores radiance", "Limited edition"),
    ("Dry skin", "Dullness"),
    flags="n",
    body="#D79C94",
)

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
