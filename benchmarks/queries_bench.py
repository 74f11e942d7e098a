"""p95 time of every query of the analysts' library on the embedded store, once the graph
is read (issue 20 target: under 0.5 s each on the x1 demo), and with ``--neo4j`` the
Cypher text of each on a Neo4j server too (``NEO4J_URI`` / ``NEO4J_USERNAME`` /
``NEO4J_PASSWORD``; the demo is loaded there, so give it an empty database).

    python -m benchmarks.queries_bench --scale 1 [--repeats 20] [--neo4j] [--consultas red_actor ...]

Parameters are those an analyst would pick: the best-connected actor (and the second
for two-actor queries), the department with most actors, a municipality of it, the
academic sector and the Red ORMET, two steps, 2022-01-01 to 2024-12-31.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR
from pat_graph.queries import get_query
from pat_graph.query_library import alliance_neighbours, registry

#: Issue 20: p95 of each query on the x1 demo, in seconds.
TARGET_P95_S = 0.5


def busiest(g: nx.MultiDiGraph) -> tuple[list[str], dict[str, int]]:
    """The actors of ``g``, the best-connected first (by alliance partners, then id), and
    the number of actors of each department: what the benchmarks pick their samples from."""
    actors = sorted((n for n, a in g.nodes(data=True) if a.get("label") == ACTOR),
                    key=lambda n: (-len(alliance_neighbours(g, n)), n))
    counts: dict[str, int] = {}
    for n in actors:
        d = g.nodes[n].get("department_code")
        if d:
            counts[d] = counts.get(d, 0) + 1
    return actors, counts


def analyst_params(g: nx.MultiDiGraph) -> dict[str, Any]:
    """One value per parameter kind, chosen from ``g`` (see the module docstring)."""
    actors, counts = busiest(g)
    dept = max(sorted(counts), key=lambda d: counts[d])
    munis = sorted(a["dane_code"] for _, a in g.nodes(data=True)
                   if a.get("kind") == "municipality" and a.get("department_code") == dept)
    instances = sorted(a["id"] for _, a in g.nodes(data=True) if a.get("label") == "Instance")
    return {"actor": [g.nodes[n]["id"] for n in actors[:2]], "department": dept,
            "municipality": munis[0], "territory": dept, "instance": instances[0],
            "vocab:sector": ["publico", "privado"], "vocab:instance_kind": "red_ormet", "int": 2,
            "date": ["2022-01-01", "2024-12-31"]}


def measure(g: nx.MultiDiGraph, repeats: int = 20, store: Any = None,
            names: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """``{query: {p95_s, median_s, rows, params}}`` of every registered query (or of
    ``names``) on ``g``; with a Neo4j ``store``, of its Cypher text on that store (one
    untimed call first, as the server plans it once)."""
    picks = analyst_params(g)
    out: dict[str, dict[str, Any]] = {}
    chosen = set(names) if names else None
    for name, q in sorted(registry().items()):
        if chosen is not None and name not in chosen:
            continue
        values: dict[str, Any] = {}
        used: dict[str, int] = {}
        for p in q.params:
            v = picks[p.kind]
            if isinstance(v, list):
                i = used.get(p.kind, 0)
                used[p.kind] = i + 1
                v = v[i]
            values[p.name] = v
        if store is None:
            def call(q=q, values=values):
                return q.answer(g, **values)
        else:
            text = get_query(name).text

            def call(text=text, values=values, name=name):
                return store.run_cypher(text, values, name=name)
            call()
        times = []
        rows: list = []
        for _ in range(repeats):
            t = time.perf_counter()
            rows = call()
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
    ap.add_argument("--neo4j", action="store_true",
                    help="also the Cypher on the server of NEO4J_URI (an empty database)")
    ap.add_argument("--consultas", nargs="+", default=None, help="only these queries")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate_demo(Path(tmp) / "demo", scale=args.scale)
        with SQLiteStore(Path(tmp) / "s.sqlite") as st:
            load_paths([Path(tmp) / "demo"], st)
            g = st.read_graph()
        runs = [("sqlite", None)]
        if args.neo4j:
            import os

            from pat_graph.store.neo4j import Neo4jStore

            neo = Neo4jStore.from_uri(os.environ["NEO4J_URI"])
            load_paths([Path(tmp) / "demo"], neo)
            runs.append(("neo4j", neo))
    print(f"{g.number_of_nodes()} nodos, {g.number_of_edges()} relaciones")
    for label, store in runs:
        for name, r in measure(g, args.repeats, store, args.consultas).items():
            flag = "" if r["p95_s"] < TARGET_P95_S else "  > 0,5 s"
            print(f"{label:6s} {name:28s} p95 {r['p95_s'] * 1000:8.1f} ms  "
                  f"mediana {r['median_s'] * 1000:8.1f} ms  {r['rows']:5d} filas{flag}")
        if store is not None:
            store.close()


if __name__ == "__main__":
    main()
