"""Fixtures of the input-bounds tests (issue 20): the market of the e-commerce tests and the complaint
factory and mediator of the cases tests."""

from __future__ import annotations

from tests.cases.conftest import complaint, mediation_org, mediator  # noqa: F401
from tests.ecommerce.conftest import market, platform  # noqa: F401
