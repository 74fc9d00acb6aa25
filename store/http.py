"""Where to send the browser next: only ever back to this site."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, candidates: Iterable[str | None], default: str = "") -> str:
    """The first of `candidates` that stays on this site (same host, and HTTPS when the request
    is), else `default`. A `next` parameter or a Referer is the browser talking: an open
    redirect would let anyone send our shoppers to a look-alike site."""
    for candidate in candidates:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return default


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the POSTed `next` or the referring page when they are on this site, else to
    `default`: a form that works without JavaScript returns the shopper where they were."""
    return redirect(
        safe_next_url(request, (request.POST.get("next"), request.headers.get("Referer")), default)
    )
