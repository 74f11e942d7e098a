"""Generic pair features for the learned ranking (``docs/recommend.md``, "Pesos aprendidos").

Every feature of a pair ``(a, b)`` of one department is computed from the graph
as of one date ``T`` (the :class:`~pat_graph.recommend.score.Index`'s as-of
date) and nothing later: what the two share (active instances, instances
either sat in during the last 12 or 36 months, events by how long ago they
were, common agreement partners), how active each of them is, and the hand
formula's complementarity, territorial fit and gap closed. Shared-space
terms come in several size transforms (count, ``Σ 1/log2(1 + size)``,
``Σ 1/size``, ``Σ 2/(size·(size − 1))`` — one over the number of possible pairs,
the weighting of a shared group when it spins off a pair at random): a small
table and a plenary are different evidence, and the model learns how different. Every shared-space and activity value ``v`` enters
as ``log(1 + v)``.

>>> [f.name for f in FEATURES][:3]
['inst_now_count', 'inst_now_log', 'inst_now_ra']
>>> len(FEATURES)
43
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from pat_graph.recommend.base import (
    AGREEMENT_ACTIVITY_MONTHS,
    EVENT_ACTIVITY_MONTHS,
    MONTH_DAYS,
    IndexLike,
    day_number,
)

#: Event recency bins, in months before the as-of date: [0, 6), [6, 12), ... [36, inf).
EVENT_BINS_MONTHS: tuple[float, ...] = (0, 6, 12, 24, 36, math.inf)
#: Instance windows, in months: both sat in the instance at some time in the window.
INSTANCE_WINDOWS_MONTHS: tuple[int, ...] = (12, 36)


@dataclass(frozen=True)
class Feature:
    """One model input: a machine name and a Spanish description."""

    name: str
    label: str


def _bin_label(lo: float, hi: float) -> str:
    return (f"hace {lo:g}–{hi:g} meses" if hi != math.inf else f"hace {lo:g} meses o más")


_EVENT_BINS = tuple(zip(EVENT_BINS_MONTHS[:-1], EVENT_BINS_MONTHS[1:], strict=True))

FEATURES: tuple[Feature, ...] = (
    Feature("inst_now_count", "instancias activas compartidas hoy (número)"),
    Feature("inst_now_log", "instancias activas compartidas hoy (Σ 1/log2(1+miembros))"),
    Feature("inst_now_ra", "instancias activas compartidas hoy (Σ 1/miembros)"),
    Feature("inst_now_pair", "instancias activas compartidas hoy (Σ 1/parejas posibles)"),
    *(f for m in INSTANCE_WINDOWS_MONTHS for f in (
        Feature(f"inst_{m}m_count", f"instancias compartidas en los últimos {m} meses (número)"),
        Feature(f"inst_{m}m_log",
                f"instancias compartidas en los últimos {m} meses (Σ 1/log2(1+miembros))"),
        Feature(f"inst_{m}m_ra",
                f"instancias compartidas en los últimos {m} meses (Σ 1/miembros)"),
        Feature(f"inst_{m}m_pair",
                f"instancias compartidas en los últimos {m} meses (Σ 1/parejas posibles)"))),
    *(f for lo, hi in _EVENT_BINS for f in (
        Feature(f"ev_{lo:g}_{hi:g}m_count".replace("inf", "mas"),
                f"eventos compartidos {_bin_label(lo, hi)} (número)"),
        Feature(f"ev_{lo:g}_{hi:g}m_log".replace("inf", "mas"),
                f"eventos compartidos {_bin_label(lo, hi)} (Σ 1/log2(1+asistentes))"),
        Feature(f"ev_{lo:g}_{hi:g}m_ra".replace("inf", "mas"),
                f"eventos compartidos {_bin_label(lo, hi)} (Σ 1/asistentes)"),
        Feature(f"ev_{lo:g}_{hi:g}m_pair".replace("inf", "mas"),
                f"eventos compartidos {_bin_label(lo, hi)} (Σ 1/parejas posibles)"))),
    Feature("partners_count", "aliados comunes (número)"),
    Feature("partners_log", "aliados comunes (Σ 1/log2(1+aliados del aliado))"),
    Feature("deg_partners_sum", "aliados de cada uno (suma de log(1+n))"),
    Feature("deg_partners_min", "aliados del menos aliado (log(1+n))"),
    Feature("agreements_recent_sum",
            f"acuerdos firmados en los últimos {AGREEMENT_ACTIVITY_MONTHS} meses (suma)"),
    Feature("events_recent_sum",
            f"eventos asistidos en los últimos {EVENT_ACTIVITY_MONTHS} meses (suma)"),
    Feature("events_recent_min",
            f"eventos asistidos en los últimos {EVENT_ACTIVITY_MONTHS} meses (el menor)"),
    Feature("instances_now_sum", "instancias activas de cada uno (suma)"),
    Feature("complementarity", "complementariedad C (sectores y niveles distintos)"),
    Feature("territory", "encaje territorial F (mismo municipio, PDET)"),
    Feature("gap", "brecha que cerraría G"),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)


# ------------------------------------------------------------------ shared groups
def shared_sum(groups: Sequence[np.ndarray], weights: np.ndarray, n: int, ia: np.ndarray,
               ib: np.ndarray) -> np.ndarray:
    """``Σ weights[g]`` over the groups ``g`` holding both ``ia[i]`` and ``ib[i]``.

    ``groups`` are arrays of member positions in ``range(n)``. Dense incidence
    products when many pairs are asked, row-wise sums for a sample of pairs.

    >>> g = [np.array([0, 1]), np.array([0, 1, 2])]
    >>> shared_sum(g, np.array([1.0, 0.5]), 3, np.array([0, 0]), np.array([1, 2])).tolist()
    [1.5, 0.5]
    """
    out = np.zeros(len(ia), dtype=np.float64)
    keep = [j for j, ms in enumerate(groups) if len(ms) >= 2 and weights[j] != 0]
    if not keep or not len(ia):
        return out
    inc = np.zeros((n, len(keep)), dtype=np.float32)
    for c, j in enumerate(keep):
        inc[groups[j], c] = 1.0
    w = weights[keep].astype(np.float32)
    if len(ia) * 8 >= n * n:
        full = (inc * w) @ inc.T
        out[:] = full[ia, ib]
        return out
    step = max(256, (1 << 21) // len(keep))  # ~8 MB per temporary
    for lo in range(0, len(ia), step):
        a, b = ia[lo:lo + step], ib[lo:lo + step]
        out[lo:lo + step] = ((inc[a] * w) * inc[b]).sum(axis=1)
    return out


def _pair_share(sizes: np.ndarray) -> np.ndarray:
    """1 / (number of pairs of members): the chance that one given pair is the one
    picked when two members of the space are picked at random."""
    n = np.maximum(sizes, 2.0)
    return 2.0 / (n * (n - 1.0))


def _log_size(sizes: np.ndarray) -> np.ndarray:
    return 1.0 / np.log2(1.0 + np.maximum(sizes, 1.0))


class PairFeatures:
    """The :data:`FEATURES` of pairs of candidates of one department at ``ix.as_of``.

    Built from the :class:`~pat_graph.recommend.score.Index` (its snapshot and,
    for the instance windows, the participation periods recorded up to the
    as-of date); :meth:`columns` yields one feature at a time.
    """

    def __init__(self, ix: IndexLike, department: str) -> None:
        self.ix = ix
        self.department = department
        self.cand = ix.candidates(department)
        self.pos = {a: i for i, a in enumerate(self.cand)}
        self.today = day_number(ix.as_of) or date.today().toordinal()

    def _groups(self, family: str) -> tuple[list[np.ndarray], np.ndarray, list[str]]:
        """(candidate positions, full size, node) of every group of ``family`` (see
        :meth:`~pat_graph.recommend.score.Index.groups`) with 2+ candidates."""
        members_of, of_actor = self.ix.groups(family)
        pos = self.pos
        touched: set[str] = set()
        for a in self.cand:
            touched.update(of_actor.get(a, ()))
        groups, sizes, names = [], [], []
        for node in sorted(touched):
            members = members_of[node]
            ms = [pos[m] for m in members if m in pos]
            if len(ms) >= 2:
                groups.append(np.array(sorted(ms), dtype=np.int64))
                sizes.append(len(members))
                names.append(node)
        return groups, np.array(sizes, dtype=np.float64), names

    def columns(self, ia: np.ndarray, ib: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
        """``(name, values)`` of every feature for the pairs ``(cand[ia], cand[ib])``,
        in :data:`FEATURES` order (float64 arrays of ``len(ia)``)."""
        ix, n = self.ix, len(self.cand)
        ia = np.asarray(ia, dtype=np.int64)
        ib = np.asarray(ib, dtype=np.int64)
        # active instances today
        groups, sizes, _ = self._groups("instances")
        yield "inst_now_count", np.log1p(shared_sum(groups, np.ones(len(groups)), n, ia, ib))
        yield "inst_now_log", np.log1p(shared_sum(groups, _log_size(sizes), n, ia, ib))
        yield "inst_now_ra", np.log1p(shared_sum(groups, 1.0 / np.maximum(sizes, 1.0),
                                                 n, ia, ib))
        yield "inst_now_pair", np.log1p(shared_sum(groups, _pair_share(sizes), n, ia, ib))
        # instances either sat in during the window (ended participations included)
        for months in INSTANCE_WINDOWS_MONTHS:
            groups, sizes, _ = self._groups(f"instances_{months}m")
            yield (f"inst_{months}m_count",
                   np.log1p(shared_sum(groups, np.ones(len(groups)), n, ia, ib)))
            yield f"inst_{months}m_log", np.log1p(shared_sum(groups, _log_size(sizes), n, ia, ib))
            yield f"inst_{months}m_ra", np.log1p(shared_sum(groups, 1.0 / np.maximum(sizes, 1.0),
                                                            n, ia, ib))
            yield f"inst_{months}m_pair", np.log1p(shared_sum(groups, _pair_share(sizes),
                                                              n, ia, ib))
        # events by recency bin
        groups, sizes, events = self._groups("events")
        age = np.array([self.today - d if (d := day_number(ix.g.nodes[e].get("date"))) is not None
                        else math.inf for e in events], dtype=np.float64) / MONTH_DAYS
        for lo, hi in _EVENT_BINS:
            inside = ((age >= lo) & (age < hi)).astype(np.float64)
            name = f"ev_{lo:g}_{hi:g}m".replace("inf", "mas")
            yield f"{name}_count", np.log1p(shared_sum(groups, inside, n, ia, ib))
            yield f"{name}_log", np.log1p(shared_sum(groups, inside * _log_size(sizes), n, ia, ib))
            yield f"{name}_ra", np.log1p(shared_sum(groups, inside / np.maximum(sizes, 1.0),
                                                    n, ia, ib))
            yield f"{name}_pair", np.log1p(shared_sum(groups, inside * _pair_share(sizes),
                                                      n, ia, ib))
        # common agreement partners (the partner itself need not be a candidate)
        groups, sizes, _ = self._groups("partners")
        yield "partners_count", np.log1p(shared_sum(groups, np.ones(len(groups)), n, ia, ib))
        yield "partners_log", np.log1p(shared_sum(groups, _log_size(sizes), n, ia, ib))
        # activity of each actor
        act = ix.activity()
        for name, key, mins in (("deg_partners", "partners", True),
                                ("agreements_recent", "agreements_recent", False),
                                ("events_recent", "events_recent", True),
                                ("instances_now", "instances_now", False)):
            v = np.log1p(np.array([act[key].get(a, 0) for a in self.cand], dtype=np.float64))
            yield f"{name}_sum", v[ia] + v[ib]
            if mins:
                yield f"{name}_min", np.minimum(v[ia], v[ib])
        # the hand formula's complementarity, territory and gap
        comp, terr, gap = ix.components(self.department, ia, ib)
        yield "complementarity", comp
        yield "territory", terr
        yield "gap", gap

    def matrix(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """Every feature of the pairs as one ``len(ia) × len(FEATURES)`` array."""
        out = np.zeros((len(ia), len(FEATURES)), dtype=np.float64)
        for j, (name, values) in enumerate(self.columns(ia, ib)):
            assert name == FEATURE_NAMES[j], (name, FEATURE_NAMES[j])
            out[:, j] = values
        return out


__all__ = ["AGREEMENT_ACTIVITY_MONTHS", "EVENT_ACTIVITY_MONTHS", "EVENT_BINS_MONTHS", "FEATURES",
           "FEATURE_NAMES", "INSTANCE_WINDOWS_MONTHS", "MONTH_DAYS", "Feature", "PairFeatures",
           "day_number", "shared_sum"]
