"""A branded 503 with `Retry-After` while the database is unreachable, instead of a 500.

Django turns an exception into a response inside every middleware layer, so an outer middleware
never sees a `django.db.OperationalError` raised by a view or an inner middleware: it only sees
the 500 page. The `got_request_exception` signal is sent with the request while the exception is
being handled; its receiver marks the request when the exception is the database's, and this
middleware, outermost, answers such a request with `templates/503.html`. The page is rendered
without a request (no context processors), as those would query the database again.

Recovery needs no restart: with `CONN_HEALTH_CHECKS` the next request finds the broken
persistent connection unusable and opens a new one.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import resolve

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
MARK = "_vantor_database_unavailable"


def mark_database_outage(sender, request=None, **kwargs) -> None:
    """Mark `request` when the exception being handled is the database being unreachable."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        setattr(request, MARK, True)


got_request_exception.connect(mark_database_outage, dispatch_uid="vantor-database-outage")


def outage_response() -> HttpResponse:
    """The branded 503 page; rendered from the template alone, touching no database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Answer 503 + `Retry-After` to a request that failed because the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, MARK, False):
            logger.warning("Database unavailable: %s %s answered 503", request.method, request.path)
            return outage_response()
        return response


class HealthProbeMiddleware:
    """Route the health probes (`settings.HEALTH_PROBE_PATHS`) to their views before the
    middleware that may need the database (the site match, sessions, redirects): liveness must
    not fail with the database, and readiness must report a down database as JSON, not as the
    outage page. Probes also skip the host check, as load balancers call servers by address."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = frozenset(getattr(settings, "HEALTH_PROBE_PATHS", ()))

    def __call__(self, request):
        if request.path_info in self.paths:
            match = resolve(request.path_info)
            return match.func(request, *match.args, **match.kwargs)
        return self.get_response(request)
