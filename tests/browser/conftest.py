"""The cases fixtures (complaint factory, mediation organisation, mediator) serve the walk-throughs too."""

from tests.cases.conftest import complaint, mediation_org, mediator  # noqa: F401
