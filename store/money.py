"""The one place money is rounded and formatted: Decimal, two places, half up."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value) -> Decimal:
    """Return `value` as a Decimal rounded half up to two places."""
    if isinstance(value, float):
        # Go through str so 0.1 stays 0.1 rather than 0.1000000000000000055...
        value = str(value)
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"Not an amount of money: {value!r}") from exc


def format_money(value, symbol: str = "Rs.") -> str:
    """Format an amount for people: `Rs. 2,500.00`, `-Rs. 10.00`."""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol} {abs(amount):,.2f}".strip()
