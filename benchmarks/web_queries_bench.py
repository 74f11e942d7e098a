"""Time of the workbench's Consultas pages (``/consultas/<nombre>``) on a demo store:
each query of the library with the analysts' parameters of
:mod:`benchmarks.queries_bench`, the first request (resolution, run, table) and the
median of the next ones (the rows cached per store state), HTML and CSV.

    python -m benchmarks.web_queries_bench --almacen /tmp/demo.sqlite [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from urllib.parse import urlencode

from benchmarks.queries_bench import analyst_params
from pat_graph.query_library import registry
from pat_graph.web import create_app


def measure(location: str, repeats: int = 5) -> dict[str, dict[str, float | int]]:
    """``{query: {first_s, cached_s, csv_s, rows, status}}`` of every query's page."""
    app = create_app(location)
    client = app.test_client()
    client.get("/consultas")  # reads the graph once
    picks = analyst_params(app.extensions["pat_graph_workbench"].graph())
    out: dict[str, dict[str, float | int]] = {}
    for name, q in sorted(registry().items()):
        used: dict[str, int] = {}
        values = {}
        for p in q.params:
            v = picks[p.kind]
            if isinstance(v, list):
                used[p.kind] = used.get(p.kind, 0) + 1
                v = v[used[p.kind] - 1]
            values[p.name] = str(v)
        page = f"/consultas/{name}?{urlencode(values)}"
        t0 = time.perf_counter()
        r = client.get(page)
        first = time.perf_counter() - t0
        cached = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            client.get(page)
            cached.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        client.get(f"/consultas/{name}.csv?{urlencode(values)}")
        csv_s = time.perf_counter() - t0
        rows = client.get(page + "&formato=json").json.get("count") or 0
        out[name] = {"first_s": round(first, 4), "cached_s": round(statistics.median(cached), 4),
                     "csv_s": round(csv_s, 4), "rows": rows, "status": r.status_code}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--almacen", required=True)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    for name, m in measure(args.almacen, args.repeats).items():
        print(f"{name:26} {m['status']} first {m['first_s']:.3f} s  cached {m['cached_s']:.3f} s"
              f"  csv {m['csv_s']:.3f} s  rows {m['rows']}")


if __name__ == "__main__":
    main()
