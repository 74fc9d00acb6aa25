"""Security headers (store/security.py): the storefront's Content-Security-Policy, the admin's,
the payment providers' origins, Permissions-Policy, and the pages kept private.

Star-imported by `base`; reads only the environment."""

import os

from .environment import env_list

# The storefront: our own origin only, no inline code. `form-action` gains the payment
# providers' origins on PAYMENT_URL_PREFIXES only. Media from object storage adds its host.
MEDIA_HOST = os.environ.get("MEDIA_HOST", "")  # e.g. https://media.example.com
_self = ["'self'"]
# The error pages (templates/500.html, 503.html) carry their one small style inline, so they
# still look like the store when nothing else works; the policy allows exactly that style.
ERROR_PAGE_STYLE_HASH = "'sha256-swr6gp9/pNRb3vy3sY+pfl2o1YtwCeDzxC+kUTmP/KE='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": _self,
        "script-src": _self,
        "style-src": [*_self, ERROR_PAGE_STYLE_HASH],
        "img-src": [*_self, "data:", *([MEDIA_HOST] if MEDIA_HOST else [])],
        "font-src": _self,
        "connect-src": _self,
        "form-action": _self,
        "frame-ancestors": ["'none'"],
        "base-uri": _self,
        "object-src": ["'none'"],
    }
}
# Wagtail's admin still uses inline scripts and styles (and blob: images for uploads, and
# frames of its own pages for previews), so it gets a looser policy on its own URLs.
ADMIN_URL_PREFIXES = ("/admin/", "/documents/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": _self,
        "script-src": [*_self, "'unsafe-inline'"],
        "style-src": [*_self, "'unsafe-inline'"],
        "img-src": [*_self, "data:", "blob:", *([MEDIA_HOST] if MEDIA_HOST else [])],
        "font-src": [*_self, "data:"],
        "connect-src": _self,
        "frame-src": _self,
        "form-action": _self,
        "frame-ancestors": _self,
        "base-uri": _self,
        "object-src": ["'none'"],
    }
}
PAYMENT_URL_PREFIXES = ("/checkout/", "/orders/")
# Providers' hosted payment pages (the configured API/form URLs' origins are added too).
PAYMENT_PAGE_ORIGINS = env_list(
    "PAYMENT_PAGE_ORIGINS",
    "https://test-pay.khalti.com,https://pay.khalti.com,https://rc-epay.esewa.com.np,"
    "https://epay.esewa.com.np,https://checkout.stripe.com",
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
PRIVATE_URL_PREFIXES = ("/cart/", "/checkout/", "/orders/", "/accounts/")
