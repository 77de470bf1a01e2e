"""Validate an API answer against a component of the committed docs/api/openapi.json (formats checked)."""

from __future__ import annotations

import json
from functools import cache

from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import REPO_ROOT


def _nullable(node: object) -> object:
    """OpenAPI 3.0 `nullable: true` in JSON Schema terms: null is allowed as well."""
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@cache
def _openapi() -> dict:
    return _nullable(json.loads((REPO_ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8")))


def _components() -> dict:
    return _openapi()["components"]


def response_errors(method: str, path: str, status: int, body: object) -> list[str]:
    """Errors of a JSON answer against the documented response of one operation (path as in the schema)."""
    documented = _openapi()["paths"][path][method.lower()]["responses"][str(status)]
    return _errors(documented["content"]["application/json"]["schema"], body)


def path_parameter_errors(method: str, path: str, name: str, value: object) -> list[str]:
    """Errors of a path parameter's value against the documented parameter of one operation."""
    parameters = _openapi()["paths"][path][method.lower()]["parameters"]
    documented = next(p for p in parameters if p["in"] == "path" and p["name"] == name)
    return _errors(documented["schema"], value)


def conformance_errors(component: str, instance: object) -> list[str]:
    return _errors({"$ref": f"#/components/schemas/{component}"}, instance)


def _errors(schema: dict, instance: object) -> list[str]:
    schema = {**schema, "components": _components()}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
