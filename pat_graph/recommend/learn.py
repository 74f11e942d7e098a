"""Learning the ranking weights from the analyst's own history (no future information).

At an as-of date ``D`` the recommender does not trust a hand-set formula when
the records can say what preceded agreements. The training window ends at the
last signature known at ``D`` (records often lag behind "today") and starts
``horizon`` months earlier, at ``D'`` (12 months by default; ``windows``
consecutive windows can be stacked). The same
:data:`~pat_graph.recommend.features.FEATURES` are built on the graph as it
was at ``D'``, every candidate pair of every department is labelled by whether
the two co-signed an agreement signed in the window, and a small
L2-regularised, class-balanced logistic regression is fitted (numpy, Newton's
method, a fixed-seed sample of the negatives: deterministic). Pairs at ``D``
are then ordered by the learned linear score (a log-odds). Everything used —
the graph at ``D'`` and the agreements signed by ``D`` — is known at ``D``: an
agreement signed after ``D`` can change nothing.

With fewer than :data:`MIN_POSITIVES` positive pairs the history is too thin
to learn from and the hand formula (:mod:`pat_graph.recommend.formula`) is
used instead; :attr:`RankingModel.reason` says which and why.

>>> import networkx as nx
>>> from pat_graph.recommend.score import index
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
>>> g.add_node("Agreement:K", label="Agreement", signed="2023-05-01")
>>> for a in "AB":
...     g.add_node(f"Actor:{a}", label="Actor", department_code="50")
...     _ = g.add_edge(f"Actor:{a}", "Agreement:K", key="SIGNED", type="SIGNED")
>>> ix = index(g, "2024-01-01")
>>> last_signature(ix), training_pairs(ix, "2023-01-01", "2024-01-01")
('2023-05-01', {('Actor:A', 'Actor:B')})
>>> model = train(ix)
>>> model.learned, model.reason
(False, 'historia insuficiente para aprender: 1 pareja firmó un acuerdo entre 01/05/2022 y 01/05/2023, se necesitan 30')
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from pat_graph.formatting import date_es, integer, measure, percent, plural
from pat_graph.model import AGREEMENT, SIGNED
from pat_graph.recommend.base import IndexLike
from pat_graph.recommend.features import FEATURE_NAMES, FEATURES, PairFeatures

#: Months between the training date ``D'`` and the end of its window.
DEFAULT_HORIZON_MONTHS = 12
#: Consecutive training windows (the most recent ends at the as-of date).
DEFAULT_WINDOWS = 1
#: Fewer positive pairs than this in ``(D', D]``: fall back to the hand formula.
MIN_POSITIVES = 30
#: About this many negative pairs are kept for training (a seeded uniform sample).
MAX_NEGATIVES = 200_000
#: L2 penalty on the standardised weights (the loss is a weighted mean).
L2 = 0.01
#: BLAS threads while training (see :func:`train`).
TRAINING_BLAS_THREADS = 1
#: Seed of the negative sample: the weights depend on the data and dates only.
SAMPLING_SEED = 0

_LABELS = {f.name: f.label for f in FEATURES}


def months_before(iso: str, months: int) -> str:
    """The date ``months`` calendar months before ``iso`` (day clamped to the month).

    >>> months_before("2024-01-01", 12), months_before("2024-03-31", 1)
    ('2023-01-01', '2024-02-29')
    """
    d = date.fromisoformat(iso)
    total = d.year * 12 + (d.month - 1) - months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1])).isoformat()


def fit_logistic(X: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = L2,
                 iterations: int = 100, tol: float = 1e-10) -> tuple[np.ndarray, float]:
    """Weights and intercept of an L2-regularised weighted logistic regression.

    Minimises ``Σ weight·logloss + l2/2·|w|²`` (the intercept is not
    penalised) by Newton's method; deterministic.

    >>> X = np.array([[1.0], [-1.0]]); y = np.array([True, False])
    >>> w, b = fit_logistic(X, y, np.array([0.5, 0.5]), l2=1.0)  # w = 1 - sigmoid(w)
    >>> round(float(w[0]), 3), abs(round(b, 3))
    (0.401, 0.0)
    """
    n, k = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(k + 1)
    pen = np.full(k + 1, l2)
    pen[-1] = 0.0
    t = y.astype(np.float64)
    for _ in range(iterations):
        z = A @ theta
        p = 0.5 * (1.0 + np.tanh(0.5 * z))  # stable sigmoid
        grad = A.T @ (weight * (p - t)) + pen * theta
        hess = (A * (weight * p * (1.0 - p))[:, None]).T @ A + np.diag(pen + 1e-12)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if float(np.max(np.abs(step))) < tol:
            break
    return theta[:-1], float(theta[-1])


@dataclass
class RankingModel:
    """How pairs are ordered at one as-of date: learned weights, or the hand formula.

    ``weights`` are per standard deviation of each feature (comparable with one
    another); ``mean``/``scale`` standardise the features as in training.
    """

    learned: bool
    as_of: str
    trained_at: str | None
    horizon_months: int
    positives: int = 0
    negatives: int = 0
    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    scale: np.ndarray = field(default_factory=lambda: np.ones(0))
    reason: str = ""
    windows: list[tuple[str, str]] = field(default_factory=list)

    def score(self, features: PairFeatures, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """The learned log-odds score of the pairs ``(ia, ib)`` (one feature at a time)."""
        out = np.full(len(ia), self.intercept, dtype=np.float64)
        w = np.array([self.weights[n] for n in FEATURE_NAMES])
        for j, (_name, values) in enumerate(features.columns(ia, ib)):
            if w[j]:
                out += w[j] * (values - self.mean[j]) / self.scale[j]
        return out

    def top_weights(self, n: int = 8) -> list[tuple[str, float]]:
        """The ``n`` weights of largest magnitude, as (Spanish label, weight)."""
        ws = sorted(self.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
        return [(_LABELS[k], v) for k, v in ws[:n] if v]

    def summary(self) -> str:
        """One Spanish sentence: what orders the pairs."""
        if not self.learned:
            return f"Orden: fórmula fija ({self.reason})."
        top = "; ".join(f"{label} {'-' if w < 0 else '+'}{measure(abs(w))}"
                        for label, w in self.top_weights(4))
        return (f"Orden: pesos aprendidos de la {self.reason}. "
                f"Pesos mayores (por desviación estándar): {top}.")

    def to_dict(self) -> dict[str, Any]:
        return {"learned": self.learned, "as_of": self.as_of, "trained_at": self.trained_at,
                "horizon_months": self.horizon_months,
                "windows": [list(w) for w in self.windows], "positives": self.positives,
                "negatives": self.negatives, "reason": self.reason,
                "intercept": round(self.intercept, 6),
                "weights": [{"feature": k, "label": _LABELS[k], "weight": round(v, 6)}
                            for k, v in sorted(self.weights.items(),
                                               key=lambda kv: (-abs(kv[1]), kv[0]))]}


def model_state(m: RankingModel) -> dict[str, Any]:
    """Everything of ``m``, exactly (floats as JSON keeps them: shortest repr, exact), to
    keep it across processes (:mod:`pat_graph.answers`); :func:`model_from_state`
    gives it back.

    >>> m = RankingModel(True, "2024-01-01", "2023-01-01", 12, 40, 900, {"x": 0.1 + 0.2},
    ...                  -1.5, np.array([1 / 3]), np.array([2.0]), "historia", [("a", "b")])
    >>> import json
    >>> back = model_from_state(json.loads(json.dumps(model_state(m))))
    >>> back.weights["x"] == 0.1 + 0.2, back.mean.tolist() == [1 / 3], back.windows
    (True, True, [('a', 'b')])
    """
    return {"learned": m.learned, "as_of": m.as_of, "trained_at": m.trained_at,
            "horizon_months": m.horizon_months, "positives": m.positives,
            "negatives": m.negatives, "weights": dict(m.weights), "intercept": m.intercept,
            "mean": [float(x) for x in m.mean], "scale": [float(x) for x in m.scale],
            "mean_dtype": str(m.mean.dtype), "scale_dtype": str(m.scale.dtype),
            "reason": m.reason, "windows": [list(w) for w in m.windows]}


def model_from_state(s: dict[str, Any]) -> RankingModel:
    """The :class:`RankingModel` :func:`model_state` kept."""
    return RankingModel(bool(s["learned"]), s["as_of"], s["trained_at"],
                        int(s["horizon_months"]), int(s["positives"]), int(s["negatives"]),
                        {k: float(v) for k, v in s["weights"].items()}, float(s["intercept"]),
                        np.array(s["mean"], dtype=s.get("mean_dtype", "float64")),
                        np.array(s["scale"], dtype=s.get("scale_dtype", "float64")),
                        s["reason"], [(a, b) for a, b in s["windows"]])


def formula_model(as_of: str, horizon_months: int, reason: str) -> RankingModel:
    """The fallback: the hand formula orders the pairs, ``reason`` says why.

    >>> formula_model("2024-01-01", 12, "pedida").summary()
    'Orden: fórmula fija (pedida).'
    """
    return RankingModel(False, as_of, None, horizon_months, reason=reason)


def signed_agreements(ix: IndexLike) -> list[tuple[str, frozenset[str]]]:
    """(signing date, signers) of every dated agreement signed by ``ix``'s as-of date.

    Read from the source graph with the as-of filter (the snapshot is not
    built): agreements signed later are never seen.
    """
    key = "recommend:signed_agreements"
    if key not in ix._cache:
        src, as_of = ix.ctx.source, ix.as_of
        out = []
        for n, a in src.nodes(data=True):
            signed = a.get("signed")
            if a.get("label") != AGREEMENT or not isinstance(signed, str) or signed[:10] > as_of:
                continue
            signers = frozenset(u for u, _, t in src.in_edges(n, data="type") if t == SIGNED)
            out.append((signed[:10], signers))
        ix._cache[key] = out
    return ix._cache[key]


def training_pairs(ix: IndexLike, start: str, end: str) -> set[tuple[str, str]]:
    """Pairs (sorted node ids) that co-signed an agreement signed in ``(start, end]``
    (``end`` at most ``ix``'s as-of date)."""
    out: set[tuple[str, str]] = set()
    for signed, signers in signed_agreements(ix):
        if start < signed <= end:
            out.update(combinations(sorted(signers), 2))
    return out


def pair_labels(cand: list[str], ia: np.ndarray, ib: np.ndarray,
                positives: set[tuple[str, str]]) -> np.ndarray:
    """Whether each pair ``(cand[ia[i]], cand[ib[i]])`` is in ``positives`` (sorted pairs;
    ``cand`` sorted and ``ia < ib``, so a pair's ids are in order).

    >>> pair_labels(["a", "b", "c"], np.array([0, 0, 1]), np.array([1, 2, 2]), {("a", "c")})
    array([False,  True, False])
    """
    n = len(cand)
    pos = {a: i for i, a in enumerate(cand)}
    keys = np.array(sorted(pos[a] * n + pos[b] for a, b in positives
                           if a in pos and b in pos), dtype=np.int64)
    return np.isin(ia.astype(np.int64) * n + ib, keys)


def last_signature(ix: IndexLike) -> str | None:
    """The latest signing date known at ``ix``'s as-of date (the training window
    ends there, so records that lag behind the as-of date still teach)."""
    return max((signed for signed, _ in signed_agreements(ix)), default=None)


def training_windows(end: str, horizon_months: int, windows: int) -> list[tuple[str, str]]:
    """``windows`` consecutive ``(start, end]`` periods of ``horizon_months``, the most
    recent ending at ``end``.

    >>> training_windows("2024-01-01", 12, 2)
    [('2023-01-01', '2024-01-01'), ('2022-01-01', '2023-01-01')]
    """
    out = []
    for _ in range(windows):
        start = months_before(end, horizon_months)
        out.append((start, end))
        end = start
    return out


def window_samples(ix: IndexLike, start: str, end: str, max_negatives: int,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
    """Features (graph at ``start``) and labels (co-signed in ``(start, end]``) of every
    positive pair and of a seeded uniform sample of about ``max_negatives`` negatives
    (the third value is the share of negatives drawn).

    The graph at ``start`` is built for this window only; departments are
    processed one at a time and freed.
    """
    positives = training_pairs(ix, start, end)
    if not positives:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool), 1.0
    past = ix.at(start)
    depts = list(past.ctx.departments)
    upper = sum(len(past.candidates(d)) ** 2 // 2 for d in depts)
    rate = min(1.0, max_negatives / max(upper, 1))
    xs, ys = [], []
    for d in depts:
        cand, ia, ib = past.candidate_pairs(d)
        if len(ia):
            label = pair_labels(cand, ia, ib, positives)
            sel = np.flatnonzero(label | (rng.random(len(ia)) < rate))
            if len(sel):
                xs.append(PairFeatures(past, d).matrix(ia[sel], ib[sel]))
                ys.append(label[sel])
        past.forget(d)
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool), rate
    return np.vstack(xs), np.concatenate(ys), rate


def train(ix: IndexLike, horizon_months: int = DEFAULT_HORIZON_MONTHS, *,
          windows: int = DEFAULT_WINDOWS, min_positives: int = MIN_POSITIVES,
          max_negatives: int = MAX_NEGATIVES, seed: int = SAMPLING_SEED) -> RankingModel:
    """The :class:`RankingModel` of ``ix`` (see the module docstring).

    The training windows end at the last signature known at the as-of date
    ``D`` (:func:`last_signature`) and go back ``windows`` × ``horizon_months``.
    Only the agreements signed by ``D`` and, through
    :meth:`~pat_graph.recommend.score.Index.at`, the graph at each window's
    start are read (``ix``'s own snapshot is not built).

    Runs with :data:`TRAINING_BLAS_THREADS` BLAS threads: the products are small
    (some 200,000 × 44), and more threads only spin (3–4 times the CPU seconds
    on a shared machine) without finishing sooner.
    """
    with threadpool_limits(TRAINING_BLAS_THREADS, user_api="blas"):
        return _train(ix, horizon_months, windows=windows, min_positives=min_positives,
                      max_negatives=max_negatives, seed=seed)


def _train(ix: IndexLike, horizon_months: int, *, windows: int, min_positives: int,
           max_negatives: int, seed: int) -> RankingModel:
    as_of = ix.as_of
    end = last_signature(ix) or as_of
    periods = training_windows(end, horizon_months, windows)
    first = periods[-1][0]
    if len(training_pairs(ix, first, end)) < min_positives:
        return formula_model(as_of, horizon_months, _thin(
            len(training_pairs(ix, first, end)), first, end, min_positives))
    rng = np.random.default_rng(seed)
    parts = [window_samples(ix, a, b, max_negatives // windows, rng) for a, b in periods]
    X = np.vstack([x for x, _, _ in parts])
    y = np.concatenate([y for _, y, _ in parts])
    rate = min(r for _, _, r in parts)
    del parts
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos < min_positives or n_neg == 0:
        return formula_model(as_of, horizon_months, _thin(n_pos, first, end, min_positives))
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    const = scale < 1e-12
    scale[const] = 1.0
    Z = (X - mean) / scale
    Z[:, const] = 0.0
    weight = np.where(y, 0.5 / n_pos, 0.5 / n_neg)
    w, b = fit_logistic(Z, y, weight)
    w[const] = 0.0
    spans = ", ".join(f"{date_es(a)} → {date_es(b)}" for a, b in periods)
    sample = f" (muestra al azar del {percent(rate)})" if rate < 1 else ""
    reason = (f"historia {spans}: {integer(n_pos)} parejas que firmaron un acuerdo en ese "
              f"periodo frente a {integer(n_neg)} que no{sample}, con lo que compartían al "
              "comienzo")
    return RankingModel(True, as_of, periods[0][0], horizon_months, n_pos, n_neg,
                        {k: float(v) for k, v in zip(FEATURE_NAMES, w, strict=True)}, b,
                        mean, scale, reason, periods)


def _thin(n: int, start: str, end: str, need: int) -> str:
    return (f"historia insuficiente para aprender: "
            f"{plural(n, 'pareja firmó', 'parejas firmaron')} un acuerdo entre "
            f"{date_es(start)} y {date_es(end)}, se necesitan {integer(need)}")


def sigmoid(z: float) -> float:
    """Logistic function (for reading a learned score as a relative propensity).

    >>> sigmoid(0.0)
    0.5
    """
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


__all__ = ["DEFAULT_HORIZON_MONTHS", "DEFAULT_WINDOWS", "L2", "MAX_NEGATIVES", "MIN_POSITIVES", "RankingModel",
           "fit_logistic", "formula_model", "model_from_state", "model_state", "last_signature", "months_before", "pair_labels",
           "sigmoid", "signed_agreements", "train", "training_pairs", "training_windows",
           "window_samples"]
