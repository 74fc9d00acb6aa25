"""Settings shared by every environment. Deploy-time values come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from .environment import env_bool, env_list  # noqa: F401 - env_bool is read by dev/production

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "store",
    "accounts",
    "home",
    "catalog",
    "shop",
    "search",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's widget templates, for the TemplatesSetting form renderer below.
    "django.forms",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "store.security.StoreCSPMiddleware",
    "store.security.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "store.wagtail.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]
# Outermost (store/): a request id for every log line; health probes answered before anything
# that may need the database; a branded 503 with Retry-After while the database is unreachable.
MIDDLEWARE = [
    "store.logging.RequestIdMiddleware",
    "store.middleware.HealthProbeMiddleware",
    "store.middleware.DatabaseOutageMiddleware",
    *MIDDLEWARE,
]
HEALTH_PROBE_PATHS = ["/healthz/", "/readyz/"]

# Security headers (store/security.py): the CSP policies, Permissions-Policy, private pages.
from .security import *  # noqa: E402, F403

ROOT_URLCONF = "vantor.urls"
WSGI_APPLICATION = "vantor.wsgi.application"

# Form fields render through the project's templates, so `templates/django/forms/field.html`
# is the one field markup of every form (`{{ form.email.as_field_group }}`).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "shop.context_processors.cart",
                "catalog.context_processors.navigation",
            ],
            "builtins": ["store.templatetags.money"],
        },
    },
]

# Database: DATABASE_URL (sqlite:///path or postgres://user@host:port/name); SQLite by default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # Wait for a writer instead of failing with "database is locked"...
        timeout=20,
        # ...and take the write lock when a transaction starts: a deferred transaction that
        # reads and then writes cannot wait for another writer (SQLite answers "locked" at once).
        transaction_mode="IMMEDIATE",
        # Readers never wait for the writer, and commits need one sync, not two.
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Shoppers sign in at /accounts/login/; the Wagtail admin keeps its own login page.
LOGIN_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses sign-ins while an email + address pair is locked out.
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# django-axes: 5 failed sign-ins for one email from one IP address lock that pair for 15
# minutes, on the shop's login and the Wagtail admin's alike. Attempts live in the database, so
# each test's transaction rollback resets them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Both login forms post the email as `username` (Django's AuthenticationForm field name).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
# The shopper's address behind our proxies (django-ipware, which axes asks when installed).
# Unset: no proxy, REMOTE_ADDR only. Set: X-Forwarded-For is read and the address taken that
# many entries from its right end (nginx appends the address it saw, so entries further left
# are the client's to forge): 0 behind one nginx, 1 behind a load balancer plus nginx.
_axes_proxy_count = os.environ.get("AXES_IPWARE_PROXY_COUNT", "").strip()
AXES_IPWARE_PROXY_COUNT = int(_axes_proxy_count) if _axes_proxy_count else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    if AXES_IPWARE_PROXY_COUNT is not None
    else ("REMOTE_ADDR",)
)

# Cache and sessions: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A miss, never a 500, while Redis is down (store/cache.py).
            "BACKEND": "store.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Written through to the database, read from the cache: carts survive a Redis outage.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Rendered fragments (product cards) in each process's own memory: their keys name everything
# they show (product version, price, stock words, image), so a copy is never stale, and a card
# costs no network round trip (24 of them on a category page).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Kathmandu")
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "store.staticfiles.BundleFinder",
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# One stylesheet, served as the concatenation of these parts in order (store/staticfiles.py).
STATIC_BUNDLES = {
    "css/vantor.css": [
        "css/tokens.css",
        "css/base.css",
        "css/layout.css",
        "css/components/header.css",
        "css/components/messages.css",
        "css/components/buttons.css",
        "css/components/forms.css",
        "css/components/price.css",
        "css/components/product-card.css",
        "css/components/blocks.css",
        "css/components/order-summary.css",
        "css/components/footer.css",
        "css/pages/product.css",
        "css/pages/cart.css",
        "css/pages/checkout.css",
        "css/pages/accounts.css",
        "css/pages/search.css",
    ],
}
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages) when a bucket is named; local disk
# otherwise. AWS_S3_ENDPOINT_URL points at a non-AWS service (MinIO, moto, R2...).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "")
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    # Public, unsigned URLs: product images are public, and signed URLs defeat caching.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# Email: console in development; SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Vantor <hello@vantor.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds: a mail server that accepts the connection and then says nothing must not hold a
# worker (or, with the immediate backend, a checkout) forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Background tasks (django-tasks): run inline unless a queue backend is configured.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Vantor"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# --- Search backend (owned by search/) ---
# Wagtail's database backend by default (store/wagtail/search_backend.py): full-text search on
# PostgreSQL, SQLite FTS5 on SQLite. To move search to OpenSearch or Elasticsearch, set one URL
# (credentials may go in it), install the client (`pip install "elasticsearch>=8,<9"` or
# `opensearch-py`) and rebuild the index once with `python manage.py update_index`:
#   SEARCH_URL=https://user:pass@search.internal:9200   (Elasticsearch 8; the default engine)
#   OPENSEARCH_URL=https://search.internal:9200           (OpenSearch 2)
#   SEARCH_ENGINE=elasticsearch7|elasticsearch8|elasticsearch9|opensearch2|opensearch3
#   SEARCH_INDEX_PREFIX=vantor_   (one prefix per deploy sharing a cluster)
SEARCH_URL = os.environ.get("SEARCH_URL") or os.environ.get("OPENSEARCH_URL", "")
if SEARCH_URL:
    SEARCH_ENGINE = os.environ.get(
        "SEARCH_ENGINE",
        "opensearch2" if os.environ.get("OPENSEARCH_URL") else "elasticsearch8",
    )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_ENGINE}",
            "URLS": [url for url in SEARCH_URL.split(",") if url],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "vantor_"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    # Wagtail's database backend; on PostgreSQL with a match its GIN indexes can answer.
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "store.wagtail.search_backend"}}
# --- end of search backend ---
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True

# --- Payment providers (owned by shop/payments/) ---
# Sandbox endpoints by default. A provider is offered at checkout only when its keys are set
# (see each provider's `is_configured`); cash on delivery always is. To go live, set the
# production URLs and the merchant's live keys (README, "Payments").
PAYMENT_TIMEOUT = float(os.environ.get("PAYMENT_TIMEOUT", "10"))  # seconds, every provider call
KHALTI_SECRET_KEY = os.environ.get("KHALTI_SECRET_KEY", "")
KHALTI_BASE_URL = os.environ.get("KHALTI_BASE_URL", "https://dev.khalti.com/api/v2/")
# eSewa publishes its test merchant's code and key; they count as configured only when
# ESEWA_ENABLED is set, or both are given explicitly (shop.payments.esewa.Esewa.is_configured).
ESEWA_PRODUCT_CODE = os.environ.get("ESEWA_PRODUCT_CODE", "EPAYTEST")
ESEWA_SECRET_KEY = os.environ.get("ESEWA_SECRET_KEY", "8gBm/:&EnhH.1/q")
ESEWA_ENABLED = env_bool(
    "ESEWA_ENABLED", "ESEWA_PRODUCT_CODE" in os.environ and "ESEWA_SECRET_KEY" in os.environ
)
ESEWA_FORM_URL = os.environ.get(
    "ESEWA_FORM_URL", "https://rc-epay.esewa.com.np/api/epay/main/v2/form"
)
ESEWA_STATUS_URL = os.environ.get(
    "ESEWA_STATUS_URL", "https://rc.esewa.com.np/api/epay/transaction/status/"
)
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
# --- end of payment providers ---

# The cart refuses quantities above this per line, whatever the stock.
CART_MAX_QUANTITY_PER_LINE = 99

# LOG_FORMAT=json: one JSON object per line with the request id (store/logging.py), for
# journald and log shippers; plain text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "store.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task start and finish is noise at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
