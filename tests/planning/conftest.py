"""Fixtures of the planning tests: the real plan text (skipped visibly when absent), imported once per test."""

from __future__ import annotations

import pytest

from tests.conftest import testdata_dir


def plan_path():
    return testdata_dir().parent / "plan" / "guangzhou-ip-plan-2021-2025.txt"


@pytest.fixture(scope="session")
def plan_text():
    path = plan_path()
    if not path.is_file():
        pytest.skip(f"plan text absent: {path} (set ZHICHAN_TESTDATA to the shared data folder)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def plan(users, plan_text):
    from zhichan.planning.services import plan_import

    return plan_import(actor=users["official"], text=plan_text).plan
