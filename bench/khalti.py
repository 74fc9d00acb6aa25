"""Khalti for the checkout scenario: a fake of Khalti's ePayment API and hosted page in this
process, and a gunicorn of its own that calls it.

The fake is `testing.payment_pages.KhaltiWithPage`: a real HTTP server on 127.0.0.1 (a thread)
answering `epayment/initiate/` and `epayment/lookup/`, whose payment page marks the pidx
"Completed" and redirects the shopper back to our return URL. So every buyer who reaches the
page pays, and our server's lookup (server to server) confirms the full amount.

The gunicorn is separate from `Bench.server()`'s: that one may already be running without
Khalti's settings (scenarios before checkout start it), and the scenarios after this one
(worker memory, queries) keep measuring it as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from bench.services import Gunicorn
from bench.stack import PROJECT_DIR, Bench
from testing.payment_pages import KhaltiWithPage

# Only the fake knows it; Khalti issues no shared sandbox key.
FAKE_SECRET_KEY = "bench_khalti_secret_key"  # noqa: S105


@contextlib.contextmanager
def khalti_server(bench: Bench) -> Iterator[Gunicorn]:
    """A gunicorn whose Khalti is the fake (started here, every payment completed), stopped
    with the fake on leaving. Khalti's settings reach it through `bench.extra_env` for this
    start only: the probes and servers started afterwards run without them."""
    fake = KhaltiWithPage(secret_key=FAKE_SECRET_KEY)
    added = {"KHALTI_SECRET_KEY": fake.secret_key, "KHALTI_BASE_URL": fake.base_url}
    before = dict(bench.extra_env)
    # Its own pid file and log: gunicorn refuses a pid file whose process is alive.
    workdir = bench.workdir / "khalti"
    logdir = bench.output_dir / "khalti"
    workdir.mkdir(exist_ok=True)
    logdir.mkdir(exist_ok=True)
    bench.extra_env.update(added)
    try:
        gunicorn = Gunicorn(
            python_bin=bench.python,
            project_dir=PROJECT_DIR,
            workdir=workdir,
            logdir=logdir,
            env=bench.django_env(),
            workers=bench.options.workers,
        )
    finally:
        bench.extra_env.clear()
        bench.extra_env.update(before)
    try:
        gunicorn.start()
        yield gunicorn
    finally:
        gunicorn.stop()
        fake.close()
