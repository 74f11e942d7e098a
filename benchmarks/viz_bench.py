"""Time to first paint and to a stable layout in headless Chromium: our page vs pyvis defaults.

Same synthetic PAT-shaped graph (actors of five sectors, instances, agreements,
participations and signatures) for both, same browser run, network off.
Both pages get the same probe, injected before any script runs, that wraps
``vis.Network`` and records ``performance.now()`` (ms since navigation start)
at the first ``afterDrawing`` and at ``stabilized`` /
``stabilizationIterationsDone``.

    python benchmarks/viz_bench.py                 # 1k, 5k, 20k
    python benchmarks/viz_bench.py --sizes 1000 --pyvis-cap 120

Targets (issue 6): 20k nodes first paint < 10 s; >= 50x faster than pyvis defaults at 5k.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from pat_graph import model
from pat_graph.viz import build_view

# the DevTools client is test tooling (tests/cdp.py), not part of the runtime package
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from cdp import BrowserError, Chromium  # noqa: E402

PROBE = """
(() => {
  const B = window.__bench = { first: null, stable: null };
  let box;
  Object.defineProperty(window, 'vis', { configurable: true,
    get() { return box; },
    set(v) {
      box = v; let N;
      Object.defineProperty(v, 'Network', { configurable: true, enumerable: true,
        get() { return N; },
        set(Orig) {
          N = function (c, d, o) {
            const net = new Orig(c, d, o);
            net.once('afterDrawing', () => { B.first = performance.now(); });
            const done = () => { if (!B.stable) B.stable = performance.now(); };
            net.on('stabilized', done);
            net.once('stabilizationIterationsDone', done);
            return net;
          };
          N.prototype = Orig.prototype;
        } });
    } });
})();
"""


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n`` nodes: 80 % actors, 5 % instances, 15 % agreements, ~2.5 ties per actor."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    n_inst, n_agr = max(n // 20, 1), max(n * 3 // 20, 1)
    n_act = n - n_inst - n_agr
    for i in range(n_inst):
        g.add_node(f"Instance:I{i}", label="Instance", id=f"I{i}", name=f"Instancia {i}",
                   kind=rng.choice(model.INSTANCE_KINDS), department_code=f"{i % 33:02d}")
    for i in range(n_agr):
        g.add_node(f"Agreement:G{i}", label="Agreement", id=f"G{i}", name=f"Acuerdo {i}",
                   department_code=f"{i % 33:02d}")
    for i in range(n_act):
        a = f"Actor:A{i}"
        g.add_node(a, label="Actor", id=f"A{i}", name=f"Actor {i}", sector=rng.choice(model.SECTORS),
                   kind="empresa", department_code=f"{i % 33:02d}", source="actores.csv", row=i + 2)
        g.add_edge(a, f"Instance:I{rng.randrange(n_inst)}", key="PARTICIPATES_IN",
                   type="PARTICIPATES_IN")
        for _ in range(rng.choice((1, 1, 2))):
            g.add_edge(a, f"Agreement:G{rng.randrange(n_agr)}", key=f"SIGNED|{rng.random()}",
                       type="SIGNED")
    return g


def pyvis_page(g: nx.MultiDiGraph, path: Path) -> Path:
    """The same nodes and drawn edges through pyvis with its default options."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")  # 'local' would need lib/ beside the file
    for n, d in g.nodes(data=True):
        net.add_node(n, label=str(d.get("name", n)), title=str(d.get("name", n)))
    seen = set()
    for u, v in g.edges():
        key = (u, v) if u <= v else (v, u)
        if key not in seen:
            seen.add(key)
            net.add_edge(u, v)
    path.write_text(net.generate_html(), encoding="utf-8")
    return path


def measure(browser: Chromium, path: Path, cap: float) -> dict:
    t0 = time.monotonic()
    page = browser.open(path.resolve().as_uri(), before_load=PROBE, timeout=cap)
    try:
        # a page busy stabilising may not answer for a while: poll with long evaluate timeouts
        deadline = t0 + cap
        while not page.evaluate("!!(window.__bench && window.__bench.first)",
                                timeout=max(deadline - time.monotonic(), 1)):
            if time.monotonic() > deadline:
                raise BrowserError("cap")
            time.sleep(0.1)
        first = page.evaluate("window.__bench.first")
        left = max(cap - (time.monotonic() - t0), 1)
        try:
            page.wait_for("window.__bench.stable || (window.PAT && PAT.stable)", timeout=left,
                          poll=0.1)
            stable = page.evaluate("window.__bench.stable || PAT.stable")
        except BrowserError:
            stable = None
        nodes = page.evaluate("(window.PAT ? PAT.network : network).body.nodeIndices.length")
    except BrowserError:
        first = stable = nodes = None
    finally:
        page.close()
    out = {"first_paint_ms": first, "stable_ms": stable, "nodes_drawn": nodes,
           "wall_s": round(time.monotonic() - t0, 1)}
    if first is None:
        # not painted (or the page stopped answering) after this long: a lower bound
        out["gave_up_after_s"] = out["wall_s"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--pyvis-cap", type=float, default=600.0,
                    help="seconds to wait for a pyvis page before giving up")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp, Chromium() as browser:
        for n in args.sizes:
            g = synthetic_graph(n)
            t = time.perf_counter()
            view = build_view(g, g, title=f"bench {n}", size_by="grado")
            ours_path = view.save(Path(tmp) / f"ours_{n}.html")
            build_s = time.perf_counter() - t
            ours = measure(browser, ours_path, 300)
            theirs = measure(browser, pyvis_page(g, Path(tmp) / f"pyvis_{n}.html"), args.pyvis_cap)
            row = {"nodes": view.n_nodes, "edges": view.n_edges, "python_build_s": round(build_s, 1),
                   "ours": ours, "pyvis": theirs}
            if ours["first_paint_ms"] and theirs["first_paint_ms"]:
                row["first_paint_speedup"] = round(theirs["first_paint_ms"] / ours["first_paint_ms"], 1)
            elif ours["first_paint_ms"]:
                row["first_paint_speedup_at_least"] = round(
                    theirs["gave_up_after_s"] * 1000 / ours["first_paint_ms"], 1)
            if ours["stable_ms"] and theirs["stable_ms"]:
                row["stable_speedup"] = round(theirs["stable_ms"] / ours["stable_ms"], 1)
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
