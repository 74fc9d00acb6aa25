"""Pytest plugin of the suite: a throwaway PostgreSQL cluster for the whole run.

Loaded by the root `conftest.py`. The controlling process starts one cluster when pytest
configures itself, before xdist starts its workers (which inherit DATABASE_URL); the root
conftest then points Django's default connection at it (`testing.postgres.use_test_cluster`)
before the test databases are made. Importing the settings starts nothing.
"""

from .postgres import ensure_cluster


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist)
        ensure_cluster()
