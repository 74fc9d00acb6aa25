"""Health views for load balancers and operators: liveness and readiness."""

import logging
import uuid

from django.apps import apps
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# More tasks than this waiting means the worker is down or far behind.
MAX_QUEUE_DEPTH = 500


def healthz(request):
    """Liveness: the process answers. Touches no database, so a load balancer does not restart
    healthy app servers during a database outage; also the minimal view `make bench` measures."""
    return HttpResponse("ok", content_type="text/plain")


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def _cache() -> dict:
    # The cache degrades to a miss when Redis is down: a value that does not come back is down.
    key, value = "readyz:probe", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("the cache did not return what was just stored")
    return {}


def _storage() -> dict:
    default_storage.exists("readyz-probe")
    return {}


def _task_queue() -> dict:
    if not apps.is_installed("django_tasks_db"):
        return {"backend": "not a queue"}
    from django_tasks_db.models import DBTaskResult

    depth = DBTaskResult.objects.ready().count()
    if depth > MAX_QUEUE_DEPTH:
        raise RuntimeError(f"{depth} tasks waiting (more than {MAX_QUEUE_DEPTH})")
    return {"depth": depth}


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "task_queue": _task_queue}


@never_cache
def readyz(request):
    """Readiness: database, cache, media storage and the task queue. 200 when all answer;
    503 with the list of what is down otherwise."""
    checks, down = {}, []
    for name, check in CHECKS.items():
        try:
            checks[name] = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 - any failure is "down", reported by name
            logger.warning("Readiness check %s failed: %s", name, error)
            # The kind of failure only: the details (hosts, paths) go to the log, not the public.
            checks[name] = {"ok": False, "error": type(error).__name__}
            down.append(name)
    body = {"status": "unavailable" if down else "ok", "down": down, "checks": checks}
    return JsonResponse(body, status=503 if down else 200)
