"""The shared core of every network view: :func:`build_view` turns the part of the
graph to show into a :class:`~pat_graph.viz.page.View` (node sizes, colours and
shapes, one weighted edge per linked pair, legend, filters, gaps and
recommendations); :func:`_drawn` cuts that part out of the full graph.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.analytics.brokerage import betweenness
from pat_graph.errors import InputError
from pat_graph.graph import department_of
from pat_graph.viz import style
from pat_graph.viz.display import display_properties, display_provenance
from pat_graph.viz.gaps import StructuralGaps, structural_gaps
from pat_graph.viz.layout import compute_positions
from pat_graph.viz.lookup import _dept_names, _name
from pat_graph.viz.page import View

#: above this many nodes a view starts with physics off and straight edges
PHYSICS_LIMIT = 300
#: above this many nodes betweenness is estimated from a seeded sample of sources
BETWEENNESS_SAMPLE_LIMIT = 1500
#: sources sampled above :data:`BETWEENNESS_SAMPLE_LIMIT` (networkx's pivots for the seed)
BETWEENNESS_PIVOTS = 200
#: relationships drawn per edge in the details panel
MAX_RELS_PER_EDGE = 5

#: accepted ``size_by`` values -> canonical name
SIZE_BY: dict[str, str] = {
    "betweenness": "betweenness", "intermediacion": "betweenness",
    "grado": "degree", "degree": "degree",
    "cercania": "closeness", "closeness": "closeness",
    "ninguno": "none", "none": "none",
}
#: The view sizes nodes by a centrality of the network it draws (actors with the instances
#: and agreements between them), not of the department's actor network that
#: `pat-graph brokers` ranks: the labels say so, so the two numbers are never confused.
METRIC_ES = {
    "betweenness": "Intermediación en esta red", "degree": "Grado en esta red",
    "closeness": "Cercanía en esta red", "none": "",
}
#: relationship types not drawn in the department / ego views (territorial context only)
CONTEXT_ONLY = frozenset({model.LOCATED_IN, model.SCOPED_TO})

Recommendation = tuple[str, str, str]


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _centrality(und: nx.Graph, how: str, seed: int) -> dict[str, float]:
    if how == "none" or und.number_of_nodes() == 0:
        return {}
    if how == "degree":
        return {n: float(d) for n, d in und.degree()}
    if how == "closeness":
        return nx.closeness_centrality(und)
    return betweenness(und, seed=seed, exact_max=BETWEENNESS_SAMPLE_LIMIT,
                       pivots=BETWEENNESS_PIVOTS)[0]


def _normalise_recs(g: nx.MultiDiGraph, recs: Iterable[Sequence[str]] | None) -> list[Recommendation]:
    out = []
    for rec in recs or ():
        if len(rec) < 2:
            raise InputError(f"Recomendación inválida: {rec!r} (se espera (actor, actor, motivo)).")
        a, b = (r if r.startswith(f"{model.ACTOR}:") else model.node_id(model.ACTOR, r)
                for r in (rec[0], rec[1]))
        out.append((a, b, str(rec[2]) if len(rec) > 2 else ""))
    return out


# ------------------------------------------------------------------------ the builder
def build_view(
    sub: nx.MultiDiGraph,
    full: nx.MultiDiGraph,
    *,
    title: str,
    subtitle: str = "",
    size_by: str = "betweenness",
    gaps: bool | StructuralGaps = False,
    recommendations: Iterable[Sequence[str]] | None = None,
    seed: int = 7,
    physics: bool | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    node_colors: dict[str, str] | None = None,
    edge_colors: dict[tuple[str, str], str] | None = None,
    legend_extra: dict[str, Any] | None = None,
) -> View:
    """Turn the part of a graph to show into a :class:`View` (the shared core of every view).

    One edge is drawn per linked pair of nodes; its width grows with the
    number of relationships between them (the tie weight). ``gaps``: ``True`` finds
    the structural gaps on the actor projection of ``sub``; a :class:`StructuralGaps`
    (e.g. a department's, :func:`pat_graph.viz.gaps.department_gaps`) is shown as given.
    """
    how = SIZE_BY.get(size_by)
    if how is None:
        raise InputError(f"Medida de tamaño desconocida «{size_by}»; use una de: "
                         + ", ".join(sorted(k for k in SIZE_BY if k not in ("degree", "closeness", "none"))))
    dept_names = _dept_names(full)
    nodes_order = sorted(sub.nodes)
    # --- pairs (one drawn edge per unordered pair)
    pairs: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, data in sub.edges(data=True):
        if u == v:
            continue
        pairs[(u, v) if u <= v else (v, u)].append((u, v, data))
    und = nx.Graph()
    und.add_nodes_from(nodes_order)
    und.add_edges_from((a, b, {"weight": len(r)}) for (a, b), r in pairs.items())
    metric = _centrality(und, how, seed)
    pos = positions if positions is not None else compute_positions(und, seed=seed)
    found = gaps if isinstance(gaps, StructuralGaps) else structural_gaps(sub) if gaps else None
    arts = set(found.articulation_points) if found else set()
    # --- instance kinds reached by each node (for the instance-type filter)
    ik: dict[str, set[str]] = defaultdict(set)
    for n in nodes_order:
        if sub.nodes[n].get("label") == model.INSTANCE and sub.nodes[n].get("kind"):
            ik[n].add(sub.nodes[n]["kind"])
    for u, v, data in sub.edges(data=True):
        if data.get("type") == model.PARTICIPATES_IN and sub.nodes[v].get("kind"):
            ik[u].add(sub.nodes[v]["kind"])
    values = [metric.get(n, 0.0) for n in nodes_order]
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)

    out_nodes = []
    sectors_present: set[str] = set()
    labels_present: set[str] = set()
    kinds: set[str] = set()
    depts: set[str] = set()
    for n in nodes_order:
        data = sub.nodes[n]
        label = data.get("label", "")
        labels_present.add(label)
        name = _name(data, n)
        sector = data.get("sector", "") if label == model.ACTOR else ""
        if label == model.ACTOR:
            sectors_present.add(sector)
            if data.get("kind"):
                kinds.add(data["kind"])
            color = style.sector_color(sector)
        else:
            color = style.LABEL_COLORS.get(label, "#999999")
        if node_colors and n in node_colors:
            color = node_colors[n]
        m = metric.get(n, 0.0)
        size = 12.0 if hi <= lo else 8.0 + 32.0 * (m - lo) / (hi - lo)
        dept = department_of(full, n) if n in full else data.get("department_code")
        if dept:
            depts.add(dept)
        type_es = model.LABEL_ES.get(label, label)
        tip = f"{name}\n{type_es}" + (f" · {style.sector_es(sector)}" if label == model.ACTOR else "")
        props = display_properties(label, data, full)
        prov = display_provenance(data)
        item: dict[str, Any] = {
            "id": n, "l": _short(str(data.get("acronym") or name)), "name": name, "t": label,
            "type_es": type_es, "shape": style.LABEL_SHAPES.get(label, "dot"),
            "color": color, "size": round(size, 1), "tip": tip, "p": props, "pv": prov,
        }
        if label == model.ACTOR:
            item.update(s=sector, sector_es=style.sector_es(sector), k=data.get("kind", ""))
        if label == model.INSTANCE:
            item["k2"] = data.get("kind", "")
        if dept:
            item["d"] = dept
        if ik.get(n):
            item["ik"] = sorted(ik[n])
        if how != "none":
            item["m"] = round(m, 4)
        if n in arts:
            item["a"] = True
        if n in pos:
            item["x"], item["y"] = pos[n]
        out_nodes.append(item)

    bridges = {tuple(sorted(b)) for b in found.bridges} if found else set()
    out_edges = []
    rel_types: Counter[str] = Counter()
    for i, ((a, b), rels) in enumerate(sorted(pairs.items())):
        first = rels[0][2]
        rtype = first.get("type", "")
        for _, _, d in rels:
            rel_types[d.get("type", "")] += 1
        color, dashed = style.REL_STYLES.get(rtype, ("#888888", False))
        if edge_colors and (a, b) in edge_colors:
            color = edge_colors[(a, b)]
        weight = sum(int(d.get("weight", 1)) for _, _, d in rels)
        shown = []
        for _, _, d in rels[:MAX_RELS_PER_EDGE]:
            shown.append({
                "type_es": model.REL_ES.get(d.get("type", ""), d.get("type", "")),
                "p": display_properties(d.get("type", ""), d, full),
                "pv": display_provenance(d),
            })
        tip = "\n".join(sorted({model.REL_ES.get(d.get("type", ""), str(d.get("type", "")))
                                for _, _, d in rels}))
        edge = {
            "id": f"e{i}", "from": a, "to": b, "type": rtype, "n": len(rels),
            "w": round(min(1.0 + 2.0 * math.log2(max(weight, 1)), 9.0), 1), "color": color, "tip": tip,
            "rels": shown,
        }
        if dashed:
            edge["dashed"] = True
        if len(rels) > MAX_RELS_PER_EDGE:
            edge["more"] = len(rels) - MAX_RELS_PER_EDGE
        out_edges.append(edge)

    recs = _normalise_recs(full, recommendations)
    rec_items = []
    names = {n["id"]: n["name"] for n in out_nodes}
    for j, (a, b, reason) in enumerate(recs):
        both = a in names and b in names
        if both:
            out_edges.append({
                "id": f"r{j}", "from": a, "to": b, "type": style.RECOMMENDED, "n": 0, "w": 2,
                "dashed": True, "color": style.EXTRA_REL_STYLES[style.RECOMMENDED][0],
                "tip": "Acuerdo recomendado: " + reason, "reason": reason, "rec": True,
            })
        na = names.get(a) or _name(full.nodes[a], a) if a in full else a
        nb = names.get(b) or _name(full.nodes[b], b) if b in full else b
        rec_items.append({"a": a, "b": b, "text": f"{na} ↔ {nb}" + (f": {reason}" if reason else "")
                          + ("" if both else " (fuera de esta vista)")})

    # --- legend and filters
    legend: dict[str, Any] = {
        "sectors": [{"code": s, "name": style.sector_es(s), "color": style.sector_color(s)}
                    for s in (*model.SECTORS, "") if s in sectors_present],
        "shapes": [{"shape": style.LABEL_SHAPES[lb], "name": model.LABEL_ES[lb],
                    "color": style.LABEL_COLORS.get(lb, "#555555")}
                   for lb in model.LABELS if lb in labels_present],
        "rels": [{"name": model.REL_ES[t], "color": style.REL_STYLES[t][0],
                  "dashed": style.REL_STYLES[t][1]} for t in model.REL_TYPES if t in rel_types],
        "notes": [],
    }
    if any(e.get("rec") for e in out_edges):
        c, _, es = style.EXTRA_REL_STYLES[style.RECOMMENDED]
        legend["rels"].append({"name": es, "color": c, "dashed": True})
    if how != "none":
        legend["notes"].append(f"Tamaño del nodo: {METRIC_ES[how].lower()}. "
                               "Grosor del vínculo: número de relaciones entre los dos nodos.")
    if gaps:
        legend["notes"].append("Borde rojo grueso: punto de articulación de la red de actores.")
    if legend_extra:
        for key, val in legend_extra.items():
            if isinstance(legend.get(key), list) and isinstance(val, list):
                legend[key] = legend[key] + val
            else:
                legend[key] = val
    instance_kinds = sorted({k for v in ik.values() for k in v})
    filters = {
        "sector": [[s, style.sector_es(s)] for s in (*model.SECTORS, "") if s in sectors_present and s],
        "kind": [[k, k.replace("_", " ").capitalize()] for k in sorted(kinds)],
        "department": sorted(([d, dept_names.get(d, d)] for d in depts), key=lambda x: x[1]),
        "instance_kind": [[k, model.label_es("instance_kind", k)] for k in instance_kinds],
    }
    n_nodes = len(out_nodes)
    payload: dict[str, Any] = {
        "title": title, "subtitle": subtitle, "nodes": out_nodes, "edges": out_edges,
        "legend": legend, "filters": filters, "metric_name": METRIC_ES[how],
        "options": {
            "physics": (n_nodes <= PHYSICS_LIMIT) if physics is None else bool(physics),
            "smooth": n_nodes <= PHYSICS_LIMIT and len(out_edges) <= 3 * PHYSICS_LIMIT,
            "seed": seed, "big_threshold": 1500,
        },
    }
    if found is not None:
        def nm(x: str) -> str:
            return names.get(x, x)

        payload["gaps"] = {
            "missing_sector_pairs": [
                {"text": f"{style.sector_es(a)} – {style.sector_es(b)}", "pair": [a, b]}
                for a, b in found.missing_sector_pairs],
            "articulation": [{"id": n, "text": nm(n)} for n in found.articulation_points],
            "bridges": [{"a": a, "b": b, "text": f"{nm(a)} — {nm(b)}"} for a, b in sorted(bridges)],
            "recommended": rec_items,
        }
    elif rec_items:
        payload["gaps"] = {"missing_sector_pairs": [], "articulation": [], "bridges": [],
                           "recommended": rec_items}
    return View(title=title, payload=payload, graph=sub)


def _drawn(g: nx.MultiDiGraph, keep: set[str], skip_types: frozenset[str] = CONTEXT_ONLY
           ) -> nx.MultiDiGraph:
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in keep)
    for u, v, k, d in g.edges(keep, keys=True, data=True):
        if v in keep and d.get("type") not in skip_types:
            sub.add_edge(u, v, key=k, **d)
    return sub
