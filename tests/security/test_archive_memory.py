"""Issue 20, item 5: archives are inspected streaming, with one byte budget, never an entry read whole.

A large archive stored inside an evidence zip (ratio 1, so no ratio check stops it at the outer level)
used to be read into memory whole before its own entries were looked at. The check runs in a fresh
process so that its peak resident memory can be measured against the baseline of that process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zhichan.core.evidence import EvidenceRejected, detect_media_type

INNER_FILLER = 200 * 1024 * 1024  # bytes of a stored entry inside the inner archive
MAX_GROWTH = 64 * 1024 * 1024  # peak memory the check may add; reading the inner archive costs > 200 MiB

_PROBE = """
import json, resource, sys
from pathlib import Path
import django
django.setup()
from zhichan.core.evidence import EvidenceRejected, detect_media_type
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    detect_media_type(Path(sys.argv[1]), "bundle.zip")
    outcome = "accepted"
except EvidenceRejected as exc:
    outcome = str(exc)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "growth_kib": after - before}))
"""


def _write_zeros(archive: zipfile.ZipFile, name: str, size: int, method: int) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = method
    block = b"\0" * (1024 * 1024)
    with archive.open(info, "w", force_zip64=True) as out:
        for _ in range(size // len(block)):
            out.write(block)


def _nested_bomb(folder: Path) -> Path:
    """outer.zip (stored) > inner.zip (200 MiB stored filler, then a deflated 10 MiB of zeros)."""
    inner = folder / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        _write_zeros(archive, "filler.bin", INNER_FILLER, zipfile.ZIP_STORED)
        _write_zeros(archive, "zeros.bin", 10 * 1024 * 1024, zipfile.ZIP_DEFLATED)
    outer = folder / "bundle.zip"
    with zipfile.ZipFile(outer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(inner, "inner.zip")
    inner.unlink()
    return outer


@pytest.mark.slow
def test_a_large_archive_inside_an_evidence_zip_is_refused_without_being_read_into_memory(tmp_path):
    bundle = _nested_bomb(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "zhichan.config.settings")
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(bundle)], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert "压缩炸弹" in result["outcome"]
    assert result["growth_kib"] * 1024 < MAX_GROWTH, result
    assert not [p for p in tmp_path.iterdir() if p.name != "bundle.zip"], "the scratch copy is removed"


def test_the_byte_budget_is_shared_by_every_level_of_nesting(tmp_path, monkeypatch):
    """Each archive is under the limit alone; the outer one and the one inside it together are over it."""
    import zhichan.core.evidence as evidence

    monkeypatch.setattr(evidence, "ZIP_MAX_UNPACKED", 3 * 1024 * 1024)
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.bin", os.urandom(1024 * 1024), compress_type=zipfile.ZIP_STORED)
        archive.writestr("b.bin", os.urandom(1024 * 1024), compress_type=zipfile.ZIP_STORED)
    outer = tmp_path / "bundle.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "inner.zip")
    inner.unlink()
    with pytest.raises(EvidenceRejected, match="压缩炸弹"):
        detect_media_type(outer, "bundle.zip")
