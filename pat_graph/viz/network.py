"""The data of the workbench's network viewer (``/red``, drawn with sigma.js in WebGL):
a compact JSON payload that thousands of nodes and a hundred thousand ties fit in.

Two ways of looking at the whole graph (``vista``):

* ``actores`` — the actor network (:mod:`pat_graph.analytics.projection`, the one
  projection): actors tied by the instances they share and the agreements they signed;
* ``completa`` — the full graph: actors, instances, agreements, instruments, events and
  programmes with their relationships (territories and the territorial context
  relationships, as in every view, left out: :data:`pat_graph.viz.builder.CONTEXT_ONLY`).

Positions come from one layout of the full graph (:func:`layout`, seeded): an actor
keeps its place when the viewer switches between both vistas and when the fecha de
corte changes (the caller computes it once per store state, on the graph without a
cut-off date, and passes it in). A department or actor view
(:func:`pat_graph.viz.builder.build_view`) is turned into the same payload by
:func:`from_view`, so all the networks are drawn by the same page.

Payload: ``nodes`` (``id``, ``l`` label, ``n`` name, ``t`` node label, ``te`` its
Spanish name, ``s`` sector, ``k`` kind, ``ik`` instance kinds reached, ``d``
department, ``x``/``y``, ``z`` size, ``c`` colour, ``g`` number of ties drawn, ``top``
label shown at the opening zoom); ``edges`` as ``[i, j, weight, relation bits]``
(indices into ``nodes``; bit ``b`` set when the tie holds relation ``rels[b]``; a
relation with ``proposed`` is a recommended agreement, not a tie: the viewer counts
those lines apart from the «vínculos»);
``filters`` (code, Spanish name); ``legend``; ``dates`` (every date the data holds,
for the time slider).

>>> from pat_graph.viz.views import _example_graph
>>> g = _example_graph()
>>> p = network_payload(g, g, "actores", layout(g))
>>> sorted(n["n"] for n in p["nodes"])
['Cámara de Comercio', 'SENA', 'Universidad de Antioquia']
>>> [r["name"] for r in p["rels"]]
['Comparten una instancia', 'Firmaron un acuerdo']
>>> q = network_payload(g, g, "completa", layout(g))
>>> len(q["nodes"]) > len(p["nodes"]) and all(len(e) == 4 for e in q["edges"])
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.analytics.base import END_PROPERTY, START_PROPERTIES
from pat_graph.analytics.projection import network, tie_sources
from pat_graph.errors import InputError
from pat_graph.viz import style
from pat_graph.viz.builder import CONTEXT_ONLY, _short
from pat_graph.viz.display import display_properties, display_provenance
from pat_graph.viz.layout import compute_positions
from pat_graph.viz.lookup import _dept_names, _name
from pat_graph.viz.page import View

#: The two ways of looking at the whole graph, with their Spanish names.
VISTAS: dict[str, str] = {"actores": "Red de actores (actor–actor)",
                          "completa": "Grafo completo"}
#: Relationships never drawn in the full vista (territorial context and hierarchy).
SKIPPED = CONTEXT_ONLY | {model.PART_OF}
#: Actors whose labels show at the opening zoom (the most tied ones), at most.
TOP_LABELS = 15
#: Screen pixels the viewer's opening zoom gives the drawing's longer side, at least
#: (the viewer framed in a department page, less sigma's padding): the opening labels
#: are kept apart at this scale, so they do not overlap on any larger screen either.
FIT_PX = 560.0
#: The viewer's label font size and the width of one of its characters (pixels, a
#: generous average for system-ui at 12 px) and the room kept around each label.
LABEL_PX, CHAR_PX, LABEL_PAD = 12.0, 7.0, 3.0
#: A component of the drawing is part of its body when it holds at least this share of
#: the largest one's nodes (and at least :data:`BODY_LEAST` nodes); smaller ones and
#: nodes with no tie are set aside in rows under the body (:func:`_set_aside`).
BODY_SHARE, BODY_LEAST = 0.1, 4
#: The side of one set-aside cell, as a share of the body's longer side.
CELL = 0.05
#: Node sizes (screen pixels at the opening zoom) from the least to the most tied.
MIN_SIZE, MAX_SIZE = 1.5, 9.0
#: The actor network's relations: the two kinds of tie source.
ACTOR_RELS: tuple[tuple[str, str, str], ...] = (
    (model.INSTANCE, "Comparten una instancia", style.REL_STYLES[model.PARTICIPATES_IN][0]),
    (model.AGREEMENT, "Firmaron un acuerdo", style.REL_STYLES[model.SIGNED][0]),
)


def drawn_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What the full vista draws: every node but territories, every relationship but the
    territorial ones (:data:`SKIPPED`).

    >>> from pat_graph.viz.views import _example_graph
    >>> any(d.get("label") == "Territory" for _, d in drawn_graph(_example_graph()).nodes(data=True))
    False
    """
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("label") != model.TERRITORY)
    h.add_edges_from((u, v, k, a) for u, v, k, a in g.edges(keys=True, data=True)
                     if u in h and v in h and u != v and a.get("type") not in SKIPPED)
    return h


