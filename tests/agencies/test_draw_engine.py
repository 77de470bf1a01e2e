"""The draw engine: reproducible from the seed and the published lists, bound to every candidate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhichan.engines.draw import Candidate, DrawError, draw, list_digest, sample_size, seed_hash, verify

SEED = bytes(range(32))
AGENCIES = [Candidate(f"A{i:02d}", f"机构{i}") for i in range(20)]
INSPECTORS = [Candidate(f"I{i:02d}", f"检查员{i}") for i in range(8)]


def _draw(seed=SEED, agencies=AGENCIES, conflicts=None):
    return draw(
        seed, agencies=agencies, inspectors=INSPECTORS, share=Decimal("0.25"), per_agency=2, conflicts=conflicts
    )


def test_same_seed_and_list_give_the_same_result_in_any_input_order():
    first = _draw()
    again = _draw(agencies=list(reversed(AGENCIES)))
    assert first == again
    assert len(first.assignments) == 5  # ceil(0.25 × 20)


def test_changing_one_candidate_changes_the_result():
    base = _draw()
    renamed = [*AGENCIES[:-1], Candidate("A19", "另一机构")]
    assert list_digest(renamed) != list_digest(AGENCIES)
    assert _draw(agencies=renamed).assignments != base.assignments
    replaced = [*AGENCIES[:-1], Candidate("A99", "机构99")]
    assert _draw(agencies=replaced).assignments != base.assignments


def test_another_seed_gives_another_draw():
    assert _draw(seed=bytes(32)).assignments != _draw().assignments


def test_a_conflicted_inspector_is_never_assigned_and_the_next_is_taken():
    base = _draw()
    first = base.assignments[0]
    conflicts = {first.agency_id: set(first.inspector_ids)}
    again = _draw(conflicts=conflicts)
    assert again.agency_ids == base.agency_ids
    redrawn = again.assignments[0]
    assert not set(redrawn.inspector_ids) & set(first.inspector_ids)
    assert set(redrawn.skipped) == set(first.inspector_ids)
    assert len(redrawn.inspector_ids) == 2


def test_too_few_free_inspectors_is_refused():
    everyone = {a.id: {i.id for i in INSPECTORS[1:]} for a in AGENCIES}
    with pytest.raises(DrawError):
        _draw(conflicts=everyone)


def test_verify_recomputes_and_names_discrepancies():
    result = _draw()
    recorded = [(a.agency_id, a.inspector_ids) for a in result.assignments]
    kwargs = dict(agencies=AGENCIES, inspectors=INSPECTORS, share=Decimal("0.25"), per_agency=2, conflicts=None)
    assert verify(SEED, published_seed_hash=seed_hash(SEED), assignments=recorded, **kwargs) == []
    assert verify(bytes(32), published_seed_hash=seed_hash(SEED), assignments=recorded, **kwargs)
    tampered = [recorded[1], recorded[0], *recorded[2:]]
    assert verify(SEED, published_seed_hash=seed_hash(SEED), assignments=tampered, **kwargs)


def test_verify_finds_a_list_changed_after_its_digest_was_published():
    result = _draw()
    recorded = [(a.agency_id, a.inspector_ids) for a in result.assignments]
    kwargs = dict(inspectors=INSPECTORS, share=Decimal("0.25"), per_agency=2, conflicts=None, assignments=recorded)
    published = dict(
        published_agencies_digest=result.agencies_digest, published_inspectors_digest=result.inspectors_digest
    )
    assert verify(SEED, published_seed_hash=seed_hash(SEED), agencies=AGENCIES, **kwargs, **published) == []
    not_drawn = next(a for a in AGENCIES if a.id not in result.agency_ids)
    renamed = [Candidate(a.id, "另一机构") if a == not_drawn else a for a in AGENCIES]
    problems = verify(SEED, published_seed_hash=seed_hash(SEED), agencies=renamed, **kwargs, **published)
    assert "the candidate list differs from the one published before the draw" in problems


def test_sample_size_rounds_up_and_bounds_the_share():
    assert sample_size(Decimal("0.05"), 41) == 3
    assert sample_size(Decimal("1"), 7) == 7
    with pytest.raises(DrawError):
        sample_size(Decimal("0"), 7)
    with pytest.raises(DrawError):
        _draw(agencies=[AGENCIES[0], AGENCIES[0]])
