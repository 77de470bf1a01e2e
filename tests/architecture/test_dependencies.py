"""Dependencies: each pinned once in pyproject.toml, and the hashed lock files agree with the pins.

A pin changed in pyproject.toml without `make lock` fails here, before an install on an isolated
network would install something else than the lock says.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCKS = {
    "lock.txt": ("dependencies",),
    "lock-spark.txt": ("dependencies", "spark"),
    "lock-test.txt": ("dependencies", "spark", "test", "dev"),
}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def _name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def _pins(group: str) -> dict[str, str]:
    requirements = PROJECT["dependencies"] if group == "dependencies" else PROJECT["optional-dependencies"][group]
    pins = {}
    for requirement in requirements:
        match = _PIN.match(requirement)
        assert match, f"{group}: {requirement!r} is not pinned with =="
        pins[_name(match[1])] = match[3]
    return pins


def _lock(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    locked = {}
    for entry in entries:
        match = _PIN.match(entry)
        if match:
            assert "--hash=sha256:" in entry, f"{name}: {match[1]} has no hash"
            locked[_name(match[1])] = match[3]
    return locked


def test_every_package_is_pinned_once():
    groups = ["dependencies", *PROJECT["optional-dependencies"]]
    seen: dict[str, str] = {}
    for group in groups:
        requirements = PROJECT["dependencies"] if group == "dependencies" else PROJECT["optional-dependencies"][group]
        for requirement in requirements:
            name = _name(_PIN.match(requirement)[1])
            assert name not in seen, f"{name} is pinned in {seen.get(name)} and again in {group}"
            seen[name] = group


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_lock_files_hold_the_pins_of_their_profile(lock_name):
    locked = _lock(lock_name)
    for group in LOCKS[lock_name]:
        for name, version in _pins(group).items():
            found = locked.get(name)
            assert found == version, f"requirements/{lock_name}: {name} is {found}, pyproject pins {version}; make lock"


def test_the_profiles_install_the_same_versions_and_spark_stays_optional():
    platform, spark, test = (_lock(name) for name in ("lock.txt", "lock-spark.txt", "lock-test.txt"))
    assert platform.items() <= spark.items() <= test.items()
    for name in _pins("spark"):
        assert name not in platform, f"{name} belongs to the spark extra, not to requirements/lock.txt"
    for name in (*_pins("test"), *_pins("dev"), *_pins("build-data")):
        assert name not in platform and name not in spark
