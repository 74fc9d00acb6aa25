"""gunicorn settings for Vantor (`gunicorn -c deploy/gunicorn.conf.py vantor.wsgi`).

Every value can be overridden from the environment (see deploy/vantor.env.example).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the shop's requests are short and database-bound; 2 per core plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# nginx gives up at 60 s (proxy_read_timeout); the worker is killed shortly before, so a stuck
# request frees its worker instead of holding it forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "55"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle each worker after about this many requests (jitter spreads the restarts), so memory
# that a long-lived process fragments stays bounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# nginx logs every request and Django logs one JSON line per request with its id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from nginx on this machine.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "vantor"
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
