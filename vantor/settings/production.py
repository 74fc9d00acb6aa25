import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Keep database connections open between requests.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Cached templates are Django's default when DEBUG is off; renditions are cached by Wagtail.
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405

# Background tasks go through a real queue: django-tasks-db on this database, run by
# `manage.py db_worker`. An email enqueued in the order's transaction is then never lost.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The immediate backend runs emails inside the shopper's request, retries back to back and gives
# up in a fraction of a second: refuse it unless the operator asks for it by name.
if TASKS["default"]["BACKEND"].endswith("ImmediateBackend") and not env_bool(
    "ALLOW_IMMEDIATE_TASKS"
):
    raise ImproperlyConfigured(
        "Production runs background tasks through a queue (django_tasks_db.DatabaseBackend and "
        "`manage.py db_worker`); set ALLOW_IMMEDIATE_TASKS=1 to run them inside requests."
    )

# Sessions read from the cache and written through to the database: a Redis outage keeps carts.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Sentry only when configured; the package is not a dependency otherwise.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
