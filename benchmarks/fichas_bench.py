"""Benchmark: the fichas diagnóstico on the demo data (issue 22's targets).

Targets at scale 1: one ficha (a cold ``pat-graph ficha --departamento X`` in a
fresh process, Python's start and imports included) ≤ 2 CPU-seconds; the 33 fichas
and the index (``write_fichas``) ≤ 20 s. The cold commands run as a user runs them
(see :func:`cold_commands`): ``pat-graph load`` (which prepares every ficha,
:func:`pat_graph.pipeline.prepare`: its cost is reported with the load's), then the
first ficha after the load (the target), another department, the same again,
``actor`` and ``recommend``; and on a store loaded with ``--sin-preparar`` the first
ficha (it computes the national analyses and keeps every ficha) and the next.
Generates the demo into a temporary folder and loads it into a fresh SQLite store
(not timed). Reports wall and CPU seconds (CPU counts every thread: numpy's BLAS
threads spinning on a shared machine show up here; ``OPENBLAS_NUM_THREADS`` is
recorded), the per-ficha CPU once the national analyses are shared, and with
``--pdf`` the page count of every summary PDF (headless Chromium).

    python benchmarks/fichas_bench.py [--scale 1.0] [--out fichas/] [--pdf] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pat_graph.demo import generate_demo  # noqa: E402
from pat_graph.ingest import load_paths  # noqa: E402
from pat_graph.report import (  # noqa: E402
    Analyses,
    ficha,
    file_name,
    render_ficha,
    render_summary,
    write_fichas,
)
from pat_graph.store.sqlite import SQLiteStore  # noqa: E402

ONE_FICHA_CPU_TARGET = 2.0
ALL_FICHAS_TARGET = 20.0

_ONE = """
import sys, time
from pat_graph import answers
from pat_graph.report import write_ficha
from pat_graph.store.sqlite import SQLiteStore
t = time.process_time()
st = SQLiteStore(sys.argv[1]); g = answers.read_graph(st); loads = st.stats().loads; st.close()
write_ficha(g, sys.argv[2], sys.argv[3], loads=loads)
kept = answers.of(g)
print(kept.hits if kept else -1, kept.misses if kept else -1)
print(time.process_time() - t)
"""

#: A command in a fresh process, as the user types it (``pat-graph actor|recommend``).
_CLI = """
import sys
from pat_graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _env(cache: Path, **extra: str) -> dict[str, str]:
    """The children's environment: this checkout first, kept answers in ``cache``."""
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
            "XDG_CACHE_HOME": str(cache), **extra}


def one_ficha(store: Path, code: str, out: Path, cache: Path) -> dict:
    """A cold single ficha in a fresh process, as ``pat-graph ficha --departamento``
    (the graph read with the store's kept answers, :mod:`pat_graph.answers`): the
    process's CPU (imports included: what the user pays, the target), the CPU from
    reading the graph on, and how many answers were read back (``kept``) and computed
    (``computed``)."""
    c0, w0 = _child_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _ONE, str(store), code, str(out)],
                          capture_output=True, text=True, env=_env(cache), check=True)
    lines = done.stdout.strip().splitlines()
    hits, misses = (int(x) for x in lines[-2].split())
    return {"department": code, "process_cpu_s": round(_child_cpu() - c0, 2),
            "cpu_s": round(float(lines[-1]), 2),
            "wall_s": round(time.perf_counter() - w0, 2), "kept": hits, "computed": misses}


def one_command(store: Path, args: list[str], cache: Path) -> dict:
    """``pat-graph ARGS`` in a fresh process: its CPU (imports included) and wall time."""
    c0, w0 = _child_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", _CLI, *args], capture_output=True, text=True,
                   env=_env(cache, PAT_GRAPH_STORE=str(store)), check=True)
    return {"command": "pat-graph " + " ".join(a if " " not in a else f'"{a}"' for a in args),
            "process_cpu_s": round(_child_cpu() - c0, 2),
            "wall_s": round(time.perf_counter() - w0, 2)}


