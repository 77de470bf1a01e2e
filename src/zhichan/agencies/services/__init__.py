"""Writes of the agencies module: the directory's import, inspection plans, their draw and results."""

from zhichan.agencies.services.directory import agencies_import_job, agencies_import_spec, agencies_import_start
from zhichan.agencies.services.inspections import (
    conflict_declare,
    inspection_result,
    plan_create,
    plan_draw,
    plan_fix,
    plan_publish,
    plan_verify,
    publish_due,
    published_inputs,
)

__all__ = [
    "agencies_import_job",
    "agencies_import_spec",
    "agencies_import_start",
    "conflict_declare",
    "inspection_result",
    "plan_create",
    "plan_draw",
    "plan_fix",
    "plan_publish",
    "plan_verify",
    "publish_due",
    "published_inputs",
]
