"""The README stays true to the code: its configuration table and its layout table."""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
# `os.environ.get("NAME"`, `os.environ["NAME"]`, `env_bool("NAME"`, `env_list("NAME"`, `env_int(...`
ENV_READ = re.compile(
    r"""(?:environ(?:\.get)?\(|environ\[|env_\w+\()\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def environment_variables_read() -> set[str]:
    names = set()
    for path in (ROOT / "vantor" / "settings").glob("*.py"):
        names |= set(ENV_READ.findall(path.read_text()))
    return names


def test_every_environment_variable_the_settings_read_is_documented():
    names = environment_variables_read()
    assert "SECRET_KEY" in names  # the scan works
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_the_layout_table_names_every_top_level_folder():
    tracked = subprocess.run(  # noqa: S603 - a fixed command
        [shutil.which("git") or "git", "ls-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    folders = {path.split("/")[0] for path in tracked if "/" in path and not path.startswith(".")}
    missing = sorted(folder for folder in folders if f"`{folder}/`" not in README)
    assert missing == []


def test_the_readme_points_at_nothing_outside_the_repository():
    assert "../" not in README
