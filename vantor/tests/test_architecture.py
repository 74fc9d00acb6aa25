"""The project's shape, as the README draws it: which app may import which, and size limits.

A plain scan of `import` statements in each app's runtime modules (tests and migrations are
left out: they may reach anywhere). Imports inside functions count too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("store", "catalog", "home", "shop", "accounts", "search", "demo", "vantor")

# Which of our apps each app may import (itself always).
ALLOWED = {
    "store": set(),
    "catalog": {"store"},
    "home": {"catalog", "store"},
    "shop": {"catalog", "store"},
    "accounts": {"shop", "store"},
    "search": {"catalog", "store"},
    "demo": set(APPS) - {"vantor"},
    "vantor": set(APPS),
}
MAX_MODULE_LINES = 400


def runtime_modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def imported_apps(path: Path) -> set[str]:
    """Our apps (and `testing`) that the module at `path` imports, at any depth."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & {*APPS, "testing", "bench"}
    return found


@pytest.mark.parametrize("app", APPS)
def test_app_imports_only_what_the_architecture_allows(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - ALLOWED[app] - {app})
        for path in runtime_modules(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_only_entry_points_and_settings_import_the_project_package():
    importers = [
        str(path.relative_to(ROOT))
        for app in set(APPS) - {"vantor"}
        for path in runtime_modules(app)
        if "vantor" in imported_apps(path)
    ]
    assert importers == []


def test_the_runtime_never_imports_the_test_harness_or_the_bench():
    importers = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in runtime_modules(app)
        if imported_apps(path) & {"testing", "bench"}
    ]
    assert importers == []


def test_no_module_is_longer_than_the_limit():
    tracked = [
        path
        for folder in (*APPS, "testing", "bench", "deploy")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]
    long = {
        str(p.relative_to(ROOT)): n
        for p in tracked
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_the_scan_sees_a_forbidden_import(tmp_path):
    module = tmp_path / "models.py"
    module.write_text("def f():\n    from shop.models import Order\n")
    assert imported_apps(module) == {"shop"}
