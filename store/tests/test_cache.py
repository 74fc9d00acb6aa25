"""The Redis cache degrades to a miss when Redis is down: pages render, nothing raises."""

import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings
from django.test import override_settings

from store.cache import ResilientRedisCache

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="needs Debian's redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server():
    """A real redis-server on a free loopback port, no persistence; yields a `stop()`."""
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - a fixed command
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)

    def stop():
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)

    stop.url = f"redis://127.0.0.1:{port}/0"
    yield stop
    stop()


def redis_caches(url):
    """The production cache layout: Redis as the default, fragments in process memory."""
    return {
        "default": {"BACKEND": "store.cache.ResilientRedisCache", "LOCATION": url},
        "fragments": settings.CACHES["fragments"],
    }


def test_values_round_trip_while_redis_is_up(redis_server):
    cache = ResilientRedisCache(redis_server.url, {})
    cache.set("colour", "teal")
    assert cache.get("colour") == "teal"
    assert cache.get_many(["colour"]) == {"colour": "teal"}


def test_reads_miss_and_writes_are_dropped_quickly_once_redis_stops(redis_server):
    cache = ResilientRedisCache(redis_server.url, {})
    cache.set("colour", "teal")
    redis_server()
    started = time.monotonic()
    assert cache.get("colour") is None
    assert cache.get("colour", "fallback") == "fallback"
    assert cache.get_many(["colour"]) == {}
    assert cache.get_or_set("colour", "blue") == "blue"
    assert cache.add("size", 1) is False
    assert cache.set("colour", "red") is None
    assert cache.delete("colour") is False
    cache.delete_many(["colour"])
    assert cache.has_key("colour") is False
    assert time.monotonic() - started < 5


def test_incr_reports_a_missing_key_while_redis_is_down(redis_server):
    cache = ResilientRedisCache(redis_server.url, {})
    redis_server()
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_socket_timeouts_are_set_unless_settings_give_their_own():
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_timeout": 2}})
    options = cache._cache._pool_options
    assert options["socket_timeout"] == 2
    assert options["socket_connect_timeout"] == 0.5


@pytest.mark.django_db
def test_storefront_pages_render_with_redis_stopped(redis_server, store, client):
    with override_settings(
        CACHES=redis_caches(redis_server.url),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        assert client.get("/").status_code == 200
        redis_server()
        for page in ("/", store.categories[0].url, store.products[0].url, "/cart/"):
            assert client.get(page).status_code == 200, page
