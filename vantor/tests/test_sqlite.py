"""The `make run` default, SQLite, alike PostgreSQL: hostile input never reaches a 500 and
concurrent checkouts queue for the write lock instead of failing with "database is locked"."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testing.sqlite_probe import BUYERS, HOSTILE_QUERIES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite") / "probe.sqlite3"
    result = subprocess.run(  # noqa: S603 - our own module, our own interpreter
        [sys.executable, "-m", "testing.sqlite_probe", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(database.parent)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("query", [query[:40] for query in HOSTILE_QUERIES])
def test_hostile_searches_are_answered_on_sqlite(seen, query):
    assert seen["search"][query] == 200
    assert seen["autocomplete"][query] == 200


def test_an_ordinary_search_on_sqlite_still_finds_the_product_despite_quotes(seen):
    assert seen["found_by_title"] is True


def test_ids_past_the_column_and_huge_quantities_are_refused_on_sqlite(seen):
    assert all(status in (302, 400, 404) for status in seen["cart"].values()), seen["cart"]


def test_concurrent_checkouts_on_sqlite_all_complete_and_never_oversell(seen):
    checkout = seen["checkout"]
    assert all(status == 302 for status in checkout["statuses"]), checkout
    assert checkout["orders"] == BUYERS
    assert checkout["stock_left"] == 0