def cold_commands(data: Path, largest: str, other: str, out: Path) -> dict:
    """The commands a user runs, each in a fresh process, on stores loaded by
    ``pat-graph load`` (which prepares every ficha: :func:`pat_graph.pipeline.prepare`)
    and by ``pat-graph load --sin-preparar`` (nothing kept): the first ficha after the
    load, a ficha of another department, the same ficha again, then ``actor`` and
    ``recommend``; on the unprepared store the first ficha computes the national
    analyses and keeps every department's ficha, and a second department reads it back."""
    cache = out / "cache"
    prepared, bare = out / "preparado.sqlite", out / "sin_preparar.sqlite"
    res = {"load_prepared": one_command(prepared, ["load", str(data)], cache),
           "load_not_prepared": one_command(bare, ["load", str(data), "--sin-preparar"],
                                            cache)}
    res |= {"first_ficha": one_ficha(prepared, largest, out / "una.html", cache),
            "other_department_ficha": one_ficha(prepared, other, out / "otra.html", cache),
            "same_ficha_again": one_ficha(prepared, largest, out / "una.html", cache)}
    actor = ["actor", "Gobernación de Antioquia"]
    recommend = ["recommend", "--departamento", largest]
    res["actor_prepared"] = one_command(prepared, actor, cache)
    res["recommend_prepared"] = one_command(prepared, recommend, cache)
    res["first_ficha_not_prepared"] = one_ficha(bare, largest, out / "una.html", cache)
    res["next_ficha_not_prepared"] = one_ficha(bare, other, out / "otra.html", cache)
    bare2 = out / "sin_preparar_2.sqlite"
    one_command(bare2, ["load", str(data), "--sin-preparar"], cache)
    res["actor_nothing_kept"] = one_command(bare2, actor, cache)
    bare3 = out / "sin_preparar_3.sqlite"
    one_command(bare3, ["load", str(data), "--sin-preparar"], cache)
    res["recommend_nothing_kept"] = one_command(bare3, recommend, cache)
    return res


_PRINT = """
import sys
from pathlib import Path
from pat_graph.report.pdf import page_count, to_pdfs
for p in to_pdfs([(Path(s), Path(s).with_suffix(".pdf")) for s in sys.argv[1:]]):
    print(page_count(p))
"""


