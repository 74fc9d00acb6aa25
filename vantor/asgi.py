"""ASGI entry point, for servers that speak ASGI (the shop itself runs on gunicorn's WSGI)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vantor.settings.dev")

application = get_asgi_application()
