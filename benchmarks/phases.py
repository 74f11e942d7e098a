"""The measured phases of the harness, one function each.

Every phase runs in its own fresh Python process (``python -m benchmarks phase NAME``,
started by :mod:`benchmarks.harness`) so that its peak memory is its own: the
process's ``ru_maxrss`` (``resource.getrusage(RUSAGE_SELF)``) read when the phase
ends. That peak includes the interpreter, the imports and the phase's inputs
(e.g. the graph it analyses), so ``setup_rss_mb`` — the peak before the timed
part starts — is reported next to it. For the Neo4j phases it is the Python
client's memory only (the server is a separate JVM with a fixed heap).

A phase gets a :class:`Work` (the scale's folder: demo CSV files, the SQLite
file, the pickled graph) and returns a dict with at least ``seconds`` and
``rows`` (``None`` where rows make no sense), plus phase-specific details.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

#: Largest scale at which ``brokers`` runs by default: the Gould–Fernandez roles grow with
#: the sum of squared degrees of the (dense) actor network, minutes past this scale.
#: Override with PAT_BENCH_BROKERS_MAX_SCALE.
BROKERS_MAX_SCALE = 2.0
#: Largest scale at which the recommendation evaluation runs by default (memory; see below).
EVAL_MAX_SCALE = 2.0
#: Largest batch used untimed to warm up the Neo4j server before its first timed load.
WARMUP_MAX_ROWS = 100_000
#: Cut-off date of the recommendation evaluation (the one docs/recommend.md uses).
EVAL_CUTOFF = "2024-01-01"


@dataclass(frozen=True)
class Work:
    """The files of one scale (shared by its phases) and the run options."""

    root: Path
    scale: float
    batch_size: int = 5000
    baseline_rows: int = 2000

    @property
    def data(self) -> Path:
        return self.root / "datos"

    @property
    def sqlite(self) -> Path:
        return self.root / "pat.sqlite"

    @property
    def graph_pickle(self) -> Path:
        return self.root / "graph.pickle"

    def graph(self) -> nx.MultiDiGraph:
        """The canonical graph read back from the embedded store (phase ``sqlite_read``)."""
        with self.graph_pickle.open("rb") as fh:
            return pickle.load(fh)


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux: ru_maxrss is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Marks where the timed part of a phase starts (and the setup memory before it)."""

    def __init__(self) -> None:
        self.setup_rss_mb = 0.0
        self.t0 = 0.0

    def start(self) -> None:
        self.setup_rss_mb = rss_mb()
        self.t0 = time.perf_counter()

    def stop(self) -> float:
        return time.perf_counter() - self.t0


# ---------------------------------------------------------------------- phases
def phase_generate(w: Work, clock: Clock) -> dict[str, Any]:
    """The demo dataset at this scale (pat_graph.demo.generate_demo): CSV files."""
    from pat_graph.demo import generate_demo

    clock.start()
    summary = generate_demo(w.data, scale=w.scale)
    seconds = clock.stop()
    return {"seconds": seconds, "rows": sum(summary.files.values()), "files": summary.files}


def phase_sqlite_load(w: Work, clock: Clock) -> dict[str, Any]:
    """load_paths() of the demo folder into a new SQLite store (reference territories included)."""
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    w.sqlite.unlink(missing_ok=True)
    store = SQLiteStore(w.sqlite)
    clock.start()
    report = load_paths([w.data], store)
    seconds = clock.stop()
    written = report.written
    records = (written.nodes_written + written.edges_written) if written else None
    return {"seconds": seconds, "rows": records, "csv_rows": report.rows_read,
            "rejected": report.rows_rejected, "unit": "records (nodes + relationships)"}


def phase_sqlite_read(w: Work, clock: Clock) -> dict[str, Any]:
    """read_graph() from the SQLite store; the graph is then pickled for the later phases."""
    from pat_graph.store.sqlite import SQLiteStore

    store = SQLiteStore(w.sqlite)
    clock.start()
    g = store.read_graph()
    seconds = clock.stop()
    with w.graph_pickle.open("wb") as fh:
        pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"seconds": seconds, "rows": g.number_of_nodes() + g.number_of_edges(),
            "nodes": g.number_of_nodes(), "relationships": g.number_of_edges(),
            "ties": ties(g), "unit": "nodes + relationships"}


