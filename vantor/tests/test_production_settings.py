"""Production settings: the task queue is real unless asked otherwise; check --deploy is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"


def run_with(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        # The suite sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never does.
        if not key.startswith(("DJANGO_", "TASKS_", "ALLOW_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="vantor.settings.production",
        SECRET_KEY="a-long-random-production-key-for-this-test-only-0123456789abcdef",
        DATABASE_URL="sqlite:////tmp/vantor-production-settings-test.sqlite3",
        **env,
    )
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW_TASKS = "import django; django.setup(); from django.conf import settings; " + (
    "print(settings.TASKS['default']['BACKEND'], settings.SESSION_ENGINE)"
)


def test_production_queues_tasks_in_the_database_by_default():
    result = run_with(SHOW_TASKS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_production_refuses_the_immediate_backend_unless_allowed():
    refused = run_with(SHOW_TASKS, TASKS_BACKEND=IMMEDIATE)
    assert refused.returncode != 0
    assert "ALLOW_IMMEDIATE_TASKS" in refused.stderr
    allowed = run_with(SHOW_TASKS, TASKS_BACKEND=IMMEDIATE, ALLOW_IMMEDIATE_TASKS="1")
    assert allowed.returncode == 0, allowed.stderr


def test_check_deploy_is_clean_under_production_settings():
    code = "import django; from django.core.management import call_command; django.setup(); "
    result = run_with(code + "call_command('check', '--deploy', '--fail-level', 'WARNING')")
    assert result.returncode == 0, result.stderr
