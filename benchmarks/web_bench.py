"""Server time of every page of the workbench (``pat-graph serve``), through Flask's test
client over a real SQLite store (the whole request: routing, the library's answers, the
template, the headers; no network, no browser paint). Issue 21 targets:

- every page, warm cache (the page asked once before): p95 ≤ 0.3 s at ×1, ≤ 1 s at ×10;
- the first visit of a department page, cold cache (the server started (one look at
  the store's state a second at most) and warmed as ``pat-graph serve`` does, :meth:`~pat_graph.web.state.Workbench.warm`; this department
  never asked): ≤ 2 s at ×1;
- the search type-ahead (``/api/buscar``, what the bar asks at each key typed): p95 as a
  page, warm.

    python -m benchmarks.web_bench --scale 1 [--repeats 20] [--departamentos 8]

Sample URLs are picked from the graph (the department with most actors, the
best-connected actor, names typed key by key for the type-ahead); a route of the table
without a sample here is reported under ``missing`` (a new page must be added).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, AGREEMENT, INSTANCE, PROGRAM

#: Issue 21: p95 of a page with a warm cache, by scale (seconds).
TARGET_WARM_P95_S = {1: 0.3, 10: 1.0}
#: Issue 21: first visit of a department page with a cold cache at ×1 (seconds).
TARGET_COLD_DEPARTMENT_S = 2.0


def p95(times: list[float]) -> float:
    """The 95th percentile of ``times`` (nearest rank, as benchmarks.queries_bench).

    >>> p95([0.1] * 19 + [1.0]), p95([0.2])
    (0.1, 0.2)
    """
    s = sorted(times)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


#: What a person types in the search bar (plus the best-connected actor's name).
TYPED: tuple[str, ...] = ("gobernacion del meta", "Universidad", "SENA Regional",
                          "Villavicencio", "camara de comercio", "Red ORMET",
                          "Alianza por el empleo")


#: Routes timed by another phase: an upload's pages need a real upload (``web_upload``).
MEASURED_ELSEWHERE = frozenset({"carga", "confirmar_carga"})


def _first_of(g: nx.MultiDiGraph, label: str, department: str) -> str:
    """The id of a ``label`` node of ``department`` (or of any, when it has none)."""
    keys = sorted(n for n, a in g.nodes(data=True) if a.get("label") == label)
    own = [n for n in keys if g.nodes[n].get("department_code") == department]
    return (own or keys)[0].split(":", 1)[1]


def samples(g: nx.MultiDiGraph, code: str, actor: str) -> dict[str, str]:
    """One URL per endpoint of the route table (the department ``code``, the ``actor``)."""
    c = f"/departamento/{code}"
    inst, agr = _first_of(g, INSTANCE, code), _first_of(g, AGREEMENT, code)
    prog = _first_of(g, PROGRAM, code)
    return {
        "instancia": f"/instancia/{inst}", "acuerdo": f"/acuerdo/{agr}",
        "programa": f"/programa/{prog}", "consultas": "/consultas",
        "consulta": f"/consultas/alianzas_actor?actor={actor}",
        "consulta_descarga": f"/consultas/alianzas_actor.csv?actor={actor}",
        "red": "/red", "red_nodo": f"/api/red/nodo?id={ACTOR}:{actor}", "cargar": "/cargar",
        "inicio": "/", "buscar": "/buscar?q=gobernacion", "sugerir": "/api/buscar?q=gober",
        "departamento": c, "red_departamento": f"{c}/red", "ficha_departamento": f"{c}/ficha",
        "grafo_departamento": f"{c}/grafo.gexf",
        "tabla_departamento": f"{c}/tablas/actores.csv",
        "actor": f"/actor/{actor}", "red_actor": f"/actor/{actor}/red",
        "estatico": "/estaticos/app.css", "icono": "/favicon.ico",
        "comparar": f"/comparar?desde=01/01/2023&hasta=31/12/2024&departamento={code}",
        "comparar_pais": "/comparar?desde=01/01/2023&hasta=31/12/2024",
        "inicio_fecha": "/?fecha=31/12/2023", "departamento_fecha": f"{c}?fecha=31/12/2023",
    }


def typed(names: list[str]) -> list[str]:
    """What the type-ahead is asked while ``names`` are typed key by key (from 2 keys).

    >>> typed(["Meta"])
    ['Me', 'Met', 'Meta']
    """
    return [n[:k] for n in names for k in range(2, len(n) + 1)]


def _picks(g: nx.MultiDiGraph) -> tuple[str, str, list[str]]:
    """(department with most actors, best-connected actor, departments by actor count)."""
    from benchmarks.queries_bench import busiest

    actors, counts = busiest(g)
    by_size = sorted(counts, key=lambda d: (-counts[d], d))
    return by_size[0], g.nodes[actors[0]]["id"], by_size


def _timed(get: Callable[[str], Any], url: str) -> tuple[float, int]:
    t = time.perf_counter()
    r = get(url)
    seconds = time.perf_counter() - t
    r.close()
    return seconds, r.status_code


def measure(store_path: str | Path, repeats: int = 20, departments: int = 8,
            ) -> dict[str, Any]:
    """Warm p95 and median of every page, the cold first visit of ``departments``
    departments (the largest first, then spread over the sizes) and the type-ahead p95."""
    from pat_graph.store.sqlite import SQLiteStore
    from pat_graph.web import ROUTES, create_app

    with SQLiteStore(store_path) as st:
        g = st.read_graph()
    code, actor, by_size = _picks(g)
    urls = samples(g, code, actor)
    missing = sorted({r.endpoint for r in ROUTES} - set(urls) - MEASURED_ELSEWHERE)

    # -- the server as pat-graph serve starts it: graph read, warm() done
    t0 = time.perf_counter()
    app = create_app(str(store_path), check_seconds=1.0)  # as pat-graph serve
    wb = app.extensions["pat_graph_workbench"]
    wb.warm()
    start_s = time.perf_counter() - t0
    client = app.test_client()

    # -- cold: the first visit of departments nobody asked for yet (not the warmed one)
    warmed = {r.department_code for r in wb.ranking(None)[:1]}
    step = max(1, len(by_size) // max(1, departments))
    chosen = [d for d in ([code] + by_size[::step]) if d not in warmed]
    chosen = list(dict.fromkeys(chosen))[:departments]
    cold: dict[str, float] = {}
    for d in chosen:
        seconds, status = _timed(client.get, f"/departamento/{d}")
        if status != 200:
            raise RuntimeError(f"/departamento/{d}: {status}")
        cold[d] = seconds

    # -- warm: every page asked once untimed, then ``repeats`` times
    pages: dict[str, dict[str, Any]] = {}
    for name, url in urls.items():
        first, status = _timed(client.get, url)
        if status != 200:
            raise RuntimeError(f"{url}: {status}")
        times = [_timed(client.get, url)[0] for _ in range(repeats)]
        pages[name] = {"url": url, "first_s": first, "p95_s": p95(times),
                       "median_s": statistics.median(times)}

    # -- the type-ahead: names typed key by key, each prefix once, warm
    queries = typed(list(TYPED) + [g.nodes[f"{ACTOR}:{actor}"].get("name", actor)])
    client.get("/api/buscar?q=" + queries[0])
    suggest = [_timed(client.get, "/api/buscar?q=" + q)[0] for q in queries]
    worst = max(pages, key=lambda n: pages[n]["p95_s"])
    return {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges(),
            "department": code, "actor": actor, "server_start_s": start_s,
            "pages": pages, "worst_page": worst, "worst_p95_s": pages[worst]["p95_s"],
            "cold_department_s": cold, "cold_department_max_s": max(cold.values()),
            "cold_department_median_s": statistics.median(cold.values()),
            "suggest_p95_s": p95(suggest), "suggest_median_s": statistics.median(suggest),
            "suggest_queries": len(queries), "missing": missing}


def main() -> None:
    import tempfile

    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--departamentos", type=int, default=8)
    ap.add_argument("--almacen", type=Path, default=None,
                    help="an existing SQLite store instead of the demo at --scale")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.almacen
        if path is None:
            generate_demo(Path(tmp) / "demo", scale=args.scale)
            path = Path(tmp) / "s.sqlite"
            with SQLiteStore(path) as st:
                load_paths([Path(tmp) / "demo"], st)
        r = measure(path, args.repeats, args.departamentos)
    target = TARGET_WARM_P95_S.get(round(args.scale), 1.0)
    print(f"{r['nodes']} nodos, {r['relationships']} relaciones; arranque + warm "
          f"{r['server_start_s']:.2f} s")
    for name, p in r["pages"].items():
        flag = "" if p["p95_s"] <= target else f"  > {target:g} s"
        print(f"{name:22s} p95 {p['p95_s'] * 1000:8.1f} ms  mediana {p['median_s'] * 1000:8.1f} ms"
              f"  primera {p['first_s'] * 1000:8.1f} ms  {p['url']}{flag}")
    print("primera visita de un departamento (caché fría): "
          + ", ".join(f"{d} {s:.2f} s" for d, s in r["cold_department_s"].items()))
    print(f"sugerencias: p95 {r['suggest_p95_s'] * 1000:.1f} ms, mediana "
          f"{r['suggest_median_s'] * 1000:.1f} ms ({r['suggest_queries']} consultas)")
    if r["missing"]:
        print("rutas sin muestra: " + ", ".join(r["missing"]))


if __name__ == "__main__":
    main()
