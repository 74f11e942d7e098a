"""Measuring the recommendations against agreements signed after a cut-off date.

:func:`evaluate` hides every agreement signed after ``cutoff`` (its
``signed`` date), takes the graph as it was at the cut-off, scores every
candidate pair (two actors of one department with no agreement yet) and
checks the ``k`` best against the hidden agreements: a hidden agreement is
*hit* when a recommended pair co-signed it. The same candidates are ranked,
in the same run, by four simple baselines on the actor network at the cut-off
(the one projection of :mod:`pat_graph.analytics.projection`: two actors tied
when they share an active instance or co-signed a signed agreement; the
baselines read its ties, not their weights): random pairs (seeded), common
neighbours, Adamic–Adar and preferential attachment.

Two scopes are reported: ``nacional`` (one top-``k`` over every candidate
pair of the country) and ``departamental`` (a top-``k`` per department,
averaged over the departments with at least one hidden agreement in reach,
which is how an analyst uses ``pat-graph recommend --departamento``).

>>> auc([0.9, 0.8, 0.1, 0.4], [True, False, False, True])
0.75
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
from scipy.linalg import blas

from pat_graph.analytics.base import context, normalize_date
from pat_graph.analytics.projection import Neighbours, tie_sources
from pat_graph.columns import OUTPUT_VOCABULARIES
from pat_graph.errors import InputError
from pat_graph.formatting import by_kind, date_es, integer, measure, plural
from pat_graph.model import AGREEMENT, SIGNED
from pat_graph.recommend.learn import DEFAULT_HORIZON_MONTHS, DEFAULT_WINDOWS, RankingModel
from pat_graph.recommend.score import Pair, index, pair

#: Method name -> Spanish label (the vocabulary of the column registry). ``score`` is the
#: recommender (learned weights, or the hand formula when the history is too thin),
#: ``formula`` the hand formula alone (equal to ``score`` when nothing was learned), the
#: rest are the simple baselines.
METHODS: dict[str, str] = OUTPUT_VOCABULARIES["recommend_method"]
BASELINES: tuple[str, ...] = ("random", "common_neighbours", "adamic_adar",
                              "preferential_attachment")


@dataclass(frozen=True)
class MethodResult:
    """precision@k, recall@k and AUC of one method in one scope."""

    scope: str
    method: str
    precision: float
    recall: float
    auc: float
    hits: int
    k: int

    def to_row(self) -> dict[str, Any]:
        return {"scope": self.scope, "method": self.method, "name": METHODS[self.method],
                "k": self.k, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "auc": round(self.auc, 4), "hits": self.hits}


@dataclass
class Evaluation:
    """The result of :func:`evaluate` (see the module docstring)."""

    cutoff: str
    k: int
    seed: int | None
    hidden_agreements: int
    hidden_in_reach: int
    candidates: int
    positives: int
    departments_evaluated: int
    results: list[MethodResult] = field(default_factory=list)
    seconds: float = 0.0
    model: RankingModel | None = None

    def result(self, scope: str, method: str) -> MethodResult:
        [r] = [r for r in self.results if r.scope == scope and r.method == method]
        return r

    def best_baseline(self, scope: str) -> MethodResult:
        """The baseline with the highest precision@k in ``scope`` (ties: first listed)."""
        rs = [self.result(scope, m) for m in BASELINES]
        return max(rs, key=lambda r: (r.precision, -BASELINES.index(r.method)))

    def lift(self, scope: str) -> float:
        """precision@k of the recommender / that of the best baseline (inf if that is 0)."""
        ours, best = self.result(scope, "score").precision, self.best_baseline(scope).precision
        if best == 0:
            return math.inf if ours > 0 else 1.0
        return ours / best

    def summary(self) -> str:
        """Spanish one-paragraph summary (numbers and dates es-CO: :mod:`pat_graph.formatting`).

        >>> ev = Evaluation("2024-01-01", 20, 0, 1, 1, 245977, 2, 1, [
        ...     MethodResult("nacional", m, p, 0.0, 0.5, 0, 20) for m, p in
        ...     [("score", 0.1), *((b, 0.0) for b in BASELINES)]])
        >>> print(ev.summary())
        Corte 01/01/2024: 1 acuerdo oculto (1 alcanzable), 245.977 parejas candidatas, 2 parejas firmaron después. nacional: precisión@20 10,0 % frente a 0,0 % de la mejor línea base (Parejas al azar); razón: sin base (la línea base no acierta ninguna).
        """
        parts = [f"Corte {date_es(self.cutoff)}: "
                 f"{plural(self.hidden_agreements, 'acuerdo oculto', 'acuerdos ocultos')} "
                 f"({plural(self.hidden_in_reach, 'alcanzable', 'alcanzables')}), "
                 f"{plural(self.candidates, 'pareja candidata', 'parejas candidatas')}, "
                 f"{plural(self.positives, 'pareja firmó', 'parejas firmaron')} después."]
        for scope in ("nacional", "departamental"):
            if not any(r.scope == scope for r in self.results):
                continue
            ours, best = self.result(scope, "score"), self.best_baseline(scope)
            lift = self.lift(scope)
            ratio = ("; razón: sin base (la línea base no acierta ninguna)"
                     if best.precision == 0 else f", razón {measure(lift)}")
            parts.append(f"{scope}: precisión@{integer(self.k)} {by_kind('rate', ours.precision)} "
                         f"frente a {by_kind('rate', best.precision)} de la mejor línea base "
                         f"({METHODS[best.method]}){ratio}.")
        if self.model is not None:
            parts.append(self.model.summary())
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"cutoff": self.cutoff, "k": self.k, "seed": self.seed,
                "hidden_agreements": self.hidden_agreements,
                "hidden_in_reach": self.hidden_in_reach, "candidates": self.candidates,
                "positives": self.positives, "departments_evaluated": self.departments_evaluated,
                "results": [r.to_row() for r in self.results],
                "lift": {s: self.lift(s) for s in ("nacional", "departamental")
                         if any(r.scope == s for r in self.results)},
                "seconds": round(self.seconds, 3), "summary": self.summary(),
                "model": self.model.to_dict() if self.model is not None else None}


# ------------------------------------------------------------------ metrics
def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve: P(a positive outscores a negative), ties count one half.

    Returns ``nan`` when there are no positives or no negatives.

    >>> auc([1, 1, 0], [True, False, False])
    0.75
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return math.nan
    # average (1-based) rank of each positive over ties: halves, so the sum is exact
    # whatever the order; one sorted copy instead of argsort + unique (only the sorted
    # values are read, so the sort need not be stable)
    ordered = np.sort(s)
    pos = s[y]
    lo = np.searchsorted(ordered, pos, side="left")
    hi = np.searchsorted(ordered, pos, side="right")
    del ordered
    ranks = lo + ((hi - lo) + 1) / 2.0
    return float((ranks.sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def top_k(pairs: Sequence[Pair], scores: Sequence[float], k: int, tiebreak: np.ndarray
          ) -> list[int]:
    """Indexes of the ``k`` best scores; ties broken by ``tiebreak`` (lower first).

    Only the scores that can reach the top ``k`` are sorted (``np.round`` is
    monotone), so large candidate sets need no full argsort.
    """
    s = np.asarray(scores, dtype=float)
    tb = np.asarray(tiebreak)
    idx = np.arange(len(s))
    if k < len(s):
        kth = np.partition(s, len(s) - k)[len(s) - k]
        idx = np.flatnonzero(s >= kth - 1e-9)
    order = np.lexsort((tb[idx], -np.round(s[idx], 12)))
    return [int(i) for i in idx[order[:k]]]


# ------------------------------------------------------------------ hidden truth
def hidden_agreements(g: nx.MultiDiGraph, cutoff: str) -> dict[str, frozenset[str]]:
    """Agreement node -> signers, for every agreement signed after ``cutoff`` (2+ signers)."""
    out: dict[str, frozenset[str]] = {}
    for n, a in g.nodes(data=True):
        if a.get("label") != AGREEMENT:
            continue
        signed = a.get("signed")
        if not isinstance(signed, str) or signed[:10] <= cutoff:
            continue
        signers = frozenset(u for u, _, t in g.in_edges(n, data="type") if t == SIGNED)
        if len(signers) >= 2:
            out[n] = signers
    return out


# ------------------------------------------------------------------ baselines
def neighbours(g: nx.MultiDiGraph) -> Neighbours:
    """The actor network of ``g`` (:func:`pat_graph.analytics.projection.actor_projection`)
    one actor at a time: what the baselines read (:class:`~pat_graph.analytics.projection.Neighbours`
    over the members of every tie source).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Instance:I", label="Instance"); g.add_node("Event:E", label="Event")
    >>> for a, n, t in [("a", "Instance:I", "PARTICIPATES_IN"), ("b", "Instance:I", "PARTICIPATES_IN"),
    ...                 ("a", "Event:E", "ATTENDED"), ("c", "Event:E", "ATTENDED")]:
    ...     _ = g.add_edge(a, n, type=t)
    >>> sorted(neighbours(g).neighbours("a"))
    ['b']
    """
    return Neighbours(s.members for s in tie_sources(g))


def baseline_scores(nbrs: dict[str, set[str]], blocks: Sequence[Sequence[Pair]],
                    rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Scores of every pair of ``blocks`` (concatenated, in order) by every baseline.

    Each block (one department's candidates) is scored with dense matrix
    products over the block's actors and their neighbours: common neighbours
    ``|N(a) ∩ N(b)|``, Adamic–Adar ``sum 1/log|N(z)|`` over common neighbours
    ``z``, preferential attachment ``|N(a)|·|N(b)|``; random is uniform.

    >>> nbrs = {"a": {"z"}, "b": {"z"}, "z": {"a", "b"}}
    >>> s = baseline_scores(nbrs, [[("a", "b")]], np.random.default_rng(0))
    >>> float(s["common_neighbours"][0]), round(float(s["adamic_adar"][0]), 3)
    (1.0, 1.443)
    """
    out: dict[str, list[np.ndarray]] = {"common_neighbours": [], "adamic_adar": [],
                                        "preferential_attachment": []}
    total = 0
    for block in blocks:
        total += len(block)
        if not block:
            continue
        actors = sorted({x for p in block for x in p})
        row = {a: i for i, a in enumerate(actors)}
        ia = np.array([row[a] for a, _ in block])
        ib = np.array([row[b] for _, b in block])
        for m, v in _block_baselines(nbrs, actors, ia, ib).items():
            out[m].append(v)
    res = {"random": rng.random(total)}
    for m, parts in out.items():
        res[m] = np.concatenate(parts) if parts else np.zeros(0)
    return res


