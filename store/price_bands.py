"""Price bands for filtering products by price, derived from the store's currency.

A band of "Rs. 2,000 – Rs. 4,000" means nothing in dollars: the band width is a round amount
in the store's own currency, from a table of steps that split a skincare catalog into a few
useful bands. A band's key (`under-2000`, `2000-4000`, `6000-up`) is made from its bounds, so
it stays the same for as long as the store's currency does, and search URLs keep working.
"""

from dataclasses import dataclass
from decimal import Decimal

BAND_COUNT = 4
# One band's width in each currency: a round amount, about a fifth of a typical serum's price.
BAND_STEPS = {
    "NPR": Decimal("2000"),
    "INR": Decimal("1000"),
    "BDT": Decimal("1500"),
    "LKR": Decimal("4000"),
    "JPY": Decimal("2000"),
    "USD": Decimal("15"),
    "EUR": Decimal("15"),
    "GBP": Decimal("10"),
    "AUD": Decimal("20"),
    "CAD": Decimal("20"),
    "SGD": Decimal("20"),
    "AED": Decimal("50"),
}
DEFAULT_STEP = Decimal("20")  # for a currency the table does not know


@dataclass(frozen=True)
class PriceBand:
    key: str
    low: Decimal | None
    high: Decimal | None

    def contains(self, price: Decimal) -> bool:
        return (self.low is None or price >= self.low) and (self.high is None or price < self.high)


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


def price_bands(currency_code: str) -> tuple[PriceBand, ...]:
    """BAND_COUNT bands of one step each in `currency_code`: under one step, then one step
    wide, then the last step and up."""
    step = BAND_STEPS.get((currency_code or "").upper(), DEFAULT_STEP)
    bounds = [step * n for n in range(1, BAND_COUNT)]
    bands = [PriceBand(f"under-{_amount(bounds[0])}", None, bounds[0])]
    bands += [
        PriceBand(f"{_amount(low)}-{_amount(high)}", low, high)
        for low, high in zip(bounds, bounds[1:], strict=False)
    ]
    bands.append(PriceBand(f"{_amount(bounds[-1])}-up", bounds[-1], None))
    return tuple(bands)
