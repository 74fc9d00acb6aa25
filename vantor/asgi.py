"""ASGI entry point, for servers that speak ASGI (the shop itself runs on gunicorn's WSGI).
Without DJANGO_SETTINGS_MODULE it runs production settings, as `wsgi.py` does."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vantor.settings.production")

application = get_asgi_application()
