"""Template filters of the plan module: `num` (decimals without trailing zeros), `docdate` and
`docdatetime` (dates as Chinese documents write them). See `zhichan.planning.formatting`."""

from __future__ import annotations

from django import template

from zhichan.planning import formatting

register = template.Library()


@register.filter
def num(value: object, places: int = 2) -> str:
    return formatting.number(value, int(places))


@register.filter
def docdate(value: object) -> str:
    return formatting.document_date(value)  # type: ignore[arg-type]


@register.filter
def docdatetime(value: object) -> str:
    return formatting.document_date(value, with_time=True)  # type: ignore[arg-type]
