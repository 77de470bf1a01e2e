"""`{% load labels %}`: `{{ code|label:"role" }}` and `{{ summary|summary_lines:object_type }}` (see core.labels)."""

from __future__ import annotations

from typing import Any

from django import template

from zhichan.core import labels

register = template.Library()


@register.filter(name="label")
def label(code: Any, kind: str) -> str:
    return labels.label(kind, code)


@register.filter(name="summary_lines")
def summary_lines(summary: Any, object_type: str = "") -> list[tuple[str, str]]:
    return labels.summary_lines(summary, object_type=object_type)
