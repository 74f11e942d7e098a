"""The network views: department, actor ego network, national, programme.

Each view picks the part of the graph to show, lays it out in Python with a
seed and returns a :class:`~pat_graph.viz.page.View` (``.save(path)``, inline
in Jupyter). The graph is the canonical ``MultiDiGraph`` of
``docs/graph-model.md``.

>>> from pat_graph.viz.views import _example_graph
>>> g = _example_graph()
>>> v = department_view(g, "05")
>>> v.n_nodes, v.n_edges
(7, 6)
>>> v = actor_view(g, "A1", hops=2)
>>> sorted(n["id"] for n in v.payload["nodes"])[:2]
['Actor:A1', 'Actor:A2']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.errors import InputError, NotFoundError
from pat_graph.graph import department_of
from pat_graph.viz import style
from pat_graph.viz.gaps import structural_gaps
from pat_graph.viz.layout import compute_positions
from pat_graph.viz.page import View

#: above this many nodes a view starts with physics off and straight edges
PHYSICS_LIMIT = 300
#: above this many nodes betweenness is estimated from a seeded sample of sources
BETWEENNESS_SAMPLE_LIMIT = 1500
#: relationships drawn per edge in the details panel
MAX_RELS_PER_EDGE = 5

#: accepted ``size_by`` values -> canonical name
SIZE_BY: dict[str, str] = {
    "betweenness": "betweenness", "intermediacion": "betweenness",
    "grado": "degree", "degree": "degree",
    "cercania": "closeness", "closeness": "closeness",
    "ninguno": "none", "none": "none",
}
METRIC_ES = {
    "betweenness": "Intermediación", "degree": "Grado", "closeness": "Cercanía", "none": "",
}
#: relationship types not drawn in the department / ego views (territorial context only)
CONTEXT_ONLY = frozenset({model.LOCATED_IN, model.SCOPED_TO})

Recommendation = tuple[str, str, str]


# ----------------------------------------------------------------------------- helpers
def _name(data: dict[str, Any], nid: str) -> str:
    return str(data.get("name") or data.get("id") or data.get("dane_code") or nid)


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
    n = und.number_of_nodes()
    k = min(n, 200) if n > BETWEENNESS_SAMPLE_LIMIT else None
    return nx.betweenness_centrality(und, k=k, seed=seed)


def _actor_node(g: nx.MultiDiGraph, actor: str) -> str:
    nid = actor if actor.startswith(f"{model.ACTOR}:") else model.node_id(model.ACTOR, actor)
    if nid in g and g.nodes[nid].get("label") == model.ACTOR:
        return nid
    folded = actor.strip().casefold()
    hits = [n for n, d in g.nodes(data=True) if d.get("label") == model.ACTOR
            and (str(d.get("name", "")).casefold() == folded
                 or str(d.get("acronym", "")).casefold() == folded)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NotFoundError(f"Hay {len(hits)} actores llamados «{actor}»; use su id: "
                            + ", ".join(sorted(h.split(':', 1)[1] for h in hits)[:10]))
    raise NotFoundError(f"No existe el actor «{actor}» en el grafo (use su id, p. ej. A-0001).")


def resolve_department(g: nx.MultiDiGraph, department: str) -> tuple[str, str]:
    """(DANE code, name) of a department given by code (``5``, ``05``) or name.

    >>> from pat_graph.viz.views import _example_graph
    >>> resolve_department(_example_graph(), "antioquia")
    ('05', 'Antioquia')
    """
    text = str(department).strip()
    depts = {d["dane_code"]: _name(d, n) for n, d in g.nodes(data=True)
             if d.get("label") == model.TERRITORY and d.get("kind") == "department"}
    code = text.zfill(2) if text.isdigit() else None
    if code in depts:
        return code, depts[code]
    folded = _fold(text)
    for c, name in depts.items():
        if _fold(name) == folded:
            return c, name
    raise NotFoundError(f"No existe el departamento «{department}» en el grafo "
                        "(use el código DANE, p. ej. 05, o el nombre).")


def _fold(text: str) -> str:
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold())
                   if unicodedata.category(ch) != "Mn").replace(".", "").strip()


def _dept_names(g: nx.MultiDiGraph) -> dict[str, str]:
    return {d["dane_code"]: _name(d, n) for n, d in g.nodes(data=True)
            if d.get("label") == model.TERRITORY and d.get("kind") == "department"}


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
    gaps: bool = False,
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
    number of relationships between them (the tie weight).
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
    found = structural_gaps(sub) if gaps else None
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
        props = {k: _clean(v) for k, v in sorted(data.items())
                 if k not in model.PROVENANCE and k != "label"}
        prov = {k: _clean(data[k]) for k in model.PROVENANCE if k in data}
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
                "p": {k: _clean(v) for k, v in sorted(d.items())
                      if k not in model.PROVENANCE and k not in ("type", "weight")},
                "pv": {k: _clean(d[k]) for k in model.PROVENANCE if k in d},
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


# ------------------------------------------------------------------------- the views
def department_view(
    g: nx.MultiDiGraph,
    department: str,
    *,
    size_by: str = "betweenness",
    gaps: bool = False,
    recommendations: Iterable[Sequence[str]] | None = None,
    seed: int = 7,
    physics: bool | None = None,
) -> View:
    """A department's network: its actors, instances, agreements, instruments,
    events, the actors taking part in them, and the national programmes that reached it.

    ``department`` is a DANE code (``"05"``, ``"5"``) or a name (``"Antioquia"``).
    ``gaps=True`` marks articulation points and bridges and lists missing
    sector pairs; ``recommendations`` — ``(actor_id, actor_id, reason)`` —
    are drawn as dashed edges.

    >>> from pat_graph.viz.views import _example_graph
    >>> v = department_view(_example_graph(), "Antioquia", gaps=True,
    ...                     recommendations=[("A1", "A3", "comparten tema empleo")])
    >>> v.payload["gaps"]["recommended"][0]["text"]
    'SENA ↔ Universidad de Antioquia: comparten tema empleo'
    """
    code, name = resolve_department(g, department)
    core: set[str] = set()
    municipalities = {n for n, d in g.nodes(data=True) if d.get("label") == model.TERRITORY
                      and d.get("kind") == "municipality" and d.get("department_code") == code}
    dept_node = model.node_id(model.TERRITORY, code)
    for n, d in g.nodes(data=True):
        lb = d.get("label")
        if lb in (model.TERRITORY, model.PROGRAM):
            continue
        if d.get("department_code") == code:
            core.add(n)
    # actors taking part in the department's instances, agreements, events, instruments
    keep = set(core)
    for n in core:
        for u, _, d in g.in_edges(n, data=True):
            if g.nodes[u].get("label") == model.ACTOR and d.get("type") != model.LOCATED_IN:
                keep.add(u)
    # national networks the department's own actors sit in
    for n in core:
        if g.nodes[n].get("label") != model.ACTOR:
            continue
        for _, v, d in g.out_edges(n, data=True):
            if d.get("type") == model.PARTICIPATES_IN and not g.nodes[v].get("department_code"):
                keep.add(v)
    # programmes that reached the department (linkages, events, local implementers)
    territories = municipalities | {dept_node}
    linked_territories: set[str] = set()
    for t in territories:
        if t not in g:
            continue
        for u, _, d in g.in_edges(t, data=True):
            if d.get("type") == model.LINKED_TO:
                keep.add(u)
                linked_territories.add(t)
            if d.get("type") == model.HAS_INSTRUMENT:
                pass
    for n in list(keep):
        for _, v, d in g.out_edges(n, data=True):
            if g.nodes[v].get("label") == model.PROGRAM and d.get("type") in (
                    model.PRESENTED, model.IMPLEMENTS, model.GAVE_FEEDBACK):
                keep.add(v)
    keep |= linked_territories
    if linked_territories - {dept_node}:
        keep.add(dept_node)
    keep = {n for n in keep if n in g}
    sub = _drawn(g, keep)
    return build_view(
        sub, g, title=f"Red de {name} ({code})",
        subtitle="Actores, instancias, acuerdos, instrumentos y programas nacionales del departamento",
        size_by=size_by, gaps=gaps, recommendations=recommendations, seed=seed, physics=physics,
    )


def actor_view(
    g: nx.MultiDiGraph,
    actor: str,
    *,
    hops: int = 2,
    size_by: str = "betweenness",
    gaps: bool = False,
    recommendations: Iterable[Sequence[str]] | None = None,
    seed: int = 7,
    physics: bool | None = None,
) -> View:
    """An actor's ego network: everything within ``hops`` steps (territories excluded,
    so two actors are 2 hops apart when they share an instance or agreement).

    >>> from pat_graph.viz.views import _example_graph
    >>> actor_view(_example_graph(), "SENA", hops=1).n_nodes
    3
    """
    if hops < 1:
        raise InputError("--saltos debe ser 1 o más.")
    center = _actor_node(g, actor)
    und = nx.Graph()
    for u, v, d in g.edges(data=True):
        if d.get("type") in CONTEXT_ONLY or d.get("type") == model.PART_OF:
            continue
        if g.nodes[u].get("label") == model.TERRITORY or g.nodes[v].get("label") == model.TERRITORY:
            continue
        und.add_edge(u, v)
    und.add_node(center)
    keep = set(nx.single_source_shortest_path_length(und, center, cutoff=hops))
    sub = _drawn(g, keep)
    name = _name(g.nodes[center], center)
    return build_view(
        sub, g, title=f"Red de {name}", subtitle=f"Red ego a {hops} saltos",
        size_by=size_by, gaps=gaps, recommendations=recommendations, seed=seed, physics=physics,
    )


def program_view(
    g: nx.MultiDiGraph,
    program: str,
    *,
    size_by: str = "degree",
    seed: int = 7,
    physics: bool | None = None,
) -> View:
    """Where a national programme reached and how: territories coloured by linkage
    (socialización / implementación / retroalimentación), local implementers,
    events that presented it, and its owner.

    >>> from pat_graph.viz.views import _example_graph
    >>> v = program_view(_example_graph(), "P1")
    >>> sorted(n["id"] for n in v.payload["nodes"])
    ['Actor:A1', 'Program:P1', 'Territory:05']
    """
    pid = program if program.startswith(f"{model.PROGRAM}:") else model.node_id(model.PROGRAM, program)
    if pid not in g:
        folded = _fold(program)
        hits = [n for n, d in g.nodes(data=True)
                if d.get("label") == model.PROGRAM and _fold(str(d.get("name", ""))) == folded]
        if len(hits) != 1:
            raise NotFoundError(f"No existe el programa «{program}» en el grafo (use su id).")
        pid = hits[0]
    keep = {pid}
    edge_colors: dict[tuple[str, str], str] = {}
    kinds_seen: set[str] = set()
    keep.update(g.predecessors(pid))
    for _, v, d in g.out_edges(pid, data=True):
        if d.get("type") == model.LINKED_TO:
            keep.add(v)
            kind = d.get("kind", "")
            kinds_seen.add(kind)
            pair = (pid, v) if pid <= v else (v, pid)
            # the strongest kind wins the colour: implementación > retroalimentación > socialización
            rank = {"implementacion": 3, "retroalimentacion": 2, "socializacion": 1}
            prev = edge_colors.get(pair)
            prev_kind = next((k for k, c in style.LINKAGE_COLORS.items() if c == prev), "")
            if rank.get(kind, 0) >= rank.get(prev_kind, 0):
                edge_colors[pair] = style.LINKAGE_COLORS.get(kind, "#888888")
    sub = _drawn(g, keep, skip_types=frozenset())
    name = _name(g.nodes[pid], pid)
    legend_extra = {"colors_title": "Articulación (color del vínculo)", "colors": [
        {"name": model.label_es("linkage_kind", k), "color": c}
        for k, c in style.LINKAGE_COLORS.items() if k in kinds_seen]}
    return build_view(
        sub, g, title=f"Programa: {name}",
        subtitle="Dónde llegó el programa y cómo (socialización, implementación, retroalimentación)",
        size_by=size_by, seed=seed, physics=physics, edge_colors=edge_colors,
        legend_extra=legend_extra,
    )


# ----------------------------------------------------------------------- test fixture
def _example_graph() -> nx.MultiDiGraph:
    """A tiny graph for doctests: Antioquia, three actors, an instance, an agreement, a programme."""
    from pat_graph.graph import graph_from_records
    from pat_graph.model import EdgeRecord as E
    from pat_graph.model import NodeRecord as N

    nodes = [
        N("Territory", "CO", {"name": "Colombia", "kind": "nation"}),
        N("Territory", "05", {"name": "Antioquia", "kind": "department"}),
        N("Actor", "A1", {"name": "SENA", "sector": "publico", "kind": "sena_regional",
                          "level": "departamental", "department_code": "05"}, "actores.csv", 2),
        N("Actor", "A2", {"name": "Cámara de Comercio", "sector": "privado",
                          "kind": "camara_comercio", "level": "departamental",
                          "department_code": "05"}, "actores.csv", 3),
        N("Actor", "A3", {"name": "Universidad de Antioquia", "sector": "academico",
                          "kind": "universidad", "level": "departamental",
                          "department_code": "05"}, "actores.csv", 4),
        N("Instance", "I1", {"name": "Subcomisión Antioquia", "kind": "subcomision_concertacion",
                             "department_code": "05"}, "instancias.csv", 2),
        N("Agreement", "G1", {"name": "Pacto por el empleo", "department_code": "05"},
          "acuerdos.csv", 2),
        N("Program", "P1", {"name": "Servicio Público de Empleo", "owner": "A1"},
          "programas.csv", 2),
    ]
    edges = [
        E("PART_OF", "Territory", "05", "Territory", "CO"),
        E("PARTICIPATES_IN", "Actor", "A1", "Instance", "I1", source="participaciones.csv", row=2),
        E("PARTICIPATES_IN", "Actor", "A2", "Instance", "I1", source="participaciones.csv", row=3),
        E("SIGNED", "Actor", "A2", "Agreement", "G1", source="firmantes.csv", row=2),
        E("SIGNED", "Actor", "A3", "Agreement", "G1", source="firmantes.csv", row=3),
        E("LINKED_TO", "Program", "P1", "Territory", "05", "socializacion",
          {"kind": "socializacion"}, "articulaciones.csv", 2),
        E("LOCATED_IN", "Actor", "A1", "Territory", "05", source="actores.csv", row=2),
        E("OWNS", "Actor", "A1", "Program", "P1", source="programas.csv", row=2),
    ]
    return graph_from_records(nodes, edges, loaded_at="2024-01-01T00:00:00Z")


# ----------------------------------------------------------------------- national view
def department_centroids() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) of each department's polygon centroid, from the shipped GeoJSON.

    >>> c = department_centroids()
    >>> len(c) >= 33 and -80 < c["05"][0] < -66
    True
    """
    from pat_graph.viz.charts import load_departments_geojson, polygon_rings

    out = {}
    for feat in load_departments_geojson()["features"]:
        best = max(polygon_rings(feat["geometry"]), key=lambda r: abs(_ring_area(r)))
        out[feat["properties"]["code"]] = _ring_centroid(best)
    return out


