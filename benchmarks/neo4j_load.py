"""Benchmark: loading the demo dataset into Neo4j, batched vs one row per transaction.

Generates the demo dataset (``pat_graph.demo``) at scale 1 and 10, turns it into
records with the loader (``pat_graph.ingest``), then, on an empty database:

- batched: :meth:`Neo4jStore.write` with ``--batch-size`` rows per transaction
  (nodes and relationships timed apart), and again with nothing changed;
- baseline: the same statements, ONE row per transaction (``batch_size=1``) and one
  transaction at a time (``workers=1``: the naive loader), on a sample of the records (a
  full per-row load of the 10x set would take hours).

Uses ``NEO4J_URI`` / ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` when set (the database
is CLEARED), otherwise starts ``scripts/neo4j-local`` on a free port and stops it.

Usage::

    python benchmarks/neo4j_load.py                 # scales 1 and 10
    python benchmarks/neo4j_load.py --scales 1 --baseline-rows 1000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from neo4j_server import LocalNeo4j  # noqa: E402

from pat_graph.demo import generate_demo  # noqa: E402
from pat_graph.ingest import extract_paths  # noqa: E402
from pat_graph.model import RecordBatch  # noqa: E402
from pat_graph.store.neo4j import Neo4jStore  # noqa: E402
from pat_graph.territories import reference  # noqa: E402


def demo_batch(scale: float, workdir: Path) -> RecordBatch:
    data = workdir / f"demo-x{scale:g}"
    generate_demo(data, scale=scale)
    return batch_from_dir(data)


def batch_from_dir(data: Path) -> RecordBatch:
    """The records a load of ``data`` writes: reference territories plus the files' records."""
    extraction, _ = extract_paths([data])
    batch = RecordBatch()
    batch.extend(reference().records())
    batch.extend(extraction.batch)
    return batch


def timed_write(store: Neo4jStore, batch: RecordBatch) -> float:
    t0 = time.perf_counter()
    store.write(batch)
    return time.perf_counter() - t0


def timed_phases(store: Neo4jStore, batch: RecordBatch) -> tuple[float, float, float, int]:
    """One ``store.write(batch)`` — the load as the CLI runs it — timed: (total, nodes,
    relationships) seconds, and the transactions the driver ran again (lock conflicts
    between the writers). The nodes are written first; their time is up to the commit
    of the last node chunk (seen through the progress callback), the rest is the
    relationships' (their grouping included)."""
    nodes = len(batch.nodes)
    done = 0
    nodes_end: list[float] = []

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done >= nodes and not nodes_end:
            nodes_end.append(time.perf_counter())

    t0 = time.perf_counter()
    summary = store.write(batch, progress=progress)
    end = time.perf_counter()
    split = nodes_end[0] if nodes_end and nodes else t0
    return end - t0, split - t0, end - split, summary.retries


