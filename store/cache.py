"""A Redis cache that degrades to a miss when Redis is unreachable.

Django's `RedisCache` raises on every connection error, so a stopped or hung Redis turns every
page into a 500 (sessions, the cached site match, cached pages all read the cache). The cache
holds nothing that cannot be recomputed, so here each operation that fails on the connection
logs one line and answers as an empty cache would: a read misses, a write is dropped. Short
socket timeouts keep a hung Redis from holding a request for longer than a fraction of a second.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Seconds; OPTIONS given in settings win.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def _degrades_to(fallback):
    """Decorate a cache method so that an unreachable Redis returns `fallback(*args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Redis unreachable during cache.%s: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _value(value):
    return lambda *args, **kwargs: value


class ResilientRedisCache(RedisCache):
    """`RedisCache` whose reads miss and writes are dropped while Redis is down."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)

    get = _degrades_to(_default)(RedisCache.get)
    get_many = _degrades_to(_value({}))(RedisCache.get_many)
    has_key = _degrades_to(_value(False))(RedisCache.has_key)
    add = _degrades_to(_value(False))(RedisCache.add)
    set = _degrades_to(_value(None))(RedisCache.set)
    set_many = _degrades_to(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _degrades_to(_value(False))(RedisCache.touch)
    delete = _degrades_to(_value(False))(RedisCache.delete)
    delete_many = _degrades_to(_value(None))(RedisCache.delete_many)
    clear = _degrades_to(_value(False))(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        # A counter cannot be faked: an absent key raises ValueError, as Django's contract says.
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            logger.warning("Redis unreachable during cache.incr: %s", error)
            raise ValueError(f"Key '{key}' not found (Redis unreachable)") from error
