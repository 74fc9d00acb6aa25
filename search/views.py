from dataclasses import dataclass

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalog import renditions
from catalog.models import ProductPage
from catalog.sorting import sort_options
from store.models import StoreSettings
from store.money import format_money
from store.wagtail.renditions import rendition_url

from . import selectors
from .forms import SearchForm, clean_query
from .selectors import SORTS, Filters, store_price_bands

# A card rendition: already made for listings, and prefetched with the products.
THUMBNAIL_SPEC = renditions.CARD[0]

RESULTS_PER_PAGE = 24
AUTOCOMPLETE_MIN_LENGTH = 2


@dataclass
class SearchState:
    """The current query and choices, able to write the URL of a changed copy of itself."""

    query: str
    filters: Filters
    sort: str

    def url(self, **changes) -> str:
        values = {
            "q": self.query,
            "category": self.filters.category,
            "tag": list(self.filters.tags),
            "price": self.filters.price,
            "in_stock": "1" if self.filters.in_stock else "",
            "sort": "" if self.sort == "relevance" else self.sort,
        }
        values.update(changes)
        pairs = [
            (key, item)
            for key, value in values.items()
            for item in (value if isinstance(value, list) else [value])
            if item
        ]
        return "?" + urlencode(pairs) if pairs else "?"

    def toggled_tag(self, slug: str) -> str:
        tags = list(self.filters.tags)
        return self.url(tag=[t for t in tags if t != slug] if slug in tags else [*tags, slug])


def _facet_links(state: SearchState, facets: selectors.FacetCounts, symbol: str) -> dict:
    """Every facet value as (label, count, selected, url toggling it), ready for the template."""
    filters = state.filters

    def amount(value) -> str:
        # Whole amounts read better in a filter list: "Rs. 2,000", not "Rs. 2,000.00".
        return format_money(value, symbol).removesuffix(".00")

    def price_label(price_range) -> str:
        if price_range.low is None:
            return f"Under {amount(price_range.high)}"
        if price_range.high is None:
            return f"{amount(price_range.low)} and over"
        return f"{amount(price_range.low)} – {amount(price_range.high)}"

    return {
        "categories": [
            {
                "label": category.title,
                "count": count,
                "selected": category.slug == filters.category,
                "url": state.url(
                    category="" if category.slug == filters.category else category.slug
                ),
            }
            for category, count in facets.categories
        ],
        "tags": [
            {
                "label": name,
                "count": count,
                "selected": slug in filters.tags,
                "url": state.toggled_tag(slug),
            }
            for slug, name, count in facets.tags
        ],
        "prices": [
            {
                "label": price_label(price_range),
                "count": count,
                "selected": price_range.key == filters.price,
                "url": state.url(price="" if price_range.key == filters.price else price_range.key),
            }
            for price_range, count in facets.prices
            if count or price_range.key == filters.price
        ],
        "in_stock": {
            "label": "In stock",
            "count": facets.in_stock,
            "selected": filters.in_stock,
            "url": state.url(in_stock="" if filters.in_stock else "1"),
        },
    }


@require_GET
def search(request):
    """Products first (promoted, exact title, then by relevance, narrowed by facets), then
    editorial pages; an empty state with suggestions when nothing matches."""
    store = StoreSettings.for_request(request)
    bands = store_price_bands(store.currency_code)
    query, filters, sort, page_number = SearchForm(request.GET, bands=bands).params()
    state = SearchState(query=query, filters=filters, sort=sort)
    context = {
        "query": query,
        "filters": filters,
        "sort": sort,
        "sort_options": sort_options(SORTS),
        "state": state,
        "searched": bool(query or filters.active),
    }
    if not context["searched"]:
        context["suggested_tags"] = selectors.popular_tags()
        return render(request, "search/search.html", context)

    promotions = selectors.promotions_for(query)
    promoted_products = [
        p.page_id for p in promotions if p.page_id and p.page.specific_class is ProductPage
    ]
    found = selectors.search_products(
        query=query, filters=filters, sort=sort, promoted=promoted_products, bands=bands
    )
    paginator = Paginator(found.ids, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(page_number)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    page_obj.object_list = selectors.products_for_cards(list(page_obj.object_list))
    promoted_shown = set(found.promoted_ids)
    for product in page_obj.object_list:
        product.is_promoted = product.pk in promoted_shown

    # Editors' promotions of other pages and links lead the editorial results.
    editorial = [
        {"title": p.title, "url": p.link, "description": p.description}
        for p in promotions
        if p.page_id not in promoted_products
    ]
    if page_obj.number == 1:
        seen = {p.page_id for p in promotions if p.page_id}
        editorial += [
            {"title": p.title, "url": p.get_url(request), "description": p.search_description}
            for p in selectors.editorial_pages(query)
            if p.pk not in seen
        ]
    symbol = store.currency_symbol
    context.update(
        page_obj=page_obj,
        products=page_obj.object_list,
        result_count=paginator.count,
        capped=found.capped,
        facets=_facet_links(state, found.facets, symbol),
        editorial=editorial,
        clear_url=state.url(category="", tag=[], price="", in_stock=""),
        prev_url=state.url(page=page_obj.previous_page_number()) if page_obj.has_previous() else "",
        next_url=state.url(page=page_obj.next_page_number()) if page_obj.has_next() else "",
        selected_category=found.categories_by_slug.get(filters.category),
        price_ranges=bands,
    )
    if not paginator.count and not editorial:
        context["suggested_tags"] = selectors.popular_tags()
        context["suggested_categories"] = list(found.categories_by_slug.values())
    return render(request, "search/search.html", context)


@require_GET
@cache_control(max_age=30, public=True)
def autocomplete(request):
    """JSON suggestions for the header's combobox: products whose title or SKU starts like q."""
    query = clean_query(request.GET.get("q", ""))
    payload = {
        "query": query,
        "results": [],
        "search_url": reverse("search:search") + "?" + urlencode({"q": query}),
    }
    if len(query) < AUTOCOMPLETE_MIN_LENGTH:
        return JsonResponse(payload)
    symbol = StoreSettings.for_request(request).currency_symbol
    for product in selectors.autocomplete_products(query):
        item = product.primary_image
        payload["results"].append(
            {
                "id": product.pk,
                "name": product.title,
                "url": product.get_url(request),
                "price": format_money(product.price, symbol),
                "thumbnail": rendition_url(item.image, THUMBNAIL_SPEC) if item else None,
                "thumbnail_alt": item.alt_text if item else "",
                "in_stock": product.in_stock,
            }
        )
    return JsonResponse(payload)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Crawlers may read the shop, not the admin, cart, checkout or search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cart/",
        "Disallow: /checkout/",
        "Disallow: /orders/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
