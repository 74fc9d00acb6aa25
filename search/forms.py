"""Parsing of the search query string. Anything unexpected is dropped, never an error: a search
URL is typed, pasted and crawled, and a shopper should always get a page back."""

import re

from django import forms

from store.price_bands import PriceBand

from .selectors import SORTS, Filters, store_price_bands

MAX_QUERY_LENGTH = 200
MAX_TAGS = 5
SLUG = re.compile(r"^[-\w]{1,100}$")


def clean_query(raw: str) -> str:
    """Printable characters only (no NUL or other control characters), whitespace folded, at
    most MAX_QUERY_LENGTH long."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


class QueryField(forms.CharField):
    def to_python(self, value):
        return clean_query(value if isinstance(value, str) else "")


class SearchForm(forms.Form):
    q = QueryField(required=False)
    category = forms.CharField(required=False)
    tag = forms.CharField(required=False)
    price = forms.CharField(required=False)
    in_stock = forms.CharField(required=False)
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, *args, bands: tuple[PriceBand, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # Price keys are the store currency's band keys; any other is dropped.
        self.price_keys = {band.key for band in bands or store_price_bands()}

    def params(self) -> tuple[str, Filters, str, str]:
        """(query, filters, sort, page number) with every unknown value dropped."""
        self.is_valid()
        data = self.cleaned_data
        query = data.get("q", "")
        category = data.get("category", "")
        tags = [tag for tag in self.data.getlist("tag") if isinstance(tag, str) and SLUG.match(tag)]
        price = data.get("price", "")
        sort = data.get("sort", "")
        page = data.get("page", "")
        filters = Filters(
            category=category if SLUG.match(category or "") else "",
            tags=tuple(dict.fromkeys(tag.lower() for tag in tags))[:MAX_TAGS],
            price=price if price in self.price_keys else "",
            in_stock=data.get("in_stock", "") in ("1", "on", "true"),
        )
        return (
            query,
            filters,
            sort if sort in SORTS else "relevance",
            page if page.isdigit() and len(page) < 7 else "1",
        )
