"""Security headers: the Content-Security-Policy, Permissions-Policy, and `Cache-Control:
private` on pages that carry a shopper's own data.

The storefront's policy is strict: scripts, styles, fonts and images from our own origin only,
no inline code (JSON-LD is a data block, which CSP does not govern). The pages that send the
shopper to a payment provider (checkout and an order's payment pages) also allow a form
submission or redirect to the providers' origins, and only those pages. The Wagtail admin gets
a policy of its own, with inline scripts and styles that Wagtail's admin still needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import patch_cache_control


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def payment_origins() -> list[str]:
    """Where checkout may send the shopper: the providers' hosted pages, and the origins of the
    configured provider URLs (which is where a sandbox or a test fake serves its pages)."""
    configured = (
        getattr(settings, name, "")
        for name in ("KHALTI_BASE_URL", "ESEWA_FORM_URL", "STRIPE_API_BASE")
    )
    origins = [*settings.PAYMENT_PAGE_ORIGINS, *(_origin(url) for url in configured)]
    return sorted({origin for origin in origins if origin})


def _starts_with(path: str, prefixes) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


class StoreCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under the admin's URLs and adding
    the payment providers to `form-action` on the pages that hand the shopper over to them."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy
        path = request.path_info
        if _starts_with(path, settings.ADMIN_URL_PREFIXES):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif _starts_with(path, settings.PAYMENT_URL_PREFIXES):
            # `update` appends to the configured `form-action` list.
            parts.update = {**(parts.update or {}), "form-action": payment_origins()}
        return parts


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: private` (never stored by a shared
    cache) on the shopper's own pages and on anything served to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = _starts_with(request.path_info, settings.PRIVATE_URL_PREFIXES) or bool(
            user is not None and user.is_authenticated
        )
        if personal:
            patch_cache_control(response, private=True, no_cache=True)
        return response