def _ring_area(ring: list[list[float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float]:
    a = _ring_area(ring)
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        f = x0 * y1 - x1 * y0
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    return cx / (6 * a), cy / (6 * a)


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

    ``gap_index`` (``{dane_code: value}``) colours departments from light to
    dark red. Never draws raw actors, so it stays small whatever the data size.

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
        agg.add_node(nid, **props)
    # national programmes
    rank = {"implementacion": 3, "retroalimentacion": 2, "socializacion": 1}
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
        best = max(kinds, key=lambda k: rank.get(k, 0))
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
        legend_extra["colors"] += [{"name": f"Índice de brechas bajo ({lo:g})", "color": gap_color(0)},
                                   {"name": f"Índice de brechas alto ({hi:g})", "color": gap_color(1)}]
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


def gap_color(t: float) -> str:
    """Light yellow (0) to dark red (1) for a gap index scaled to [0, 1].

    >>> gap_color(0), gap_color(1)
    ('#ffffb2', '#bd0026')
    """
    stops = [(0xFF, 0xFF, 0xB2), (0xFE, 0xCC, 0x5C), (0xFD, 0x8D, 0x3C), (0xF0, 0x3B, 0x20),
             (0xBD, 0x00, 0x26)]
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    f = t - i
    r, gg, b = (round(a + (c - a) * f) for a, c in zip(stops[i], stops[i + 1], strict=True))
    return f"#{r:02x}{gg:02x}{b:02x}"
