from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from catalog.selectors import live_products, with_card_data

RESULTS_PER_PAGE = 24
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Printable characters only, whitespace folded, at most MAX_QUERY_LENGTH long."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    page_obj = None
    if query:
        results = live_products().search(query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        ids = [product.pk for product in page_obj.object_list]
        by_id = {p.pk: p for p in with_card_data(live_products().filter(pk__in=ids))}
        page_obj.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return render(request, "search/search.html", {"query": query, "page_obj": page_obj})
