"""The data directory: never the current directory, and no folder appears when the settings are imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zhichan.config.settings import PACKAGE_DIR, default_data_dir

CHECKOUT = Path(__file__).resolve().parents[2]


def _python(code: str, *, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("ZHICHAN_DATA_DIR", "DJANGO_SETTINGS_MODULE")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def test_importing_the_settings_elsewhere_creates_nothing_and_points_at_the_checkout(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = _python("import zhichan.config.settings as s; print(s.DATA_DIR)", cwd=elsewhere, HOME=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == default_data_dir()
    assert list(elsewhere.iterdir()) == []  # no var/ in the current directory
    if PACKAGE_DIR == CHECKOUT / "src" / "zhichan":  # installed from this checkout (make install: editable)
        assert Path(done.stdout.strip()) == CHECKOUT / "var"


def test_settings_create_no_folder_and_the_database_folder_appears_on_first_connection(tmp_path):
    data = tmp_path / "not" / "yet"
    settings_only = _python("import zhichan.config.settings", cwd=tmp_path, ZHICHAN_DATA_DIR=str(data))
    assert settings_only.returncode == 0, settings_only.stderr
    assert not (tmp_path / "not").exists()
    connect = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'zhichan.config.settings'; django.setup(); "
        "from django.db import connection; connection.ensure_connection()"
    )
    connected = _python(connect, cwd=tmp_path, ZHICHAN_DATA_DIR=str(data), DATABASE_URL="")
    assert connected.returncode == 0, connected.stderr
    assert (data / "zhichan.sqlite3").is_file()
    assert sorted(p.name for p in data.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["zhichan.sqlite3"]


def test_an_installed_package_uses_the_users_data_folder(tmp_path, monkeypatch):
    site = tmp_path / "site-packages" / "zhichan"
    site.mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir(site) == tmp_path / "xdg" / "zhichan"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir(site) == tmp_path / "home" / ".local" / "share" / "zhichan"
    checkout = tmp_path / "checkout"
    (checkout / "src" / "zhichan").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'zhichan'\n")
    assert default_data_dir(checkout / "src" / "zhichan") == checkout / "var"
