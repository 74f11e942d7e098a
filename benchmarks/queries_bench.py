"""p95 time of every query of the analysts' library on the embedded store, once the graph
is read (issue 20 target: under 0.5 s each on the x1 demo).

    python -m benchmarks.queries_bench --scale 1 [--repeats 20]

Parameters are those an analyst would pick: the best-connected actor (and the second
for two-actor queries), the department with most actors, a municipality of it, the
academic sector and the Red ORMET, two steps, 2022-01-01 to 2024-12-31.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR
from pat_graph.query_library import alliance_neighbours, registry

#: Issue 20: p95 of each query on the x1 demo, in seconds.
TARGET_P95_S = 0.5


def analyst_params(g: nx.MultiDiGraph) -> dict[str, Any]:
    """One value per parameter kind, chosen from ``g`` (see the module docstring)."""
    actors = sorted((n for n, a in g.nodes(data=True) if a.get("label") == ACTOR),
                    key=lambda n: (-len(alliance_neighbours(g, n)), n))
    counts: dict[str, int] = {}
    for n in actors:
        d = g.nodes[n].get("department_code")
        if d:
            counts[d] = counts.get(d, 0) + 1
    dept = max(sorted(counts), key=lambda d: counts[d])
    munis = sorted(a["dane_code"] for _, a in g.nodes(data=True)
                   if a.get("kind") == "municipality" and a.get("department_code") == dept)
    instances = sorted(a["id"] for _, a in g.nodes(data=True) if a.get("label") == "Instance")
    return {"actor": [g.nodes[n]["id"] for n in actors[:2]], "department": dept,
            "municipality": munis[0], "territory": dept, "instance": instances[0],
            "vocab:sector": ["publico", "privado"], "vocab:instance_kind": "red_ormet", "int": 2,
            "date": ["2022-01-01", "2024-12-31"]}


def measure(g: nx.MultiDiGraph, repeats: int = 20) -> dict[str, dict[str, Any]]:
    """``{query: {p95_s, median_s, rows, params}}`` of every registered query on ``g``."""
    picks = analyst_params(g)
    out: dict[str, dict[str, Any]] = {}
    for name, q in sorted(registry().items()):
        values: dict[str, Any] = {}
        used: dict[str, int] = {}
        for p in q.params:
            v = picks[p.kind]
            if isinstance(v, list):
                i = used.get(p.kind, 0)
                used[p.kind] = i + 1
                v = v[i]
            values[p.name] = v
        times = []
        rows: list = []
        for _ in range(repeats):
            t = time.perf_counter()
            rows = q.answer(g, **values)
            times.append(time.perf_counter() - t)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out[name] = {"p95_s": p95, "median_s": statistics.median(times), "rows": len(rows),
                     "params": values}
    return out


def main() -> None:
    import tempfile
    from pathlib import Path

    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate_demo(Path(tmp) / "demo", scale=args.scale)
        with SQLiteStore(Path(tmp) / "s.sqlite") as st:
            load_paths([Path(tmp) / "demo"], st)
            g = st.read_graph()
    print(f"{g.number_of_nodes()} nodos, {g.number_of_edges()} relaciones")
    for name, r in measure(g, args.repeats).items():
        flag = "" if r["p95_s"] < TARGET_P95_S else "  > 0,5 s"
        print(f"{name:28s} p95 {r['p95_s'] * 1000:8.1f} ms  mediana {r['median_s'] * 1000:8.1f} ms"
              f"  {r['rows']:5d} filas{flag}")


if __name__ == "__main__":
    main()
