"""The programme view: where a national programme reached and how.
"""

from __future__ import annotations

import networkx as nx

from pat_graph import model
from pat_graph.lookup import find
from pat_graph.viz import style
from pat_graph.viz.builder import _drawn, build_view
from pat_graph.viz.lookup import _name
from pat_graph.viz.page import View


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
    pid = find(g, program, "programme").node
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