def _block_baselines(nbrs: Mapping[str, set[str]] | Neighbours, actors: Sequence[str],
                     ia: np.ndarray, ib: np.ndarray) -> dict[str, np.ndarray]:
    """Common neighbours, Adamic–Adar and preferential attachment of the pairs
    ``(actors[ia], actors[ib])`` of one block (``actors`` sorted, each in some pair)."""
    empty: set[str] = set()
    if isinstance(nbrs, Neighbours):
        block = {a: nbrs.neighbours(a) for a in actors}
        degree = nbrs.degree
    else:
        block = {a: nbrs.get(a, empty) for a in actors}

        def degree(z: str) -> int:
            return len(nbrs[z])
    row = {a: i for i, a in enumerate(actors)}
    seen: dict[str, int] = defaultdict(int)
    for a in actors:
        for z in block[a]:
            seen[z] += 1
    cols = sorted(z for z, c in seen.items() if c > 1)  # others are no common neighbour
    col = {z: j for j, z in enumerate(cols)}
    # column-major, as BLAS reads it: no copy on the way in
    adj = np.zeros((len(actors), len(cols)), dtype=np.float32, order="F")
    for a in actors:
        for z in block[a]:
            if z in col:
                adj[row[a], col[z]] = 1.0
    w = np.array([1.0 / math.log(degree(z)) for z in cols])
    # A·Aᵀ and (A·√w)(A·√w)ᵀ are symmetric: BLAS syrk fills one triangle at half the work
    # of a general product; common-neighbour counts are integers, exact in float32
    # (below 2**24), Adamic–Adar stays in float64.
    i, j = np.minimum(ia, ib), np.maximum(ia, ib)  # the upper triangle (i <= j) is filled
    cn = blas.ssyrk(1.0, adj, trans=0, lower=0)[i, j].astype(np.float64)
    aa = blas.dsyrk(1.0, adj * np.sqrt(w), trans=0, lower=0)[i, j]
    del adj
    deg = np.array([len(block[a]) for a in actors], dtype=np.float64)
    return {"common_neighbours": cn, "adamic_adar": aa,
            "preferential_attachment": deg[ia] * deg[ib]}