def ties(g: nx.MultiDiGraph) -> int:
    """Relationships with an actor at one end (participations, signatures, ownership ...)."""
    return sum(1 for u, v in g.edges() if u.startswith("Actor:") or v.startswith("Actor:"))


# ---------------------------------------------------------------------- Neo4j
def _store() -> Any:
    from pat_graph.store.neo4j import Neo4jStore

    return Neo4jStore.from_uri(os.environ["NEO4J_URI"])


def _batch(w: Work) -> Any:
    from benchmarks.neo4j_load import batch_from_dir

    return batch_from_dir(w.data)


def phase_neo4j_batched(w: Work, clock: Clock) -> dict[str, Any]:
    """Neo4jStore.write in batches (benchmarks/neo4j_load.py's bench_batched): nodes then
    relationships on an empty database, then the same load again (nothing changes).
    The data stays in the database for ``neo4j_read``."""
    from benchmarks.neo4j_load import bench_batched, sample

    batch = _batch(w)
    with _store() as store:
        warm = os.environ.get("PAT_BENCH_NEO4J_WARM")
        if warm and not Path(warm).exists():
            # first Neo4j phase of the run: plan every statement and warm the JIT (untimed)
            store.clear()
            store.write(batch if len(batch) <= WARMUP_MAX_ROWS else sample(batch, WARMUP_MAX_ROWS))
            Path(warm).touch()
        clock.start()
        r = bench_batched(store, batch, w.batch_size)
        seconds = clock.stop()
    return {"seconds": r["batched_seconds"], "rows": r["nodes"] + r["relationships"],
            "phase_wall_s": seconds, **r, "unit": "records (nodes + relationships)"}


def phase_neo4j_read(w: Work, clock: Clock) -> dict[str, Any]:
    """Neo4jStore.read_graph() of what ``neo4j_batched`` loaded; checked against SQLite's."""
    with _store() as store:
        clock.start()
        g = store.read_graph()
        seconds = clock.stop()
    ref = w.graph()
    same = (g.number_of_nodes(), g.number_of_edges()) == (ref.number_of_nodes(),
                                                           ref.number_of_edges())
    return {"seconds": seconds, "rows": g.number_of_nodes() + g.number_of_edges(),
            "nodes": g.number_of_nodes(), "relationships": g.number_of_edges(),
            "same_counts_as_sqlite": same, "unit": "nodes + relationships"}


def phase_neo4j_per_row(w: Work, clock: Clock) -> dict[str, Any]:
    """The same statements, one row per transaction, on a sample of ``baseline_rows``
    records (relationships plus the nodes they need); rows/s is extrapolated from it."""
    from benchmarks.neo4j_load import bench_baseline

    batch = _batch(w)
    with _store() as store:
        clock.start()
        r = bench_baseline(store, batch, w.baseline_rows, w.batch_size)
        clock.stop()
        store.clear()
    full = len(batch)
    return {"seconds": r["baseline_seconds"], "rows": r["baseline_rows"],
            "sampled": True, "full_rows": full,
            "extrapolated_full_load_s": full / r["baseline_rows_per_s"],
            "unit": "records (nodes + relationships), sample"}


def phase_neo4j_load_csv(w: Work, clock: Clock) -> dict[str, Any]:
    """LOAD CSV of the same records (one CSV per label / relationship type), MERGE upserts
    with CALL {...} IN TRANSACTIONS OF batch_size ROWS, on an empty database."""
    from benchmarks.load_csv import load_csv

    batch = _batch(w)
    with _store() as store:
        store.clear()
        store.apply_schema()
        r = load_csv(store, batch, w.root / "load_csv", w.batch_size, clock)
        store.clear()
    return r


# ---------------------------------------------------------------------- analytics
def phase_gaps(w: Work, clock: Clock) -> dict[str, Any]:
    """Full national gap analysis: context + every gap family (gap_items) + the gap index
    of all departments, one shared Context (as benchmarks/analytics_bench.py)."""
    from pat_graph import analytics

    g = w.graph()
    clock.start()
    ctx = analytics.context(g, None)
    items = analytics.gap_items(ctx)
    index = analytics.gap_index(ctx)
    seconds = clock.stop()
    return {"seconds": seconds, "rows": g.number_of_edges(), "gaps": len(items),
            "departments": len(index), "unit": "relationships of the graph"}


