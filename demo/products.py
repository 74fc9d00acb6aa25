"""The demo store's hand-written products, and which of them start sold out or low in stock."""

from .products_body import DRAFT_PRODUCT, TREATMENT_AND_BODY_PRODUCTS
from .products_face import FACE_PRODUCTS

__all__ = ["DRAFT_PRODUCT", "LOW_STOCK", "PRODUCTS", "SOLD_OUT_SKU"]

PRODUCTS = (*FACE_PRODUCTS, *TREATMENT_AND_BODY_PRODUCTS)

# The one product that is sold out (stock 0); the draft is in `demo.products_body`.
SOLD_OUT_SKU = "VNT-MSK-019"
LOW_STOCK = {"VNT-SRM-009": 3, "VNT-EYE-023": 5, "VNT-BDY-031": 2}