# ------------------------------------------------------------------ evaluation
def evaluate(
    g: nx.MultiDiGraph,
    cutoff_date: str | date,
    k: int = 20,
    seed: int | None = 0,
    *,
    department: str | None = None,
    scopes: Sequence[str] = ("nacional", "departamental"),
    learn: bool = True,
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
    windows: int = DEFAULT_WINDOWS,
) -> Evaluation:
    """Hide the agreements signed after ``cutoff_date``, recommend from the graph as of
    that date and report precision@k, recall@k and AUC next to the baselines.

    ``department`` (DANE code) restricts the evaluation to one department. The
    random baseline and all tie-breaking use ``seed``. The recommender's weights
    are learned from the history up to the cut-off (``windows`` windows of
    ``horizon_months`` before it; ``learn=False`` keeps the hand formula), see
    :mod:`pat_graph.recommend.learn`.
    Departments are scored one at a time and their networks freed.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
    >>> ev = evaluate(g, "2024-01-01", k=5)
    >>> ev.hidden_agreements, ev.candidates
    (0, 0)
    """
    started = time.perf_counter()
    if k < 1:
        raise InputError("--primeros debe ser al menos 1")
    cutoff = normalize_date(cutoff_date)
    assert cutoff is not None
    hidden = hidden_agreements(g, cutoff)
    ctx = context(g, cutoff)
    ix = index(ctx).configure(learn, horizon_months, windows)
    model = ix.model  # trained first: its earlier snapshot is freed before this one exists
    depts = list(ctx.departments)
    if department is not None:
        from pat_graph.recommend.score import department_code

        depts = [department_code(ctx, department)]
    rng = np.random.default_rng(seed)
    nbrs = neighbours(ctx.graph)

    # which hidden agreements each positive pair hits
    hits_of: dict[Pair, set[str]] = defaultdict(set)
    for ag, signers in hidden.items():
        for a, b in combinations(sorted(signers), 2):
            hits_of[(a, b)].add(ag)

    # per department: compact arrays only (no pair tuples, no per-pair objects)
    cands: list[list[str]] = []
    parts: dict[str, list[np.ndarray]] = {m: [] for m in (
        "ia", "ib", "score", "formula", "labels", "common_neighbours", "adamic_adar")}
    degrees: list[np.ndarray] = []  # per department: projection degree of each candidate
    offsets = [0]
    for d in depts:
        ds = ix.scores(d)
        cand = ds.candidates
        cands.append(cand)
        n = len(cand)
        key = ds.ia.astype(np.int64) * n + ds.ib
        pos = {a: i for i, a in enumerate(cand)}
        pos_keys = np.array(sorted(pos[a] * n + pos[b] for a, b in hits_of
                                   if a in pos and b in pos), dtype=np.int64)
        parts["labels"].append(np.isin(key, pos_keys))
        del key
        parts["ia"].append(ds.ia)
        parts["ib"].append(ds.ib)
        parts["score"].append(ds.score)
        parts["formula"].append(ds.formula_score)
        if len(ds):
            used = np.unique(np.concatenate([ds.ia, ds.ib]))
            remap = np.zeros(n, dtype=np.int64)
            remap[used] = np.arange(len(used))
            base = _block_baselines(nbrs, [cand[i] for i in used.tolist()],
                                    remap[ds.ia], remap[ds.ib])
            cn = base["common_neighbours"]
            parts["common_neighbours"].append(
                cn.astype(np.float32) if cn.size and cn.max() < 2**24 else cn)
            parts["adamic_adar"].append(base["adamic_adar"])
            del base, cn
        degrees.append(np.array([nbrs.degree(a) for a in cand], dtype=np.float64))
        offsets.append(offsets[-1] + len(ds))
        ix.forget(d)
    total = offsets[-1]
    labels = _concat(parts.pop("labels"), bool)
    ias, ibs = parts.pop("ia"), parts.pop("ib")

    def pair_at(i: int) -> Pair:
        di = int(np.searchsorted(offsets, i, side="right")) - 1
        j = i - offsets[di]
        return (cands[di][int(ias[di][j])], cands[di][int(ibs[di][j])])

    positives = [pair_at(int(i)) for i in np.flatnonzero(labels)]
    reach = {ag for p in positives for ag in hits_of[p]}
    random_scores = rng.random(total)
    tiebreak = rng.permutation(total)
    tiebreak = tiebreak.astype(np.int32) if total < 2**31 else tiebreak

    def method_array(m: str) -> np.ndarray:
        if m == "random":
            return random_scores
        if m == "preferential_attachment":  # |N(a)|·|N(b)|, rebuilt from the degrees
            return _concat([deg[ia] * deg[ib] for deg, ia, ib in zip(degrees, ias, ibs,
                                                                   strict=True)], np.float64)
        return _concat(parts.pop(m), np.float64)

    national: dict[str, MethodResult] = {}
    acc: dict[str, list[tuple[float, float, float, int]]] = defaultdict(list)
    evaluated = 0
    for m in METHODS:  # one full array at a time
        s = method_array(m)
        if "nacional" in scopes:
            chosen = top_k([], s, k, tiebreak)
            hit_ags = {ag for i in chosen for ag in hits_of.get(pair_at(i), ())}
            n_hit = int(labels[chosen].sum()) if chosen else 0
            national[m] = MethodResult(
                "nacional", m, n_hit / k, len(hit_ags) / len(hidden) if hidden else math.nan,
                auc(s, labels), n_hit, k)
        if "departamental" in scopes:
            evaluated = 0
            for di in range(len(depts)):
                lo, hi = offsets[di], offsets[di + 1]
                dl = labels[lo:hi]
                if hi == lo or not dl.any():
                    continue
                evaluated += 1
                in_reach = {ag for i in np.flatnonzero(dl).tolist()
                            for ag in hits_of[pair_at(lo + i)]}
                local = top_k([], s[lo:hi], k, tiebreak[lo:hi])
                hit_ags = {ag for i in local for ag in hits_of.get(pair_at(lo + i), ())}
                n_hit = int(dl[local].sum())
                acc[m].append((n_hit / k, len(hit_ags) / len(in_reach),
                               auc(s[lo:hi], dl), n_hit))
        del s
        if m == "random":
            del random_scores
        elif m == "preferential_attachment":
            degrees.clear()

    results: list[MethodResult] = [national[m] for m in METHODS if m in national]
    if "departamental" in scopes:
        for m in METHODS:
            rows = acc.get(m, [])
            if not rows:
                results.append(MethodResult("departamental", m, math.nan, math.nan, math.nan,
                                            0, k))
                continue
            arr = np.array([r[:3] for r in rows], dtype=float)
            results.append(MethodResult(
                "departamental", m, float(arr[:, 0].mean()), float(arr[:, 1].mean()),
                float(np.nanmean(arr[:, 2])) if not np.isnan(arr[:, 2]).all() else math.nan,
                sum(r[3] for r in rows), k))
    return Evaluation(cutoff, k, seed, len(hidden), len(reach), total, int(labels.sum()),
                      evaluated, results, time.perf_counter() - started, model)


def _concat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    out = np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)
    parts.clear()
    return out


__all__ = ["BASELINES", "METHODS", "Evaluation", "MethodResult", "auc", "baseline_scores",
           "evaluate", "hidden_agreements", "neighbours", "pair", "top_k"]