def _largest_department(ctx: Any) -> str:
    return max(ctx.departments, key=lambda d: (ctx.actor_network(d).number_of_edges(), d))


def phase_brokers(w: Work, clock: Clock) -> dict[str, Any]:
    """Broker measures (betweenness, Burt, Gould–Fernandez roles) of the department with the
    largest actor network."""
    from pat_graph import analytics

    limit = float(os.environ.get("PAT_BENCH_BROKERS_MAX_SCALE", BROKERS_MAX_SCALE))
    if w.scale > limit:
        return {"skipped": f"escala > {limit:g} (PAT_BENCH_BROKERS_MAX_SCALE)"}
    ctx = analytics.context(w.graph(), None)
    code = _largest_department(ctx)
    clock.start()
    rep = analytics.brokers(ctx, code, seed=0)
    seconds = clock.stop()
    return {"seconds": seconds, "rows": rep.ties, "department": code, "actors": rep.actors,
            "betweenness_sampled": rep.betweenness_sampled, "unit": "actor-network ties"}


def phase_recommend(w: Work, clock: Clock) -> dict[str, Any]:
    """recommend() for the department with the largest actor network (top 20)."""
    from pat_graph import analytics, recommend

    g = w.graph()
    code = _largest_department(analytics.context(g, None))
    clock.start()
    props = recommend.recommend(g, code, top=20, seed=0)
    seconds = clock.stop()
    return {"seconds": seconds, "rows": None, "department": code, "proposals": len(props)}


def phase_recommend_eval(w: Work, clock: Clock) -> dict[str, Any]:
    """evaluate() at the cut-off of docs/recommend.md (all departments, k=20, baselines).
    Skipped above EVAL_MAX_SCALE: at 10x it passed 9 GB of RSS after 5 min (killed)."""
    from pat_graph import recommend

    limit = float(os.environ.get("PAT_BENCH_EVAL_MAX_SCALE", EVAL_MAX_SCALE))
    if w.scale > limit:
        return {"skipped": f"escala > {limit:g} (PAT_BENCH_EVAL_MAX_SCALE; a 10x superó 9 GB)"}
    g = w.graph()
    clock.start()
    ev = recommend.evaluate(g, EVAL_CUTOFF, k=20, seed=0)
    seconds = clock.stop()
    return {"seconds": seconds, "rows": ev.candidates, "unit": "candidate pairs",
            "cutoff": EVAL_CUTOFF}


def phase_fichas(w: Work, clock: Clock) -> dict[str, Any]:
    """All 33 fichas diagnóstico departamentales: a library function of pat_graph.report
    when it has one for all fichas, else ``pat-graph ficha --todas -o DIR`` on the SQLite
    store (then the time includes the CLI reading the graph)."""
    import subprocess
    import sys

    try:
        from pat_graph import report
    except ImportError:
        return {"skipped": "pat_graph.report no existe todavía"}
    out = w.root / "fichas"
    fn: Callable[..., Any] | None = None
    for name in ("write_all", "all_fichas", "fichas_todas", "write_fichas", "render_all",
                 "generate_all"):
        fn = getattr(report, name, None)
        if fn is not None:
            break
    if fn is not None:
        g = w.graph()
        clock.start()
        fn(g, out)
        entry = f"pat_graph.report.{fn.__name__}"
    else:
        cmd = [sys.executable, "-c", "import sys; from pat_graph.cli import main; sys.exit(main())",
               "ficha", "--todas", "-o", str(out)]
        env = {**os.environ, "PAT_GRAPH_STORE": str(w.sqlite)}
        clock.start()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return {"skipped": "ni pat_graph.report ni `pat-graph ficha --todas` disponibles: "
                               + (proc.stderr or proc.stdout).strip()[-300:]}
        entry = "pat-graph ficha --todas"
    seconds = clock.stop()
    files = sorted(out.rglob("*.html"))
    return {"seconds": seconds, "rows": len(files), "unit": "HTML files", "entry": entry}


