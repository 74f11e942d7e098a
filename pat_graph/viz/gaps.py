"""Structural gaps of a view, computed on its actor projection.

The *actor projection* links two actors when they share an instance, an
agreement, an event, an instrument or a programme in the view. On it:
articulation points (actors whose departure splits the network), bridges
(ties whose loss splits it) and the sector pairs with no tie at all.

Cut vertices and bridges come from
:func:`pat_graph.analytics.kernels.articulation_points_and_bridges` (the same sets
as ``networkx.articulation_points`` and ``networkx.bridges``, from one DFS).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for a, s in [("Actor:1", "publico"), ("Actor:2", "privado"), ("Actor:3", "academico")]:
...     g.add_node(a, label="Actor", sector=s)
>>> g.add_node("Instance:I", label="Instance"); g.add_node("Agreement:X", label="Agreement")
>>> _ = g.add_edge("Actor:1", "Instance:I", type="PARTICIPATES_IN")
>>> _ = g.add_edge("Actor:2", "Instance:I", type="PARTICIPATES_IN")
>>> _ = g.add_edge("Actor:2", "Agreement:X", type="SIGNED")
>>> _ = g.add_edge("Actor:3", "Agreement:X", type="SIGNED")
>>> gaps = structural_gaps(g)
>>> gaps.articulation_points
['Actor:2']
>>> sorted(gaps.bridges)
[('Actor:1', 'Actor:2'), ('Actor:2', 'Actor:3')]
>>> ('academico', 'publico') in gaps.missing_sector_pairs
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from pat_graph import model
from pat_graph.analytics import kernels

#: relationship types that tie an actor to a shared context node
CONTEXT_TYPES = frozenset({
    model.PARTICIPATES_IN, model.SIGNED, model.ATTENDED, model.LEADS,
    model.IMPLEMENTS, model.GAVE_FEEDBACK, model.OWNS,
})


@dataclass
class StructuralGaps:
    """What :func:`structural_gaps` finds; plain lists so views and reports can print them."""

    projection: nx.Graph
    articulation_points: list[str] = field(default_factory=list)
    bridges: list[tuple[str, str]] = field(default_factory=list)
    #: (sector, sector) pairs, sorted, with no tie between their actors
    missing_sector_pairs: list[tuple[str, str]] = field(default_factory=list)


def actor_projection(g: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked when they share a context node; edge ``weight`` = shared contexts.

    >>> actor_projection(nx.MultiDiGraph()).number_of_nodes()
    0
    """
    proj = nx.Graph()
    members: dict[str, set[str]] = {}
    for n, data in g.nodes(data=True):
        if data.get("label") == model.ACTOR:
            proj.add_node(n, sector=data.get("sector", ""))
    for u, v, data in g.edges(data=True):
        if data.get("type") not in CONTEXT_TYPES:
            continue
        if u in proj and v not in proj:
            members.setdefault(v, set()).add(u)
        elif v in proj and u not in proj:
            members.setdefault(u, set()).add(v)
    for ctx in sorted(members):
        for a, b in combinations(sorted(members[ctx]), 2):
            if proj.has_edge(a, b):
                proj[a][b]["weight"] += 1
                proj[a][b]["via"].append(ctx)
            else:
                proj.add_edge(a, b, weight=1, via=[ctx])
    return proj


def structural_gaps(g: nx.MultiDiGraph, sectors: tuple[str, ...] = model.SECTORS) -> StructuralGaps:
    """Articulation points, bridges and missing sector pairs of ``g``'s actor projection."""
    proj = actor_projection(g)
    cuts, ties = kernels.articulation_points_and_bridges(proj)  # one DFS, networkx's sets
    arts = sorted(cuts)
    bridges = sorted(tuple(sorted(e)) for e in ties)
    tied: set[tuple[str, str]] = set()
    for a, b in proj.edges():
        sa, sb = proj.nodes[a].get("sector", ""), proj.nodes[b].get("sector", "")
        if sa and sb:
            tied.add(tuple(sorted((sa, sb))))
    missing = [
        pair for pair in (tuple(sorted(p)) for p in combinations(sectors, 2)) if pair not in tied
    ]
    return StructuralGaps(proj, arts, bridges, sorted(missing))
