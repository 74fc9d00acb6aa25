"""Price bands follow the store's currency."""

from decimal import Decimal

from store.price_bands import BAND_COUNT, DEFAULT_STEP, price_bands


def test_rupee_bands_keep_the_keys_search_urls_already_use():
    assert [band.key for band in price_bands("NPR")] == [
        "under-2000",
        "2000-4000",
        "4000-6000",
        "6000-up",
    ]


def test_dollar_bands_are_round_dollar_amounts():
    bands = price_bands("USD")
    assert [(band.low, band.high) for band in bands] == [
        (None, Decimal("15")),
        (Decimal("15"), Decimal("30")),
        (Decimal("30"), Decimal("45")),
        (Decimal("45"), None),
    ]


def test_bands_cover_every_price_exactly_once():
    bands = price_bands("EUR")
    for price in ["0", "14.99", "15", "29.99", "30", "45", "10000"]:
        assert sum(band.contains(Decimal(price)) for band in bands) == 1


def test_unknown_currency_gets_the_default_step():
    bands = price_bands("XYZ")
    assert len(bands) == BAND_COUNT
    assert bands[0].high == DEFAULT_STEP


def test_currency_code_case_does_not_matter():
    assert price_bands("npr") == price_bands("NPR")
