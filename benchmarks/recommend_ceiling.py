"""How far can any ranking go on the demo data? A generator oracle for ``recommend --evaluar``.

The demo's agreements are *generated* (``pat_graph.demo``, "Planted property"): 70 % of
them take 2–4 signers among the members of one instance on one day, or the attendees
of one event, 60–1,100 days before the signing date; the rest are drawn at random in
the department. This script ranks every candidate pair by the generator's own chance
of making the pair co-sign the hidden agreements, **knowing what no method can know
at the cut-off**: the hidden agreements' dates and every event and participation,
including those after the cut-off. For each hidden agreement of the department
signed on ``t``, over the events and instances of the lag window before ``t``:

    P(pair) ≈ ½ · mean over events e  [both attended e] / (n_e (n_e − 1))
            + ½ · mean over instances i [both sat in i in the window] / (m_i (m_i − 1))

(the share of each kind is ½ when both exist, as in the generator; the random 30 %
is the same for every pair of a department and cannot reorder them).

The oracle is scored by :func:`pat_graph.recommend.evaluate` itself, in the column of
the hand formula, so candidates, hidden labels, top-k, tie-breaks and metrics are
exactly those of the recommender and the baselines in the same run. Its
precision@k is a practical ceiling of the evaluation on the demo data: a method
that only sees the graph as of the cut-off cannot expect to do better.

Usage::

    python benchmarks/recommend_ceiling.py                       # seeds default 0 1 2
    python benchmarks/recommend_ceiling.py --seeds default --cutoffs 2023-01-01 --json
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pat_graph.demo import generate_demo  # noqa: E402
from pat_graph.demo.agreements import _LAG_DAYS  # noqa: E402
from pat_graph.ingest import load_paths  # noqa: E402
from pat_graph.model import AGREEMENT  # noqa: E402
from pat_graph.recommend.features import day_number  # noqa: E402
from pat_graph.store import open_store  # noqa: E402

# the module, not the function re-exported under the same name by pat_graph.recommend
evaluation = importlib.import_module("pat_graph.recommend.evaluation")
scoring = importlib.import_module("pat_graph.recommend.score")


class Oracle:
    """The generator's pair probabilities of one graph and cut-off (see module docs)."""

    def __init__(self, g: Any, cutoff: str) -> None:
        self.events: dict[str, list[tuple[int | None, list[str]]]] = defaultdict(list)
        self.instances: dict[str, list[list[tuple[str, int | None, int | None]]]] = \
            defaultdict(list)
        for n, a in g.nodes(data=True):
            if a.get("label") == "Event":
                attendees = [u for u, _, t in g.in_edges(n, data="type") if t == "ATTENDED"]
                self.events[a.get("department_code")].append((day_number(a.get("date")), attendees))
            elif a.get("label") == "Instance":
                periods = [(u, day_number(d.get("since")), day_number(d.get("until")))
                           for u, _, d in g.in_edges(n, data=True)
                           if d.get("type") == "PARTICIPATES_IN"]
                self.instances[a.get("department_code")].append(periods)
        self.hidden_dates: dict[str, list[int]] = defaultdict(list)  # day ordinals
        for ag in evaluation.hidden_agreements(g, cutoff):
            a = g.nodes[ag]
            if a.get("label") == AGREEMENT and (t := day_number(a.get("signed"))):
                self.hidden_dates[a.get("department_code")].append(t)

    def scores(self, department: str, cand: list[str], ia: np.ndarray,
               ib: np.ndarray) -> np.ndarray:
        pos = {a: i for i, a in enumerate(cand)}
        n = len(cand)
        total = np.zeros((n, n))
        for t in self.hidden_dates.get(department, []):
            lo, hi = t - _LAG_DAYS[1], t - _LAG_DAYS[0]
            groups = [[att for d, att in self.events.get(department, [])
                       if d and lo <= d <= hi]]
            groups.append([[u for u, s, e in per if s and s <= hi and (e is None or e >= lo)]
                           for per in self.instances.get(department, [])])
            parts = []
            for kind in groups:
                kind = [members for members in kind if len(members) >= 2]
                if not kind:
                    continue
                m = np.zeros((n, n))
                for members in kind:
                    idx = [pos[a] for a in members if a in pos]
                    if len(idx) >= 2:
                        m[np.ix_(idx, idx)] += 1.0 / (len(members) * (len(members) - 1))
                parts.append(m / len(kind))
            if parts:
                total += sum(parts) / len(parts)
        return total[ia, ib]


def ceiling(g: Any, cutoff: str, k: int = 20, seed: int = 0) -> dict[str, Any]:
    """Evaluate at ``cutoff`` with the oracle in the hand formula's column."""
    oracle = Oracle(g, cutoff)
    original = scoring.Index.scores

    def with_oracle(ix: Any, department: str) -> Any:
        ds = original(ix, department)
        ds.formula = oracle.scores(department, ds.candidates, ds.ia, ds.ib)
        return ds

    with mock.patch.object(scoring.Index, "scores", with_oracle):
        ev = evaluation.evaluate(g, cutoff, k=k, seed=seed, scopes=("departamental",))
    best = ev.best_baseline("departamental")
    ours = ev.result("departamental", "score")
    top = ev.result("departamental", "formula")
    return {"cutoff": cutoff, "k": k, "best_baseline": best.method,
            "best_baseline_precision": best.precision, "recommender_precision": ours.precision,
            "oracle_precision": top.precision, "oracle_auc": top.auc,
            "recommender_lift": ours.precision / best.precision if best.precision else None,
            "oracle_lift": top.precision / best.precision if best.precision else None}


def demo_graph(seed: str) -> Any:
    with tempfile.TemporaryDirectory(prefix="pat-ceiling-") as tmp:
        data = Path(tmp) / "demo"
        generate_demo(data, **({} if seed == "default" else {"seed": int(seed)}))
        store = open_store(":memory:")
        load_paths([data], store)
        return store.read_graph()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", default=["default", "0", "1", "2"])
    parser.add_argument("--cutoffs", nargs="+",
                        default=["2023-01-01", "2024-01-01", "2024-07-01"])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for seed in args.seeds:
        g = demo_graph(seed)
        for cutoff in args.cutoffs:
            r = {"generator_seed": seed, **ceiling(g, cutoff, args.top)}
            rows.append(r)
            if not args.json:
                print(f"seed {seed:>7} {cutoff}: best baseline {r['best_baseline_precision']:.3f}"
                      f" ({r['best_baseline']}), recommender {r['recommender_precision']:.3f}"
                      f" ({r['recommender_lift']:.2f}x), oracle {r['oracle_precision']:.3f}"
                      f" ({r['oracle_lift']:.2f}x)", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        lifts = [r["oracle_lift"] for r in rows if r["oracle_lift"] is not None]
        ours = [r["recommender_lift"] for r in rows if r["recommender_lift"] is not None]
        print(f"oracle / best baseline: {min(lifts):.2f}–{max(lifts):.2f}x "
              f"(mean {statistics.mean(lifts):.2f}); recommender: {min(ours):.2f}–"
              f"{max(ours):.2f}x (mean {statistics.mean(ours):.2f}); recommender precision = "
              f"{sum(r['recommender_precision'] for r in rows) / sum(r['oracle_precision'] for r in rows):.0%}"
              " of the oracle's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