def sample(batch: RecordBatch, rows: int) -> RecordBatch:
    """About ``rows`` records: relationships plus exactly the nodes they need."""
    edges = batch.edges[: rows // 2]
    needed = {(e.start_label, e.start_key) for e in edges} | {(e.end_label, e.end_key)
                                                               for e in edges}
    nodes = [n for n in batch.nodes if (n.label, n.key) in needed]
    return RecordBatch(nodes, edges)


def bench_batched(store: Neo4jStore, batch: RecordBatch, batch_size: int,
                  repeats: int = 1) -> dict:
    """Batched load on an empty database (one ``store.write``: nodes, then relationships,
    timed apart by :func:`timed_phases`), ``repeats`` times (the database emptied before
    each), then the same load again with nothing changed.
    Leaves the data in the database.

    The headline numbers (``batched_*``) are those of the median load by total time;
    ``first_load_rows_per_s`` is the first one (the server's JIT still compiling the
    write path) and ``loads_rows_per_s`` lists them all.
    """
    store.batch_size = batch_size
    runs = []
    for _ in range(max(1, repeats)):
        store.clear()
        runs.append(timed_phases(store, batch))
    again_s = timed_write(store, batch)
    total = len(batch)
    _, nodes_s, edges_s, _ = sorted(runs)[(len(runs) - 1) // 2]
    return {
        "nodes": len(batch.nodes), "relationships": len(batch.edges),
        "batch_size": batch_size, "loads": len(runs),
        "batched_nodes_per_s": len(batch.nodes) / nodes_s,
        "batched_relationships_per_s": len(batch.edges) / edges_s,
        "batched_rows_per_s": total / (nodes_s + edges_s),
        "batched_seconds": nodes_s + edges_s,
        "first_load_rows_per_s": total / runs[0][0],
        "loads_rows_per_s": [round(total / t) for t, _, _, _ in runs],
        "loads_retries": [retries for _, _, _, retries in runs],
        "reload_unchanged_rows_per_s": total / again_s,
    }


def bench_baseline(store: Neo4jStore, batch: RecordBatch, rows: int, batch_size: int) -> dict:
    """One row per transaction on a sample of about ``rows`` records (empty database first)."""
    small = sample(batch, rows)
    store.clear()
    workers, store.batch_size, store.workers = store.workers, 1, 1  # the naive loader
    try:
        base_s = timed_write(store, small)
    finally:
        store.batch_size, store.workers = batch_size, workers
    return {"baseline_rows": len(small), "baseline_seconds": base_s,
            "baseline_rows_per_s": len(small) / base_s}


def bench(store: Neo4jStore, scale: float, batch: RecordBatch, batch_size: int,
          baseline_rows: int) -> dict:
    result = {"scale": scale, **bench_batched(store, batch, batch_size)}
    if baseline_rows:
        base = bench_baseline(store, batch, baseline_rows, batch_size)
        result.update(baseline_rows=base["baseline_rows"],
                      baseline_rows_per_s=base["baseline_rows_per_s"])
        result["speedup"] = result["batched_rows_per_s"] / result["baseline_rows_per_s"]
    store.clear()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--baseline-rows", type=int, default=2000,
                        help="records loaded one per transaction (0: skip the baseline)")
    parser.add_argument("--warmup-scale", type=float, default=1.0,
                        help="demo scale loaded once, untimed, to warm the JIT and query cache")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    local = None
    with tempfile.TemporaryDirectory(prefix="pat-bench-") as tmp:
        workdir = Path(tmp)
        if os.environ.get("NEO4J_URI"):
            store = Neo4jStore.from_uri(os.environ["NEO4J_URI"])
        else:
            local = LocalNeo4j(workdir / "neo4j")
            t0 = time.perf_counter()
            server = local.start()
            print(f"# local Neo4j {server.uri} ready in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr)
            store = Neo4jStore.from_uri(server.uri, user=server.user, password=server.password)
        try:
            # warm-up: plan every statement once (JIT and query cache), not timed
            warm = demo_batch(args.warmup_scale, workdir)
            store.clear()
            store.write(warm)
            store.clear()
            results = []
            for scale in args.scales:
                batch = demo_batch(scale, workdir)
                results.append(bench(store, scale, batch, args.batch_size, args.baseline_rows))
                if not args.json:
                    _print(results[-1])
        finally:
            store.close()
            if local is not None:
                local.stop()
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def _print(r: dict) -> None:
    print(f"scale {r['scale']:g}: {r['nodes']:,} nodes, {r['relationships']:,} relationships, "
          f"batch {r['batch_size']}")
    print(f"  batched   nodes          {r['batched_nodes_per_s']:>10,.0f} /s")
    print(f"  batched   relationships  {r['batched_relationships_per_s']:>10,.0f} /s")
    print(f"  batched   all rows       {r['batched_rows_per_s']:>10,.0f} /s  "
          f"({r['batched_seconds']:.1f} s)")
    print(f"  reload, nothing changed  {r['reload_unchanged_rows_per_s']:>10,.0f} /s")
    if "baseline_rows_per_s" in r:
        print(f"  one row per transaction  {r['baseline_rows_per_s']:>10,.0f} /s  "
              f"({r['baseline_rows']:,} rows)")
        print(f"  speed-up                 {r['speedup']:>10.1f} x")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
