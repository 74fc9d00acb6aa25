import os

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

from store.staticfiles import BundleFinder


@pytest.fixture
def bundle_root(settings, tmp_path):
    settings.STATIC_BUNDLE_ROOT = tmp_path / "bundles"
    return settings.STATIC_BUNDLE_ROOT


@pytest.fixture
def parts(settings, tmp_path, bundle_root):
    """A static directory with two parts and a bundle made of them."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "first.css").write_text("a { color: red; }\n")
    (static / "css" / "second.css").write_text("b { color: blue; }\n")
    settings.STATICFILES_DIRS = [static]
    settings.STATIC_BUNDLES = {"css/site.css": ["css/first.css", "css/second.css"]}
    finders.get_finder.cache_clear()
    yield static
    finders.get_finder.cache_clear()


def test_vantor_css_contains_every_part_in_order(bundle_root):
    text = open(BundleFinder().find("css/vantor.css"), encoding="utf-8").read()

    positions = []
    for part in settings.STATIC_BUNDLES["css/vantor.css"]:
        with open(finders.find(part), encoding="utf-8") as stream:
            body = stream.read().rstrip()
        assert body in text, part
        positions.append(text.index(body))
    assert positions == sorted(positions)


def test_staticfiles_finders_serve_the_bundle_as_one_file(parts):
    found = finders.find("css/site.css")

    assert open(found, encoding="utf-8").read() == (
        "/* css/first.css */\na { color: red; }\n\n/* css/second.css */\nb { color: blue; }\n\n"
    )


def test_bundle_is_rebuilt_when_a_part_changes(parts):
    first = BundleFinder().find("css/site.css")
    old = os.stat(first).st_mtime
    (parts / "css" / "second.css").write_text("b { color: green; }\n")
    os.utime(parts / "css" / "second.css", (old + 10, old + 10))

    text = open(BundleFinder().find("css/site.css"), encoding="utf-8").read()

    assert "color: green" in text
    assert "color: blue" not in text


def test_collectstatic_lists_the_bundle(parts):
    listed = {path: storage for path, storage in BundleFinder().list([])}

    assert list(listed) == ["css/site.css"]
    assert listed["css/site.css"].open("css/site.css").read().startswith(b"/* css/first.css */")


def test_find_all_returns_a_list(parts):
    assert BundleFinder().find("css/site.css", find_all=True) == [
        str(parts.parent / "bundles" / "css" / "site.css")
    ]


def test_paths_outside_the_bundles_are_left_to_other_finders(parts):
    assert BundleFinder().find("css/first.css") == []
    assert BundleFinder().find("css/first.css", find_all=True) == []
    assert finders.find("css/missing.css") is None


def test_a_missing_part_is_a_configuration_error(parts, settings):
    settings.STATIC_BUNDLES = {"css/site.css": ["css/first.css", "css/missing.css"]}

    with pytest.raises(ImproperlyConfigured, match="css/missing.css"):
        BundleFinder().find("css/site.css")
