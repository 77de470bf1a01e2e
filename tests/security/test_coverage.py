"""Issue 20: the bounds are applied generically, so a new form or API serializer cannot forget them."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from pathlib import Path

from django import forms
from rest_framework import serializers

import zhichan
from zhichan.core.limits import LimitedForm, LimitedSerializerMixin

# Forms left plain, with the reason: the second-factor code is a bounded CharField of the log-in (issue 20
# items 2-3 own that code).
PLAIN_FORMS = {"zhichan.core.forms.SecondFactorForm"}
# The token endpoint's body: username, password and code, bounded by its own fields (log-in code, items 2-3).
PLAIN_REQUESTS = {"LockoutAuthToken"}
REPO_ROOT = Path(__file__).resolve().parents[2]


def _classes(module_suffix: str, base: type) -> list[type]:
    found = []
    for info in pkgutil.walk_packages(zhichan.__path__, "zhichan."):
        if ".engines" in info.name or not info.name.endswith(module_suffix):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_form_of_the_apps_carries_the_bounds():
    plain = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _classes(".forms", forms.Form)
        if not issubclass(cls, LimitedForm) and f"{cls.__module__}.{cls.__name__}" not in PLAIN_FORMS
    ]
    assert plain == []


def test_every_request_body_of_the_api_carries_the_bounds():
    """The request bodies are the schema's `<Name>Request` components, named after `<Name>Serializer`."""
    schema = json.loads((REPO_ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8"))
    requests = {
        name.removesuffix("Request").removeprefix("Patched")
        for name in schema["components"]["schemas"]
        if name.endswith("Request")
    }
    classes = {cls.__name__.removesuffix("Serializer"): cls for cls in _classes("serializers", serializers.Serializer)}
    assert requests - set(classes) <= PLAIN_REQUESTS, "every request body is found among the serializers"
    unbounded = sorted(
        name
        for name in requests - PLAIN_REQUESTS
        if name in classes and not issubclass(classes[name], LimitedSerializerMixin)
    )
    assert requests and unbounded == []