def layout(g: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions of every node of the full vista (:func:`drawn_graph`), seeded: compute
    it once per store state, on the graph without a cut-off date, and pass it to
    :func:`network_payload` for both vistas and every date.

    >>> from pat_graph.viz.views import _example_graph
    >>> layout(_example_graph()) == layout(_example_graph())
    True
    """
    h = drawn_graph(g)
    und = nx.Graph()
    und.add_nodes_from(h.nodes)
    und.add_edges_from(h.edges())
    return _pull_in(compute_positions(und, seed=seed))


def _pull_in(pos: dict[str, tuple[float, float]], keep: float = 0.97
             ) -> dict[str, tuple[float, float]]:
    """Nodes the layout pushed far out (isolated ones, small components) brought back to
    the rim of the body of the graph (the circle holding ``keep`` of the nodes), on their
    own bearing: the opening zoom then fits the graph, not its outliers.

    >>> out = _pull_in({str(i): (float(i), 0.0) for i in range(100)} | {"lejos": (1e6, 0.0)})
    >>> out["lejos"][0] < 200
    True
    """
    if len(pos) < 20:
        return pos
    xs = sorted(x for x, _ in pos.values())
    ys = sorted(y for _, y in pos.values())
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    dist = sorted(math.hypot(x - cx, y - cy) for x, y in pos.values())
    rim = dist[min(int(len(dist) * keep), len(dist) - 1)] * 1.05 or 1.0
    out = {}
    for n, (x, y) in pos.items():
        d = math.hypot(x - cx, y - cy)
        if d > rim:
            f = (rim + math.log1p(d - rim) * rim * 0.02) / d
            x, y = cx + (x - cx) * f, cy + (y - cy) * f
        out[n] = (round(x, 1), round(y, 1))
    return out


def as_of_dates(g: nx.MultiDiGraph) -> list[str]:
    """Every date (ISO, sorted, distinct) the graph's nodes and relationships hold in
    the properties a cut-off date reads (:data:`pat_graph.analytics.base.START_PROPERTIES`
    and ``until``): the stops of the viewer's time slider.

    >>> from pat_graph.viz.views import _example_graph
    >>> dates = as_of_dates(_example_graph())
    >>> dates == sorted(set(dates)) and all(len(d) == 10 for d in dates)
    True
    """
    props = (*START_PROPERTIES, END_PROPERTY)
    found: set[str] = set()

    def add(data: Mapping[str, Any]) -> None:
        for p in props:
            v = data.get(p)
            if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-":
                found.add(v[:10])
    for _, a in g.nodes(data=True):
        add(a)
    for _, _, a in g.edges(data=True):
        add(a)
    return sorted(found)


def _actor_ties(g: nx.MultiDiGraph) -> dict[tuple[str, str], list[float]]:
    """Pair -> [weight, relation bits] of the actor network (the projection's ties,
    split by tie-source kind so the relation filter can tell them apart)."""
    ties: dict[tuple[str, str], list[float]] = {}
    sources = tie_sources(g)
    for bit, (label, _, _) in enumerate(ACTOR_RELS):
        groups = ((s.weight, [m for m in s.members if m in g]) for s in sources
                  if g.nodes[s.node].get("label") == label)
        for a, b, w in network(groups, (), lambda n: {}).edges(data="weight"):
            key = (a, b) if a <= b else (b, a)
            tie = ties.get(key)
            if tie is None:
                ties[key] = [w, 1 << bit]
            else:
                tie[0] += w
                tie[1] |= 1 << bit
    return ties


def _instance_kinds(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    ik: dict[str, set[str]] = defaultdict(set)
    for n, a in g.nodes(data=True):
        if a.get("label") == model.INSTANCE and a.get("kind"):
            ik[n].add(a["kind"])
    for u, v, t in g.edges(data="type"):
        if t == model.PARTICIPATES_IN and g.nodes[v].get("kind") and \
                g.nodes[v].get("label") == model.INSTANCE:
            ik[u].add(g.nodes[v]["kind"])
    return ik


def _node(n: str, a: Mapping[str, Any]) -> dict[str, Any]:
    label = a.get("label", "")
    item: dict[str, Any] = {"id": n, "key": str(a.get("id") or a.get("dane_code") or n),
                            "n": _name(dict(a), n), "t": label,
                            "te": model.LABEL_ES.get(label, label)}
    item["l"] = _short(str(a.get("acronym") or item["n"]))
    if label == model.ACTOR:
        item["s"] = a.get("sector", "")
        item["se"] = style.sector_es(item["s"])
        item["k"] = a.get("kind", "")
        item["c"] = style.sector_color(item["s"])
    else:
        item["c"] = style.LABEL_COLORS.get(label, "#999999")
        if a.get("kind"):
            item["k"] = a["kind"]
    if a.get("department_code"):
        item["d"] = a["department_code"]
    return item


def label_box(item: Mapping[str, Any], scale: float) -> tuple[float, float, float, float]:
    """The screen box (left, bottom, right, top; pixels) of a node's label at ``scale``
    pixels per drawing unit: sigma writes it to the right of the node, vertically
    centred on it, the node's ``z`` being its radius in pixels.

    >>> label_box({"x": 10.0, "y": 0.0, "z": 2.0, "l": "SENA"}, 2.0)
    (15.0, -9.0, 56.0, 9.0)
    """
    x, y, z = item["x"] * scale, item["y"] * scale, float(item.get("z", MIN_SIZE))
    half = max(z, LABEL_PX / 2) + LABEL_PAD
    width = z + 3 + CHAR_PX * len(str(item.get("l", ""))) + LABEL_PAD
    return (x - z - LABEL_PAD, y - half, x + width, y + half)


def fit_scale(nodes: list[dict[str, Any]], fit_px: float = FIT_PX) -> float:
    """Pixels per drawing unit at the viewer's opening zoom (the camera fits every node:
    the longer side of their box gets ``fit_px``).

    >>> fit_scale([{"x": 0.0, "y": 0.0}, {"x": 100.0, "y": 50.0}], 500.0)
    5.0
    """
    if not nodes:
        return 1.0
    xs = [it["x"] for it in nodes]
    ys = [it["y"] for it in nodes]
    return fit_px / (max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0)


def _apart(nodes: list[dict[str, Any]], order: list[int], count: int,
           fit_px: float = FIT_PX) -> list[int]:
    """The first ``count`` of ``order`` whose labels (:func:`label_box`) overlap no label
    already taken at the opening zoom (:func:`fit_scale`): as many as fit, at most
    ``count``. Every view's opening labels (national, department, actor) come from here.

    >>> pts = [{"x": 0.0, "y": 0.0, "l": "SENA"}, {"x": 5.0, "y": 0.0, "l": "ICBF"},
    ...        {"x": 0.0, "y": 100.0, "l": "DANE"}]
    >>> _apart(pts, [0, 1, 2], 3)  # beside the first one: its label would overlap
    [0, 2]
    >>> _apart(pts, [0, 1, 2], 1)
    [0]
    """
    scale = fit_scale(nodes, fit_px)
    taken: list[tuple[float, float, float, float]] = []
    out: list[int] = []
    for i in order:
        if len(out) == count:
            break
        a = label_box(nodes[i], scale)
        if all(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1] for b in taken):
            taken.append(a)
            out.append(i)
    return out


def _components(n: int, edges: list[list[Any]]) -> list[list[int]]:
    """The connected components of ``n`` nodes tied by ``edges`` (index pairs), largest
    first, then by their first node: deterministic."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for e in edges:
        a, b = root(e[0]), root(e[1])
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return sorted(groups.values(), key=lambda c: (-len(c), c[0]))