def _print_summaries(paths: list[Path]) -> list[int]:
    """Print the summaries to PDF with one Chromium (in a fresh process, as the CLI
    does) and return each PDF's page count."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", _PRINT, *map(str, paths)],
                          capture_output=True, text=True, env=env, check=True)
    return [int(x) for x in done.stdout.split()]


def run(scale: float, out: Path | None, pdf: bool = False) -> dict:
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
        # per-ficha CPU once the national analyses (and the recommender's model) are shared
        an = Analyses(g)
        t = time.process_time()
        ficha(an.ctx, next(iter(an.ctx.departments)), analyses=an)
        shared_cpu = time.process_time() - t
        per: list[tuple[float, str]] = []
        summaries = []
        for code in an.ctx.departments:
            t = time.process_time()
            f = ficha(an.ctx, code, analyses=an, loads=loads)
            render_ficha(f)
            per.append((round(time.process_time() - t, 3), file_name(f)))
            if pdf:
                s = root / "resumen" / file_name(f).replace(".html", "_resumen.html")
                s.parent.mkdir(exist_ok=True)
                s.write_text(render_summary(f), encoding="utf-8")
                summaries.append((f.department_name, s))
        per.sort(reverse=True)
        largest, other = sorted(an.ctx.departments,
                                key=lambda c: (-len(an.ctx.actor_network(c)), c))[:2]
        cold = cold_commands(root / "datos", largest, other, root)
        one = cold["first_ficha"]
        pages: dict[str, int] = {}
        if pdf:
            tp = time.perf_counter()
            pages = dict(zip((n for n, _ in summaries),
                             _print_summaries([s for _, s in summaries]), strict=True))
            pdf_s = round(time.perf_counter() - tp, 2)
        return {
            "scale": scale, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "fichas": len(paths) - 1, "read_graph_s": round(read_s, 2),
            "fichas_wall_s": round(wall, 2), "fichas_cpu_s": round(cpu, 2),
            "total_wall_s": round(total_wall, 2), "total_cpu_s": round(total_cpu, 2),
            "bytes": sum(p.stat().st_size for p in paths),
            "shared_analyses_cpu_s": round(shared_cpu, 2),
            "per_ficha_cpu_s_median": round(statistics.median(s for s, _ in per), 3),
            "per_ficha_cpu_s_max": per[0][0], "slowest": per[:5],
            "one_ficha": one, "cold": cold, "summary_pdf_pages": pages,
            **({"summary_pdf_s": pdf_s} if pdf else {}),
            "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "(sin fijar)"),
            "load_avg_1m": round(os.getloadavg()[0], 2), "cores": os.cpu_count(),
            "targets": {
                "first_ficha_after_load_cpu_s": [
                    one["process_cpu_s"], "<=", ONE_FICHA_CPU_TARGET,
                    one["process_cpu_s"] <= ONE_FICHA_CPU_TARGET],
                "other_department_ficha_cpu_s": [
                    cold["other_department_ficha"]["process_cpu_s"], "<=",
                    ONE_FICHA_CPU_TARGET,
                    cold["other_department_ficha"]["process_cpu_s"] <= ONE_FICHA_CPU_TARGET],
                "all_fichas_wall_s": [round(wall, 2), "<=", ALL_FICHAS_TARGET,
                                      wall <= ALL_FICHAS_TARGET],
            },
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=None, help="keep the fichas in this folder")
    ap.add_argument("--pdf", action="store_true", help="print the 33 summaries, count pages")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = run(args.scale, args.out, args.pdf)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
        return 0
    o = r["one_ficha"]
    print(f"demo escala {r['scale']}: {r['nodes']} nodos, {r['edges']} relaciones; "
          f"OPENBLAS_NUM_THREADS={r['openblas_threads']}")
    for key in ("load_prepared", "load_not_prepared"):
        o = r["cold"][key]
        print(f"{o['command']}: {o['process_cpu_s']} s CPU, {o['wall_s']} s reloj")
    names = {"first_ficha": "primera ficha tras `pat-graph load`",
             "other_department_ficha": "ficha de otro departamento",
             "same_ficha_again": "la misma ficha otra vez",
             "first_ficha_not_prepared": "primera ficha tras `load --sin-preparar`",
             "next_ficha_not_prepared": "la siguiente, otro departamento (sin preparar)"}
    for key, label in names.items():
        o = r["cold"][key]
        print(f"{label}, {o['department']}: {o['process_cpu_s']} s CPU con el arranque de "
              f"Python ({o['cpu_s']} s desde leer el grafo), {o['wall_s']} s reloj; "
              f"respuestas leídas {o['kept']}, calculadas {o['computed']} "
              f"(objetivo ≤ {ONE_FICHA_CPU_TARGET:g} s CPU)")
    for key in ("actor_prepared", "actor_nothing_kept", "recommend_prepared",
                "recommend_nothing_kept"):
        o = r["cold"][key]
        print(f"{o['command']} ({'preparado' if 'prepared' in key else 'nada guardado'}):"
              f" {o['process_cpu_s']} s CPU con el arranque, {o['wall_s']} s reloj")
    print(f"{r['fichas']} fichas + índice: {r['fichas_wall_s']} s reloj, {r['fichas_cpu_s']} s "
          f"CPU (objetivo ≤ {ALL_FICHAS_TARGET:g} s); leer el grafo {r['read_graph_s']} s")
    print(f"análisis nacionales compartidos {r['shared_analyses_cpu_s']} s CPU; por ficha "
          f"mediana {r['per_ficha_cpu_s_median']} s, máximo {r['per_ficha_cpu_s_max']} s")
    if r["summary_pdf_pages"]:
        counts = sorted(set(r["summary_pdf_pages"].values()))
        print(f"PDF del resumen ({r['summary_pdf_s']} s): páginas {counts} — "
              + ", ".join(f"{k} {v}" for k, v in r["summary_pdf_pages"].items()))
    print(f"carga media 1 min {r['load_avg_1m']} en {r['cores']} núcleos")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