def phase_viz(w: Work, clock: Clock) -> dict[str, Any]:
    """View generation (department with the largest actor network, and the national view)
    and first paint in headless Chromium (benchmarks/viz_bench.py's probe and measure)."""
    from benchmarks.viz_bench import measure
    from pat_graph import analytics, viz
    from pat_graph.viz.browser import BrowserError, Chromium

    g = w.graph()
    code = _largest_department(analytics.context(g, None))
    out = w.root / "views"
    out.mkdir(exist_ok=True)
    clock.start()
    dept = viz.department_view(g, code)
    dept_path = dept.save(out / f"red_{code}.html")
    t_dept = time.perf_counter() - clock.t0
    t = time.perf_counter()
    nat = viz.national_view(g)
    nat_path = nat.save(out / "nacional.html")
    t_nat = time.perf_counter() - t
    seconds = clock.stop()
    result: dict[str, Any] = {
        "seconds": seconds, "rows": dept.n_nodes + dept.n_edges, "department": code,
        "department_view_s": t_dept, "department_nodes": dept.n_nodes,
        "department_edges": dept.n_edges, "national_view_s": t_nat,
        "unit": "drawn nodes + edges of the department view",
    }
    if os.environ.get("PAT_BENCH_NO_BROWSER"):
        result["browser"] = "skipped: --no-browser"
        return result
    try:
        with Chromium() as browser:
            result["department_paint"] = measure(browser, dept_path, 300)
            result["national_paint"] = measure(browser, nat_path, 120)
    except BrowserError as err:
        result["browser"] = f"skipped: {err}"
    return result


def phase_kernels(w: Work, clock: Clock) -> dict[str, Any]:
    """Heavy kernels on the largest department actor network (every department's with
    PAT_BENCH_KERNELS_ALL=1), ours (networkx, as the analytics
    call them) vs igraph on the same graphs in the same process."""
    from benchmarks.kernels import compare_kernels
    from pat_graph import analytics

    ctx = analytics.context(w.graph(), None)
    if os.environ.get("PAT_BENCH_KERNELS_ALL"):
        nets = [ctx.actor_network(d) for d in sorted(ctx.departments)]
    else:  # the largest network (what `pat-graph brokers` meets at worst); minutes for all at 10x
        nets = [ctx.actor_network(_largest_department(ctx))]
    clock.start()
    r = compare_kernels(nets)
    clock.stop()
    return r


PHASES: dict[str, Callable[[Work, Clock], dict[str, Any]]] = {
    "generate": phase_generate,
    "sqlite_load": phase_sqlite_load,
    "sqlite_read": phase_sqlite_read,
    "neo4j_batched": phase_neo4j_batched,
    "neo4j_read": phase_neo4j_read,
    "neo4j_per_row": phase_neo4j_per_row,
    "neo4j_load_csv": phase_neo4j_load_csv,
    "gaps": phase_gaps,
    "brokers": phase_brokers,
    "kernels": phase_kernels,
    "recommend": phase_recommend,
    "recommend_eval": phase_recommend_eval,
    "fichas": phase_fichas,
    "viz": phase_viz,
}
NEO4J_PHASES = ("neo4j_batched", "neo4j_read", "neo4j_per_row", "neo4j_load_csv")
BROWSER_PHASES = ("viz",)
#: Phases the others depend on (always run when a later phase needs their files).
SETUP_PHASES = ("generate", "sqlite_load", "sqlite_read")


def run_phase(name: str, w: Work) -> dict[str, Any]:
    """Run one phase in this process; adds rows_per_s and the memory figures."""
    clock = Clock()
    result = PHASES[name](w, clock)
    if "skipped" in result:
        return {"phase": name, **result}
    rows, seconds = result.get("rows"), result.get("seconds")
    if rows and seconds:
        result.setdefault("rows_per_s", rows / seconds)
    else:
        result.setdefault("rows_per_s", None)
    result["peak_rss_mb"] = round(rss_mb(), 1)
    result["setup_rss_mb"] = round(clock.setup_rss_mb, 1)
    result["memory"] = "ru_maxrss of the phase's own process (RUSAGE_SELF)"
    return {"phase": name, **result}


def dumps(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, default=str)
