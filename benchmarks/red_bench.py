"""First paint of the workbench's network viewer (/red) in headless Chromium, and the
renderer comparison behind it (sigma.js/WebGL vs vis-network/canvas).

The viewer marks its first frame: ``PAT.firstPaint`` (``performance.now()``, ms since
navigation start) in the animation frame after sigma's first render, with
``data-listo`` on the container. :func:`measure_red` serves a store with the workbench
(werkzeug, a thread), asks the page's data once (the server's one-time layout and
payload: ``server_first_s``), then opens ``/red`` in Playwright (Debian's chromium,
``executable_path``) ``repeats`` times and keeps every first paint, plus the time of
one zoom frame and of one node selection (what "responsive" means here).

    python benchmarks/red_bench.py --almacen /tmp/demo.sqlite          # /red at that store
    python benchmarks/red_bench.py --almacen /tmp/demo.sqlite --comparar
    python -m benchmarks run --scale 1 --phases red --out r.json       # harness phase "red"

``--comparar`` draws the same actor-network payload (nodes, positions, ties) with
vis-network 9.1.2 (the one the self-contained views inline; physics off, straight
edges) and with sigma.js 3.0.3, each from a static page, and times the first frame
and one zoom frame of each. Target (issue 21): /red's first paint ≤ 3 s at ×1.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

TARGET_FIRST_PAINT_MS = 3000


def _chromium(pw: Any) -> Any:
    exe = shutil.which("chromium")
    if not exe:
        raise RuntimeError("Chromium no está instalado (paquete Debian `chromium`)")
    return pw.chromium.launch(executable_path=exe, args=["--headless=new"])


def _serve_app(store: str) -> tuple[Any, str]:
    from werkzeug.serving import make_server

    from pat_graph.web import create_app

    srv = make_server("127.0.0.1", 0, create_app(store), threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_port}"


ZOOM = """() => new Promise(res => { const r = PAT.renderer, t = performance.now();
  r.once('afterRender', () => res(performance.now() - t));
  r.getCamera().setState({ ratio: r.getCamera().ratio * 0.5 }); })"""
SELECT = """() => { const t = performance.now(); const id = PAT.data.nodes.find(n => n.top).id;
  PAT.select(id); return performance.now() - t; }"""


def measure_red(store: str, *, path: str = "/red", repeats: int = 3) -> dict[str, Any]:
    """First paint of ``path`` on the workbench over ``store`` (see the module)."""
    import urllib.request

    from playwright.sync_api import sync_playwright

    srv, base = _serve_app(store)
    try:
        sep = "&" if "?" in path else "?"
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + path + sep + "formato=json", timeout=600) as r:
            size = len(r.read())
        server_first_s = time.perf_counter() - t0
        runs = []
        with sync_playwright() as pw:
            browser = _chromium(pw)
            try:
                for _ in range(repeats):
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    errors: list[str] = []
                    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                    page.goto(base + path, wait_until="load", timeout=120000)
                    page.wait_for_selector("#pat-network[data-listo]", timeout=120000)
                    first, data_at, n, e = page.evaluate(
                        "[PAT.firstPaint, PAT.dataAt, PAT.data.nodes.length, "
                        "PAT.data.edges.length]")
                    runs.append({"first_paint_ms": round(first), "data_ms": round(data_at),
                                 "zoom_frame_ms": round(page.evaluate(ZOOM), 1),
                                 "select_ms": round(page.evaluate(SELECT), 1),
                                 "nodes": n, "edges": e, "errors": errors})
                    page.close()
            finally:
                browser.close()
    finally:
        srv.shutdown()
    firsts = [r["first_paint_ms"] for r in runs]
    return {"path": path, "payload_bytes": size, "server_first_s": round(server_first_s, 2),
            "first_paint_ms_median": statistics.median(firsts), "first_paint_ms": firsts,
            "zoom_frame_ms_median": statistics.median(r["zoom_frame_ms"] for r in runs),
            "select_ms_median": statistics.median(r["select_ms"] for r in runs),
            "nodes": runs[0]["nodes"], "edges": runs[0]["edges"],
            "errors": sorted({x for r in runs for x in r["errors"]}),
            "target_first_paint_ms": TARGET_FIRST_PAINT_MS}


# ------------------------------------------------------------------ renderer comparison
VIS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body,#n{margin:0;width:100%;height:100%}</style></head><body><div id="n"></div>
<script src="vis-network.min.js"></script><script>
fetch("data.json").then(r => r.json()).then(D => {
  const nodes = new vis.DataSet(D.nodes.map(n => ({id: n.id, x: n.x, y: -n.y, label: n.l,
    color: n.c, shape: "dot", size: 3 * n.z})));
  const edges = new vis.DataSet(D.edges.map((e, i) => ({id: i, from: D.nodes[e[0]].id,
    to: D.nodes[e[1]].id})));
  const net = new vis.Network(document.getElementById("n"), {nodes, edges}, {physics: false,
    layout: {improvedLayout: false}, edges: {smooth: false, color: {opacity: 0.2}},
    interaction: {hideEdgesOnDrag: true, hideEdgesOnZoom: true}});
  net.once("afterDrawing", () => { window.first = performance.now(); });
  window.zoom = () => new Promise(res => { const t = performance.now();
    net.once("afterDrawing", () => res(performance.now() - t)); net.moveTo({scale: 0.5}); });
});</script></body></html>"""
SIGMA_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body,#n{margin:0;width:100%;height:100%}</style></head><body><div id="n"></div>
<script src="graphology.umd.min.js"></script><script src="sigma.min.js"></script><script>
fetch("data.json").then(r => r.json()).then(D => {
  const g = new graphology.Graph({type: "undirected"});
  D.nodes.forEach(n => g.addNode(n.id, {x: n.x, y: n.y, label: n.l, color: n.c, size: n.z}));
  D.edges.forEach((e, i) => g.addEdgeWithKey("e" + i, D.nodes[e[0]].id, D.nodes[e[1]].id,
    {color: "rgba(120,120,120,0.18)", size: 0.5}));
  const s = new Sigma(g, document.getElementById("n"), {hideEdgesOnMove: true});
  requestAnimationFrame(() => { window.first = performance.now(); });
  window.zoom = () => new Promise(res => { const t = performance.now();
    s.once("afterRender", () => res(performance.now() - t));
    s.getCamera().setState({ratio: 0.5}); });
});</script></body></html>"""


def compare_renderers(store: str, *, repeats: int = 2) -> dict[str, Any]:
    """vis-network vs sigma.js on the same actor-network payload (see the module)."""
    from playwright.sync_api import sync_playwright

    from pat_graph.viz import network as net
    from pat_graph.web.state import Workbench

    wb = Workbench(store)
    g = wb.analyses(None).graph
    payload = net.network_payload(g, wb.graph(), "actores", net.layout(wb.graph()), dates=[])
    out: dict[str, Any] = {"nodes": len(payload["nodes"]), "edges": len(payload["edges"])}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data.json").write_text(json.dumps(payload), encoding="utf-8")
        (root / "vis.html").write_text(VIS_PAGE, encoding="utf-8")
        (root / "sigma.html").write_text(SIGMA_PAGE, encoding="utf-8")
        for pkg, name in (("pat_graph.viz", "assets/vis-network.min.js"),
                          ("pat_graph.web", "static/sigma.min.js"),
                          ("pat_graph.web", "static/graphology.umd.min.js")):
            (root / Path(name).name).write_bytes(resources.files(pkg).joinpath(name).read_bytes())
        handler = functools.partial(_Quiet, directory=str(root))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                browser = _chromium(pw)
                try:
                    for which in ("sigma", "vis"):
                        runs = []
                        for _ in range(repeats):
                            page = browser.new_page(viewport={"width": 1280, "height": 900})
                            page.goto(f"http://127.0.0.1:{srv.server_port}/{which}.html")
                            page.wait_for_function("window.first", timeout=300000, polling=100)
                            runs.append({"first_paint_ms": round(page.evaluate("window.first")),
                                         "zoom_frame_ms": round(page.evaluate("zoom()"), 1)})
                            page.close()
                        out[which] = runs
                finally:
                    browser.close()
        finally:
            srv.shutdown()
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    from benchmarks.harness import cpu_reference_ms, machine_info

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--almacen", required=True, help="SQLite store (pat-graph demo --almacen)")
    ap.add_argument("--ruta", default="/red", help="page to time (default /red)")
    ap.add_argument("--repeticiones", type=int, default=3)
    ap.add_argument("--comparar", action="store_true", help="also vis-network vs sigma.js")
    args = ap.parse_args()
    m = machine_info()
    result: dict[str, Any] = {"machine": {k: m[k] for k in ("cores", "cpu", "load_average_at_start",
                                                            "cpu_ref_ms_at_start", "git_commit")}}
    result["cpu_ref_ms"] = cpu_reference_ms()
    result["red"] = measure_red(args.almacen, path=args.ruta, repeats=args.repeticiones)
    if args.comparar:
        result["renderers"] = compare_renderers(args.almacen)
    result["cpu_ref_ms_at_end"] = cpu_reference_ms()
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
