"""The national view: departments on the map, national programmes and networks,
aggregated (the department geometry and the gap colours come from
:mod:`pat_graph.viz.geo`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.formatting import number
from pat_graph.graph import department_of
from pat_graph.viz import style
from pat_graph.viz.builder import build_view
from pat_graph.viz.geo import department_centroids, gap_color
from pat_graph.viz.lookup import _dept_names
from pat_graph.viz.page import View


def national_view(
    g: nx.MultiDiGraph,
    *,
    gap_index: dict[str, float] | None = None,
    size_by: str = "none",
    seed: int = 7,
) -> View:
    """The country at a glance, aggregated: 33 departments placed on the map, the
    national programmes and the national networks, with one edge per
    programme–department (width = number of linkages, colour = strongest kind)
    and per network–department (width = number of the department's actors in it).

    ``gap_index`` (``{dane_code: value}`` in rank order, as
    :func:`pat_graph.viz.charts.gap_index_by_code` gives it) colours departments from
    light to dark red; each department node carries ``indice_brechas`` and
    ``puesto_brechas`` (its place in that order, 1 = most gaps). Never draws raw
    actors, so it stays small whatever the data size.

    >>> from pat_graph.viz.views import _example_graph
    >>> v = national_view(_example_graph())
    >>> sorted(n["id"] for n in v.payload["nodes"])
    ['Program:P1', 'Territory:05']
    """
    names = _dept_names(g)
    agg = nx.MultiDiGraph()
    counts: dict[str, Counter[str]] = {code: Counter() for code in names}
    for n, d in g.nodes(data=True):
        dept = department_of(g, n)
        if dept in counts and d.get("label") != model.TERRITORY:
            counts[dept][d.get("label", "")] += 1
    rank = {code: i for i, code in enumerate(gap_index or {}, 1)}
    for code in names:
        nid = model.node_id(model.TERRITORY, code)
        c = counts[code]
        props = {k: v for k, v in g.nodes[nid].items()}
        props.update({
            "actores": c[model.ACTOR], "instancias": c[model.INSTANCE],
            "acuerdos": c[model.AGREEMENT], "instrumentos": c[model.INSTRUMENT],
        })
        if gap_index and code in gap_index:
            props["indice_brechas"] = gap_index[code]
            props["puesto_brechas"] = rank[code]
        agg.add_node(nid, **props)
    # national programmes
    strength = {"implementacion": 3, "retroalimentacion": 2, "socializacion": 1}
    prog_links: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for n, d in g.nodes(data=True):
        if d.get("label") != model.PROGRAM:
            continue
        agg.add_node(n, **d)
        for _, t, e in g.out_edges(n, data=True):
            if e.get("type") == model.LINKED_TO:
                dept = department_of(g, t)
                if dept in names:
                    prog_links[(n, model.node_id(model.TERRITORY, dept))][e.get("kind", "")] += 1
    # national networks: instances with no department
    net_links: dict[tuple[str, str], int] = defaultdict(int)
    for n, d in g.nodes(data=True):
        if d.get("label") != model.INSTANCE or d.get("department_code"):
            continue
        agg.add_node(n, **d)
        for a, _, e in g.in_edges(n, data=True):
            if e.get("type") == model.PARTICIPATES_IN:
                dept = department_of(g, a)
                if dept in names:
                    net_links[(n, model.node_id(model.TERRITORY, dept))] += 1
    edge_colors: dict[tuple[str, str], str] = {}
    kinds_seen: set[str] = set()
    for (p, t), kinds in prog_links.items():
        best = max(kinds, key=lambda k: strength.get(k, 0))
        kinds_seen.update(kinds)
        agg.add_edge(p, t, key=style.AGGREGATE, type=model.LINKED_TO, weight=sum(kinds.values()),
                     **{f"n_{k}": v for k, v in kinds.items() if k})
        edge_colors[(p, t) if p <= t else (t, p)] = style.LINKAGE_COLORS.get(best, "#888888")
    for (i, t), n_actors in net_links.items():
        agg.add_edge(i, t, key=style.AGGREGATE, type=model.PARTICIPATES_IN, weight=n_actors,
                     actores=n_actors)
    # positions: departments on the map, programmes and networks in two columns
    cents = department_centroids()
    pos: dict[str, tuple[float, float]] = {}
    for code in names:
        lon, lat = cents.get(code, (-74.0, 4.5))
        pos[model.node_id(model.TERRITORY, code)] = (round((lon + 73.0) * 110, 1),
                                                     round(-(lat - 4.5) * 110, 1))
    progs = sorted(n for n in agg if agg.nodes[n].get("label") == model.PROGRAM)
    nets = sorted(n for n in agg if agg.nodes[n].get("label") == model.INSTANCE)
    for i, n in enumerate(progs):
        pos[n] = (-900.0, -700.0 + i * 1400.0 / max(len(progs) - 1, 1))
    for i, n in enumerate(nets):
        pos[n] = (900.0, -500.0 + i * 1000.0 / max(len(nets) - 1, 1))
    node_colors: dict[str, str] = {}
    legend_extra: dict[str, Any] = {"colors_title": "Articulación programa–departamento",
                                    "colors": [{"name": model.label_es("linkage_kind", k), "color": c}
                                               for k, c in style.LINKAGE_COLORS.items()
                                               if k in kinds_seen]}
    if gap_index:
        vals = [v for v in gap_index.values()]
        lo, hi = min(vals), max(vals)
        for code, v in gap_index.items():
            nid = model.node_id(model.TERRITORY, code)
            if nid in agg:
                node_colors[nid] = gap_color(0.0 if hi <= lo else (v - lo) / (hi - lo))
        legend_extra["colors"] += [
            {"name": f"Índice de brechas bajo ({number(lo)})", "color": gap_color(0)},
            {"name": f"Índice de brechas alto ({number(hi)})", "color": gap_color(1)}]
    view = build_view(
        agg, g, title="Colombia: departamentos, programas y redes nacionales",
        subtitle="Vista agregada: un nodo por departamento (en su lugar del mapa)",
        size_by=size_by, seed=seed, physics=False, positions=pos,
        node_colors=node_colors, edge_colors=edge_colors, legend_extra=legend_extra,
    )
    view.payload["options"].update(label_threshold=3, edge_opacity=0.45)
    # department node size: number of actors
    most = max((agg.nodes[n].get("actores", 0) for n in agg), default=0) or 1
    for item in view.payload["nodes"]:
        if item["t"] == model.TERRITORY:
            item["size"] = round(10 + 30 * agg.nodes[item["id"]].get("actores", 0) / most, 1)
    view.payload["legend"]["notes"].append(
        "Tamaño del departamento: número de actores. Grosor: número de articulaciones "
        "(programas) o de actores del departamento en la red nacional.")
    return view
