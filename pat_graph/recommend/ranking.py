"""Compact per-department pair scores and their exact, bounded ranking.

A department has ~500k candidate pairs at 10x the demo: they are kept as arrays
(:class:`DepartmentScores`), and only the pairs shown become :class:`PairScore`
objects. :func:`top_ranked` returns exactly what ``ranked(...)[:k]`` would,
without sorting every pair.

>>> import numpy as np
>>> top_ranked(np.array([0.1, 0.3, 0.3, 0.2]), 2)
[1, 2]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

Pair = tuple[str, str]
"""Two actor node ids, sorted."""


@dataclass(frozen=True)
class PairScore:
    """The four components and the score of one candidate pair."""

    pair: Pair
    score: float
    trust: float
    complementarity: float
    territory: float
    gap: float
    closes: tuple[str, ...]


@dataclass
class DepartmentScores:
    """Every candidate pair of one department, as arrays (no per-pair objects).

    Pair ``i`` is ``(candidates[ia[i]], candidates[ib[i]])``; pairs are in sorted
    order (as :func:`itertools.combinations` of the sorted candidates gives them).
    ``raw`` is the hand formula's summed trust evidence of each pair.
    """

    department: str
    candidates: list[str]
    ia: np.ndarray
    ib: np.ndarray
    score: np.ndarray
    raw: np.ndarray
    formula: np.ndarray | None = None
    """The hand formula's scores when ``score`` holds learned ones (else None)."""

    @property
    def formula_score(self) -> np.ndarray:
        """The hand formula's score of every pair (``score`` itself with no model)."""
        return self.score if self.formula is None else self.formula

    def __len__(self) -> int:
        return len(self.score)

    def pair(self, i: int) -> Pair:
        return (self.candidates[int(self.ia[i])], self.candidates[int(self.ib[i])])

    def involving(self, actor: str) -> np.ndarray:
        """Indexes of the pairs that include ``actor``."""
        try:
            k = self.candidates.index(actor)
        except ValueError:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero((self.ia == k) | (self.ib == k))


def top_ranked(score: np.ndarray, k: int, seed: int | None = 0,
               among: np.ndarray | None = None) -> list[int]:
    """Indexes of the ``k`` best of ``score[among]`` (all if None), in :func:`ranked` order.

    The tie-break is the seeded shuffle :func:`ranked` draws for ``len(score)``
    items; only the pairs whose score can reach the top ``k`` are sorted exactly
    (with Python's ``round``), so the result equals ``ranked(...)[:k]``.
    """
    order = tie_order(len(score), seed)
    idx = np.arange(len(score)) if among is None else np.asarray(among, dtype=np.int64)
    if k <= 0 or not len(idx):
        return []
    sub = score[idx]
    if k < len(idx):
        kth = np.partition(sub, len(sub) - k)[len(sub) - k]
        idx = idx[sub >= kth - 1e-9]  # round(x, 12) is monotone: a superset of the top k
    sel = idx.tolist()
    vals = score[idx].tolist()
    ties = order[idx].tolist()
    keyed = sorted(zip(sel, vals, ties, strict=True), key=lambda t: (-round(t[1], 12), t[2]))
    return [i for i, _, _ in keyed[:k]]


def tie_order(n: int, seed: int | None = 0) -> np.ndarray:
    """The seeded tie-break of ``n`` items: a permutation of ``range(n)`` (lower first).

    NumPy's generator, not Python's ``random.shuffle``: 2.5 million pairs (a large
    department at 10x the demo) take milliseconds instead of ~0.4 s. Any integer seed
    works (taken modulo 2**64); ``None`` draws a fresh one.

    >>> tie_order(5, 0).tolist() == tie_order(5, 0).tolist()
    True
    >>> sorted(tie_order(5, -3).tolist())
    [0, 1, 2, 3, 4]
    """
    rng = np.random.default_rng(None if seed is None else int(seed) % 2**64)
    return rng.permutation(n)



def ranked(scores: Iterable[PairScore], seed: int | None = 0) -> list[PairScore]:
    """Pairs by decreasing score; ties broken by a seeded shuffle (deterministic)."""
    items = sorted(scores, key=lambda s: s.pair)
    tie = dict(zip((s.pair for s in items), tie_order(len(items), seed).tolist(), strict=True))
    return sorted(items, key=lambda s: (-round(s.score, 12), tie[s.pair]))


__all__ = ["DepartmentScores", "Pair", "PairScore", "ranked", "tie_order", "top_ranked"]
