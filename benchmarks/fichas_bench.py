"""Benchmark: all 33 fichas diagnóstico (``pat_graph.report.write_fichas``) on the demo data.

Target (issue 7): under a minute for the demo at scale 1. Generates the demo into a
temporary folder, loads it into a fresh SQLite store (not timed), then times reading
the graph and writing the 33 fichas plus the index. Prints wall and CPU seconds and
the 1-minute load average (the machine may be shared), and the slowest fichas.

    python benchmarks/fichas_bench.py [--scale 1.0] [--out fichas/] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pat_graph.demo import generate_demo  # noqa: E402
from pat_graph.ingest import load_paths  # noqa: E402
from pat_graph.report import Analyses, ficha, file_name, render_ficha, write_fichas  # noqa: E402
from pat_graph.store.sqlite import SQLiteStore  # noqa: E402

TARGET_SECONDS = 60.0


def run(scale: float, out: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="fichas-bench-") as tmp:
        root = Path(tmp)
        generate_demo(root / "datos", scale=scale)
        store = SQLiteStore(root / "store.sqlite")
        load_paths([root / "datos"], store)
        w0, c0 = time.perf_counter(), time.process_time()
        g = store.read_graph()
        loads = store.stats().loads
        store.close()
        read_s = time.perf_counter() - w0
        target = out or root / "fichas"
        w1, c1 = time.perf_counter(), time.process_time()
        paths = write_fichas(g, target, loads=loads)
        wall, cpu = time.perf_counter() - w1, time.process_time() - c1
        total_wall, total_cpu = time.perf_counter() - w0, time.process_time() - c0
        # per-ficha times (second pass, analyses shared as in write_fichas)
        an = Analyses(g)
        _ = an.index  # national analyses once, as in write_fichas
        slow = []
        for code in an.ctx.departments:
            t = time.perf_counter()
            f = ficha(an.ctx, code, analyses=an, loads=loads)
            render_ficha(f)
            slow.append((round(time.perf_counter() - t, 2), file_name(f)))
        slow.sort(reverse=True)
        return {
            "scale": scale, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "fichas": len(paths) - 1, "read_graph_s": round(read_s, 2),
            "fichas_wall_s": round(wall, 2), "fichas_cpu_s": round(cpu, 2),
            "total_wall_s": round(total_wall, 2), "total_cpu_s": round(total_cpu, 2),
            "bytes": sum(p.stat().st_size for p in paths),
            "load_avg_1m": round(os.getloadavg()[0], 2), "cores": os.cpu_count(),
            "slowest": slow[:5], "target_s": TARGET_SECONDS,
            "under_target": total_wall < TARGET_SECONDS,
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=None, help="keep the fichas in this folder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = run(args.scale, args.out)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
        return 0
    print(f"demo scale {r['scale']}: {r['nodes']} nodos, {r['edges']} relaciones")
    print(f"leer el grafo: {r['read_graph_s']} s")
    print(f"{r['fichas']} fichas + índice: {r['fichas_wall_s']} s reloj, {r['fichas_cpu_s']} s CPU, "
          f"{r['bytes'] // 1024} KB")
    print(f"total (leer + fichas): {r['total_wall_s']} s reloj, {r['total_cpu_s']} s CPU "
          f"(objetivo < {TARGET_SECONDS:.0f} s: {'sí' if r['under_target'] else 'NO'}); "
          f"carga media 1 min {r['load_avg_1m']} en {r['cores']} núcleos")
    print("fichas más lentas:", ", ".join(f"{n} {s} s" for s, n in r["slowest"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
