"""Patents: the pure engine behind the patent register (M10, M11).

IPC codes in every written form (`ipc`), what a document number says (`numbers`), the search language
of professional tools parsed into a tree each backend translates (`query`), and the five high-value
criteria with the lineage of each flag (`high_value`). No Django: the `patents` module stores, the
engine decides.
"""

from __future__ import annotations

from zhichan.engines.patents.high_value import (
    CRITERION_LABELS,
    Award,
    Criterion,
    FamilyMember,
    Flag,
    HighValueSettings,
    IndustryTable,
    PatentFacts,
    Pledge,
    counts,
    high_value_count,
    hv_flags,
)
from zhichan.engines.patents.ipc import IpcCode, IpcError, parse_ipc, parse_ipc_list
from zhichan.engines.patents.numbers import PatentKind, kind_of_application, kind_of_publication
from zhichan.engines.patents.query import FIELDS, And, DateRange, Not, Or, QueryError, Term, parse_query, terms_of

__all__ = [
    "CRITERION_LABELS",
    "FIELDS",
    "And",
    "Award",
    "Criterion",
    "DateRange",
    "FamilyMember",
    "Flag",
    "HighValueSettings",
    "IndustryTable",
    "IpcCode",
    "IpcError",
    "Not",
    "Or",
    "PatentFacts",
    "PatentKind",
    "Pledge",
    "QueryError",
    "Term",
    "counts",
    "high_value_count",
    "hv_flags",
    "kind_of_application",
    "kind_of_publication",
    "parse_ipc",
    "parse_ipc_list",
    "parse_query",
    "terms_of",
]
