"""`zhichan serve` collects static files only when they changed (compressing them takes ~20 s)."""

from __future__ import annotations

import os
import time

import pytest

from zhichan.core.management.commands.serve import collect_static_if_changed


@pytest.mark.real_clock  # compares file modification times, which the file system takes from the real clock
def test_static_files_are_collected_once_until_a_source_changes(settings, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "site.css").write_text("body { color: #333; }")
    settings.STATICFILES_DIRS = [source]
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app.startswith("django.contrib.staticfiles")]
    settings.STATIC_ROOT = tmp_path / "root"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert collect_static_if_changed() is True
    assert (tmp_path / "root" / "site.css").is_file()
    assert collect_static_if_changed() is False  # nothing changed: no second run
    (source / "site.css").write_text("body { color: #000; }")
    later = time.time() + 60  # as an edit made after the last collection
    os.utime(source / "site.css", (later, later))
    assert collect_static_if_changed() is True
    assert (tmp_path / "root" / "site.css").read_text() == "body { color: #000; }"
