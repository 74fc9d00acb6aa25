"""WSGI entry point for gunicorn. Without DJANGO_SETTINGS_MODULE it runs production settings:
a server started by hand must never fall back to debug pages and the public development key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vantor.settings.production")

application = get_wsgi_application()
