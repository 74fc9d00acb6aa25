"""Each place where the store replaces a Wagtail behaviour for speed.

Every module is named after what it replaces, and has a test (store/tests/test_wagtail_*.py,
search/tests/test_backends.py) that gives it and Wagtail's own code the same input and asserts
the same answer, plus the speed property (usually a query count). On a Wagtail upgrade, run
those tests first, then re-check what each entry lists against the new Wagtail source.

- `sites.py` — `CachedSiteMiddleware` replaces the per-request `Site.find_for_request` query
  with a per-host-and-port cache, forgotten when a Site changes (store.signals). Re-check:
  `Site.find_for_request` / `Site._find_for_request` (matching rules, ports, the
  `request._wagtail_site` attribute it reuses) and whether Wagtail caches sites itself.
- `view_restrictions.py` — `OneQueryViewRestrictionsMixin` replaces
  `Page.get_view_restrictions` (ancestors, then their restrictions: two queries) with one query
  on path prefixes, aliases included. Re-check: `Page.get_view_restrictions`, how aliases
  inherit restrictions, and `PageViewRestriction` fields.
- `routing.py` — `OneQueryRoutingMixin` replaces `Page.route` for the descendants a page
  declares (`routed_descendants`), resolving `url_path` in one query instead of two per level.
  Re-check: `Page.route` (404 for pages not live, slug lookup, `_cached_parent_obj`),
  `url_path` maintenance, and `RouteResult`. The routed page's own `route()` is skipped.
- `rich_text.py` — `StorePageLinkHandler` replaces `PageLinkHandler` (base rows, then each
  specific model) with one query on base rows. Re-check: `PageLinkHandler.get_many` /
  `expand_db_attributes_many` (it now uses `page.localized.url`: fine while i18n is off), and
  the `register_rich_text_features` hook order in store/wagtail_hooks.py.
- `renditions.py` — `filter_for` / `renditions_for` / `responsive_img` replace a new `Filter`
  per `{% image %}` call with one per spec per process, and use prefetched renditions. Re-check:
  `AbstractImage.get_rendition(s)`, `Filter` (spec parsing, `get_cache_key`), and rendition
  prefetching (`Rendition.cache_backend`, `prefetched_renditions`).
- `search_backend.py` — Wagtail's database backend with a PostgreSQL prefilter that its GIN
  indexes answer (settings: `"BACKEND": "store.wagtail.search_backend"`). Re-check:
  modelsearch's `PostgresSearchQueryCompiler.search` signature, how it splits a PlainText query
  (`TERM_SEPARATOR`), the index entry columns (`title`, `body`), and `Lexeme`.
"""
