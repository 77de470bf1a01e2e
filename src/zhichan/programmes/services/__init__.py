"""Writes of the programmes module: programmes and versions, applications and their procedure,
findings and clawbacks, the registers' imports."""

from zhichan.programmes.services.applications import (
    application_approve,
    application_create,
    application_document_add,
    application_pay,
    application_step,
    application_submit,
    evaluation_of,
    publicity_end,
)
from zhichan.programmes.services.clawbacks import clawback_repay, finding_record
from zhichan.programmes.services.objections import objection_record, objection_resolve
from zhichan.programmes.services.programmes import call_create, programme_create, version_create

__all__ = [
    "application_approve",
    "application_create",
    "application_document_add",
    "application_pay",
    "application_step",
    "application_submit",
    "call_create",
    "clawback_repay",
    "evaluation_of",
    "finding_record",
    "objection_record",
    "objection_resolve",
    "programme_create",
    "publicity_end",
    "version_create",
]
