"""Alignment of two marks unit by unit (characters, syllables): substitution, insertion, swapped order.

The guideline compares marks as wholes (整体比对): a mark that differs by one replaced character, one
added character or two swapped characters stays close. The score is the best total similarity of
aligned units divided by the length of the longer mark, so it is symmetric and in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

SWAP_FACTOR = 0.9  # two swapped neighbours count 90% of two matches (5.1.1/5.1.2: order differs)


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    pairs: tuple[tuple[int, int, float], ...]  # (index in a, index in b, similarity) of aligned units


def align(a: Sequence[T], b: Sequence[T], sim: Callable[[T, T], float]) -> Alignment:
    """Best alignment of `a` and `b` under the unit similarity `sim` (symmetric if `sim` is)."""
    total_n, total_m = len(a), len(b)
    if total_n == 0 and total_m == 0:
        return Alignment(1.0, ())
    if total_n == 0 or total_m == 0:
        return Alignment(0.0, ())
    # Equal units at both ends align with each other (similarity 1, the most a unit can add): only the
    # middle needs the quadratic search. Company names share long ends (广州 ... 有限公司).
    head = 0
    while head < min(total_n, total_m) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(total_n, total_m) - head and a[total_n - 1 - tail] == b[total_m - 1 - tail]:
        tail += 1
    ends = [(i, i, 1.0) for i in range(head)]
    ends_tail = [(total_n - tail + k, total_m - tail + k, 1.0) for k in range(tail)]
    offset = head
    a, b = a[head : total_n - tail], b[head : total_m - tail]
    n, m = len(a), len(b)
    # Unit similarities computed once; the dynamic programme then only adds and compares floats (ties go
    # to the first of: skip a unit of a, skip a unit of b, match, swap).
    sims = [[sim(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [["b"] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        move[i][0] = "a"
    for i in range(1, n + 1):
        row, above, sims_i = best[i], best[i - 1], sims[i - 1]
        moves = move[i]
        for j in range(1, m + 1):
            value, step = above[j], "a"
            if row[j - 1] > value:
                value, step = row[j - 1], "b"
            matched = above[j - 1] + sims_i[j - 1]
            if matched > value:
                value, step = matched, "m"
            if i > 1 and j > 1:
                swapped = best[i - 2][j - 2] + SWAP_FACTOR * (sims_i[j - 2] + sims[i - 2][j - 1])
                if swapped > value:
                    value, step = swapped, "x"
            row[j] = value
            moves[j] = step
    pairs: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == "m":
            pairs.append((i - 1, j - 1, sims[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif step == "x":
            pairs.append((i - 1, j - 2, SWAP_FACTOR * sims[i - 1][j - 2]))
            pairs.append((i - 2, j - 1, SWAP_FACTOR * sims[i - 2][j - 1]))
            i, j = i - 2, j - 2
        elif step == "a":
            i -= 1
        else:
            j -= 1
    middle = [(i + offset, j + offset, sim_) for i, j, sim_ in reversed(pairs)]
    total = head + tail + best[n][m]
    return Alignment(round(total / max(total_n, total_m), 4), tuple(ends + middle + ends_tail))
