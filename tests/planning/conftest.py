"""Fixtures of the planning tests: the plan text shipped with the platform, imported once per test."""

from __future__ import annotations

import pytest


def plan_path():
    from zhichan.planning.demo import PLAN_TEXT

    return PLAN_TEXT


@pytest.fixture(scope="session")
def plan_text():
    return plan_path().read_text(encoding="utf-8")


@pytest.fixture
def plan(users, plan_text):
    from zhichan.planning.services import plan_import

    return plan_import(actor=users["official"], text=plan_text).plan