def _set_aside(nodes: list[dict[str, Any]], edges: list[list[Any]]) -> None:
    """Nodes with no tie and small components (:data:`BODY_SHARE`) moved, in place, out
    of wherever the layout threw them into orderly rows just under the box of the body
    of the drawing (its large components): the camera's fit then shows the body large.
    Rows run left to right from the box's left edge, the largest components first, then
    by name; each component keeps its own shape, shrunk into its cells. Deterministic.

    >>> pts = [{"x": float(i % 5), "y": float(i // 5), "n": str(i)} for i in range(10)]
    >>> pts += [{"x": 900.0, "y": -700.0, "n": "solo"}]
    >>> _set_aside(pts, [[i, i + 1] for i in range(9)])
    >>> 0 <= pts[-1]["x"] <= 4 and -1 < pts[-1]["y"] < 0
    True
    """
    comps = _components(len(nodes), edges)
    if not comps or len(comps[0]) < 2:
        return
    least = max(BODY_LEAST, BODY_SHARE * len(comps[0]))
    body = [c for k, c in enumerate(comps) if k == 0 or len(c) >= least]
    aside = sorted((c for c in comps[len(body):]),
                   key=lambda c: (-len(c), min(str(nodes[i].get("n", "")) for i in c), c[0]))
    if not aside:
        return
    inside = [i for c in body for i in c]
    xs = [nodes[i]["x"] for i in inside]
    ys = [nodes[i]["y"] for i in inside]
    x0, x1, y0 = min(xs), max(xs), min(ys)
    width = x1 - x0
    cell = max(width, max(ys) - y0) * CELL or 1.0
    per_row = max(1, int(width // cell) + 1)
    col, row_top, row_height = 0, y0 - cell, 1
    for c in aside:
        side = math.ceil(math.sqrt(len(c)))
        if col and col + side > per_row:
            col, row_top, row_height = 0, row_top - row_height * cell, 1
        row_height = max(row_height, side)
        # the component's own shape, shrunk into side × side cells (a margin of a half)
        cx = [nodes[i]["x"] for i in c]
        cy = [nodes[i]["y"] for i in c]
        span = max(max(cx) - min(cx), max(cy) - min(cy)) or 1.0
        room = (side - 0.5) * cell if len(c) > 1 else 0.0
        left, top = x0 + (col + 0.25) * cell, row_top - 0.25 * cell
        for i in c:
            nodes[i]["x"] = round(left + (nodes[i]["x"] - min(cx)) / span * room
                                  + (0.0 if len(c) > 1 else 0.25 * cell), 1)
            nodes[i]["y"] = round(top - (max(cy) - nodes[i]["y"]) / span * room
                                  - (0.0 if len(c) > 1 else 0.25 * cell), 1)
        col += side


def _finish(nodes: list[dict[str, Any]], edges: list[list[Any]], rels: list[dict[str, Any]],
            full: nx.MultiDiGraph, *, title: str, subtitle: str, vista: str,
            dates: list[str]) -> dict[str, Any]:
    """Degrees, sizes, top labels, filters and legend of a payload."""
    degree = [0] * len(nodes)
    for i, j, _, _ in edges:
        degree[i] += 1
        degree[j] += 1
    most = max(degree, default=0) or 1
    for item, g_ in zip(nodes, degree, strict=True):
        item["g"] = g_
        item.setdefault("z", round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (g_ / most) ** 0.5, 1))
    actors = sorted((i for i, it in enumerate(nodes) if it["t"] == model.ACTOR),
                    key=lambda i: (-degree[i], nodes[i]["n"]))
    for i in _apart(nodes, [i for i in actors if degree[i]], TOP_LABELS):
        nodes[i]["top"] = True
    dept_names = _dept_names(full)
    sectors = {it.get("s", "") for it in nodes if it["t"] == model.ACTOR}
    kinds = {it["k"] for it in nodes if it["t"] == model.ACTOR and it.get("k")}
    iks = {k for it in nodes for k in it.get("ik", ())}
    depts = {it["d"] for it in nodes if it.get("d")}
    labels = {it["t"] for it in nodes}
    used = 0
    for e in edges:
        used |= e[3]
    return {
        "title": title, "subtitle": subtitle, "vista": vista, "vistas": VISTAS,
        # labels other than the "top" ones only once the zoom makes a node larger than
        # the largest at the opening zoom: at the opening, only the "top" ones (kept apart)
        "label_size": max([MAX_SIZE, *(it["z"] for it in nodes)]) + 0.5,
        "nodes": nodes, "edges": edges, "rels": rels, "dates": dates,
        "filters": {
            "sector": [[s, style.sector_es(s)] for s in model.SECTORS if s in sectors],
            "kind": sorted(([k, model.label_es("actor_kind", k)] for k in kinds),
                           key=lambda x: x[1]),
            "instance_kind": [[k, model.label_es("instance_kind", k)]
                              for k in model.INSTANCE_KINDS if k in iks],
            "department": sorted(([d, dept_names.get(d, d)] for d in depts),
                                 key=lambda x: x[1]),
            "rel": [[b, r["name"]] for b, r in enumerate(rels) if used >> b & 1],
        },
        "legend": {
            "sectors": [{"name": style.sector_es(s), "color": style.sector_color(s)}
                        for s in (*model.SECTORS, "") if s in sectors],
            "labels": [{"name": model.LABEL_ES[lb], "color": style.LABEL_COLORS[lb]}
                       for lb in model.LABELS if lb in labels and lb in style.LABEL_COLORS],
            "notes": ["Tamaño del nodo: número de vínculos en esta red. Con la rueda o los "
                      "botones se acerca; los nombres aparecen al acercarse."],
        },
    }


def network_payload(g: nx.MultiDiGraph, full: nx.MultiDiGraph, vista: str,
                    positions: Mapping[str, tuple[float, float]], *,
                    dates: list[str] | None = None) -> dict[str, Any]:
    """The payload of the whole graph ``g`` (already cut at the fecha de corte) in one
    of :data:`VISTAS`; ``full`` is the graph without cut (names of departments),
    ``positions`` its :func:`layout`."""
    if vista not in VISTAS:
        raise InputError(f"vista «{vista}» no reconocida: use " + " o ".join(VISTAS))
    ik = _instance_kinds(g)
    index: dict[str, int] = {}
    nodes: list[dict[str, Any]] = []
    if vista == "actores":
        keep = [n for n, a in g.nodes(data=True) if a.get("label") == model.ACTOR]
        pairs = _actor_ties(g)
        rels = [{"name": name, "color": color} for _, name, color in ACTOR_RELS]
        sub = g
    else:
        sub = drawn_graph(g)
        keep = list(sub.nodes)
        rel_types = [t for t in model.REL_TYPES if t not in SKIPPED]
        bit = {t: b for b, t in enumerate(rel_types)}
        rels = [{"name": model.REL_ES.get(t, t), "color": style.REL_STYLES.get(t, ("#888",))[0]}
                for t in rel_types]
        pairs = {}
        for u, v, t in sub.edges(data="type"):
            key = (u, v) if u <= v else (v, u)
            tie = pairs.get(key)
            b = 1 << bit.get(t, 0)
            if tie is None:
                pairs[key] = [1.0, b]
            else:
                tie[0] += 1
                tie[1] |= b
    for n in keep:
        item = _node(n, g.nodes[n])
        if ik.get(n):
            item["ik"] = sorted(ik[n])
        x, y = positions.get(n, (0.0, 0.0))
        item["x"], item["y"] = x, -y
        index[n] = len(nodes)
        nodes.append(item)
    edges = [[index[a], index[b], round(w, 2), bits] for (a, b), (w, bits) in pairs.items()
             if a in index and b in index]
    title = "Colombia: " + VISTAS[vista].split(" (")[0].lower()
    sub_es = ("Actores unidos por las instancias que comparten y los acuerdos que firmaron"
              if vista == "actores" else
              "Actores, instancias, acuerdos, instrumentos, eventos y programas con sus relaciones")
    return _finish(nodes, edges, rels, full, title=title, subtitle=sub_es, vista=vista,
                   dates=dates if dates is not None else as_of_dates(full))


def from_view(view: View, full: nx.MultiDiGraph, *, dates: list[str] | None = None
              ) -> dict[str, Any]:
    """A department or actor view (:func:`~pat_graph.viz.builder.build_view`'s payload) as
    the viewer's payload: same nodes, positions, colours, ties, recommendations and
    Spanish details.

    >>> from pat_graph.viz.views import _example_graph, department_view
    >>> g = _example_graph()
    >>> p = from_view(department_view(g, "05"), g)
    >>> len(p["nodes"]), len(p["edges"]), p["nodes"][0]["p"]["Nombre"] != ""
    (7, 6, True)
    """
    src = view.payload
    rel_codes: list[str] = []
    rels: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    nodes = []
    for n in src.get("nodes", ()):
        a = full.nodes[n["id"]] if n["id"] in full else {"label": n["t"], "name": n["name"]}
        item = _node(n["id"], a)
        item.update(c=n["color"], l=n["l"], p=n.get("p", {}), pv=n.get("pv", {}))
        if n.get("ik"):
            item["ik"] = n["ik"]
        if n.get("a"):
            item["a"] = True
        item["x"], item["y"] = n.get("x", 0.0), -n.get("y", 0.0)
        item["z"] = round(max(n.get("size", 12) / 3.0, MIN_SIZE), 1)
        index[n["id"]] = len(nodes)
        nodes.append(item)
    edges = []
    for e in src.get("edges", ()):
        code = "RECOMMENDED" if e.get("rec") else e.get("type", "")
        if code not in rel_codes:
            rel_codes.append(code)
            name = (style.EXTRA_REL_STYLES[style.RECOMMENDED][2].capitalize() if e.get("rec")
                    else model.REL_ES.get(code, code))
            rels.append({"name": name, "color": e["color"]} | ({"proposed": True}
                                                               if e.get("rec") else {}))
        if e["from"] in index and e["to"] in index:
            edges.append([index[e["from"]], index[e["to"]], max(e.get("n", 1), 1),
                          1 << rel_codes.index(code)])
    _set_aside(nodes, edges)
    out = _finish(nodes, edges, rels, full, title=src.get("title", view.title),
                  subtitle=src.get("subtitle", ""), vista="",
                  dates=dates if dates is not None else as_of_dates(full))
    if src.get("gaps"):
        out["gaps"] = src["gaps"]
    return out


def details(g: nx.MultiDiGraph, node: str) -> dict[str, dict[str, str]]:
    """The Spanish fields and provenance of one node (the viewer asks when it is clicked).

    >>> from pat_graph.viz.views import _example_graph
    >>> details(_example_graph(), "Actor:A1")["p"]["Sector"]
    'Público'
    """
    a = g.nodes[node]
    return {"p": display_properties(a.get("label", ""), a, g), "pv": display_provenance(a)}


__all__ = ["ACTOR_RELS", "SKIPPED", "VISTAS", "as_of_dates", "details", "drawn_graph",
           "from_view", "layout", "network_payload"]
