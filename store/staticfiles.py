"""One stylesheet built from small files, without a Node build.

`STATIC_BUNDLES` maps a static path (`css/vantor.css`) to the static files it is made of, in
order. `BundleFinder` answers for that path with their concatenation, written to a build
directory whenever a part is newer, so `runserver`, `collectstatic` (and so whitenoise's
compression and manifest) all see one ordinary file. CSS custom properties cannot carry media
query breakpoints, so the parts share one breakpoint scale by convention (see css/tokens.css).
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage


def bundle_root() -> Path:
    """Where built bundles are written (`STATIC_BUNDLE_ROOT`, else a temporary directory)."""
    default = Path(tempfile.gettempdir()) / "vantor-static-bundles"
    return Path(getattr(settings, "STATIC_BUNDLE_ROOT", default))


def part_paths(name: str) -> list[Path]:
    """The files on disk that make up bundle `name`, in order."""
    paths = []
    for part in settings.STATIC_BUNDLES[name]:
        found = finders.find(part)
        if not found:
            raise ImproperlyConfigured(f"Static bundle {name!r}: part {part!r} not found.")
        paths.append(Path(found))
    return paths


def build_bundle(name: str) -> Path:
    """Write bundle `name` if it is missing or older than a part, and return its path."""
    target = bundle_root() / name
    parts = part_paths(name)
    newest = max(part.stat().st_mtime for part in parts)
    if target.exists() and target.stat().st_mtime >= newest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(
        f"/* {part} */\n{path.read_text(encoding='utf-8').rstrip()}\n\n"
        for part, path in zip(settings.STATIC_BUNDLES[name], parts, strict=True)
    )
    # Write beside the target and rename: another process may be serving it right now.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)
    return target


class BundleFinder(finders.BaseFinder):
    """Finds each `STATIC_BUNDLES` path as the concatenation of its parts."""

    def find(self, path, find_all=False, **kwargs):
        if path not in getattr(settings, "STATIC_BUNDLES", {}):
            # Not None: staticfiles.finders.find() would count None as a match.
            return []
        found = str(build_bundle(path))
        return [found] if find_all or kwargs.get("all") else found

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=bundle_root())
        for name in getattr(settings, "STATIC_BUNDLES", {}):
            build_bundle(name)
            yield name, storage
