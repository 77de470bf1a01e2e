"""The random draw of 双随机、一公开 inspections: reproducible and verifiable by anyone.

The procedure (version `DRAW_VERSION`), every step a deterministic function of published inputs:

1. A seed of 32 random bytes (`new_seed`, from `secrets`) is made when the plan is fixed; only its
   SHA-256 (`seed_hash`) is published (and audited) before the draw.
2. The candidate agencies and the inspector pool are published as lists of (id, name), sorted by id,
   each with its digest (`list_digest`: SHA-256 of the lines ``id<TAB>name<LF>`` in UTF-8).
3. Agencies are ranked by ``HMAC-SHA256(seed, "agency|" + agencies_digest + "|" + id)`` (hex, then id);
   the first ``k = ceil(share × n)`` are drawn (`sample_size`). Binding the key to the list's digest
   makes the result depend on the whole published list: changing any candidate changes the ranking.
4. For each drawn agency, in drawn order, inspectors are ranked by
   ``HMAC-SHA256(seed, "inspector|" + inspectors_digest + "|" + agency_id + "|" + inspector_id)``;
   an inspector with a declared conflict with that agency is skipped and the next one taken, until
   ``per_agency`` are assigned.
5. After the draw the seed is published: anyone recomputes with `verify`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

DRAW_VERSION = "zhichan-draw-v1"
SEED_BYTES = 32


class DrawError(ValueError):
    """The inputs do not allow a draw (no candidates, a share out of range, too few free inspectors)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Assignment:
    agency_id: str
    inspector_ids: tuple[str, ...]
    skipped: tuple[str, ...]  # inspectors passed over for a declared conflict


@dataclass(frozen=True, slots=True)
class DrawResult:
    version: str
    seed_hash: str
    agencies_digest: str
    inspectors_digest: str
    assignments: tuple[Assignment, ...]

    @property
    def agency_ids(self) -> tuple[str, ...]:
        return tuple(a.agency_id for a in self.assignments)


def new_seed() -> bytes:
    return secrets.token_bytes(SEED_BYTES)


def seed_hash(seed: bytes) -> str:
    return hashlib.sha256(seed).hexdigest()


def canonical(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The published order: by id; an id listed twice is refused."""
    ordered = sorted(candidates, key=lambda c: c.id)
    for before, after in itertools.pairwise(ordered):
        if before.id == after.id:
            raise DrawError(f"candidate {before.id!r} is listed twice")
    for candidate in ordered:
        if "\t" in candidate.id + candidate.name or "\n" in candidate.id + candidate.name:
            raise DrawError(f"candidate {candidate.id!r}: tabs and line breaks are not allowed")
    return ordered


def list_digest(candidates: Iterable[Candidate]) -> str:
    text = "".join(f"{c.id}\t{c.name}\n" for c in canonical(candidates))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sample_size(share: Decimal, n: int) -> int:
    """k = ceil(share × n), computed exactly on decimals; share in (0, 1]."""
    if not Decimal(0) < share <= Decimal(1):
        raise DrawError("the share must be above 0 and at most 1")
    return min(n, math.ceil(share * n))


def _key(seed: bytes, message: str) -> str:
    return hmac.new(seed, message.encode("utf-8"), hashlib.sha256).hexdigest()


def rank_agencies(seed: bytes, agencies: Sequence[Candidate]) -> list[str]:
    digest = list_digest(agencies)
    return sorted((c.id for c in agencies), key=lambda i: (_key(seed, f"agency|{digest}|{i}"), i))


def rank_inspectors(seed: bytes, inspectors: Sequence[Candidate], agency_id: str) -> list[str]:
    digest = list_digest(inspectors)
    return sorted((c.id for c in inspectors), key=lambda i: (_key(seed, f"inspector|{digest}|{agency_id}|{i}"), i))


def draw(
    seed: bytes,
    *,
    agencies: Sequence[Candidate],
    inspectors: Sequence[Candidate],
    share: Decimal,
    per_agency: int,
    conflicts: Mapping[str, Iterable[str]] | None = None,
) -> DrawResult:
    """Draw agencies and their inspectors; `conflicts` maps an agency id to the inspectors who declared one."""
    if len(seed) != SEED_BYTES:
        raise DrawError(f"the seed must be {SEED_BYTES} bytes")
    if not agencies:
        raise DrawError("no candidate agencies")
    if per_agency < 1:
        raise DrawError("at least one inspector per agency")
    conflicted = {agency: set(ids) for agency, ids in (conflicts or {}).items()}
    k = sample_size(share, len(agencies))
    assignments = []
    for agency_id in rank_agencies(seed, agencies)[:k]:
        taken: list[str] = []
        skipped: list[str] = []
        for inspector_id in rank_inspectors(seed, inspectors, agency_id):
            if len(taken) == per_agency:
                break
            if inspector_id in conflicted.get(agency_id, set()):
                skipped.append(inspector_id)
            else:
                taken.append(inspector_id)
        if len(taken) < per_agency:
            raise DrawError(f"agency {agency_id!r}: fewer than {per_agency} inspectors without a conflict")
        assignments.append(Assignment(agency_id, tuple(taken), tuple(skipped)))
    return DrawResult(
        version=DRAW_VERSION,
        seed_hash=seed_hash(seed),
        agencies_digest=list_digest(agencies),
        inspectors_digest=list_digest(inspectors),
        assignments=tuple(assignments),
    )


def verify(
    seed: bytes,
    *,
    published_seed_hash: str,
    agencies: Sequence[Candidate],
    inspectors: Sequence[Candidate],
    share: Decimal,
    per_agency: int,
    conflicts: Mapping[str, Iterable[str]] | None,
    assignments: Sequence[tuple[str, Sequence[str]]],
    published_agencies_digest: str | None = None,
    published_inspectors_digest: str | None = None,
) -> list[str]:
    """Recompute a published draw; returns the discrepancies (an empty list: the draw is verified).

    With the digests published before the draw, a list changed afterwards is found even where the
    changed entry would not alter the result (a candidate that was not drawn)."""
    problems = []
    if seed_hash(seed) != published_seed_hash:
        problems.append("the seed does not match the hash published before the draw")
    if published_agencies_digest is not None and list_digest(agencies) != published_agencies_digest:
        problems.append("the candidate list differs from the one published before the draw")
    if published_inspectors_digest is not None and list_digest(inspectors) != published_inspectors_digest:
        problems.append("the inspector list differs from the one published before the draw")
    try:
        again = draw(
            seed, agencies=agencies, inspectors=inspectors, share=share, per_agency=per_agency, conflicts=conflicts
        )
    except DrawError as exc:
        return [*problems, f"the draw cannot be recomputed: {exc}"]
    expected = [(a.agency_id, tuple(a.inspector_ids)) for a in again.assignments]
    recorded = [(agency, tuple(ids)) for agency, ids in assignments]
    if expected != recorded:
        problems.append("the recorded result differs from the recomputed draw")
    return problems
