"""Structural gaps of a view, computed on the actor network.

The actor network is the one projection of :mod:`pat_graph.analytics.projection`
(``docs/analytics.md``, "Red de actores (proyección)"): two actors are tied when
they share an active instance (weight 1) or co-signed a signed agreement
(weight 2); events, instruments and programmes tie no one. A department view
reads the department's network of the analytics (:func:`department_gaps`: the
same network as ``pat-graph gaps`` and the ficha); any other view projects the
part of the graph it draws (:func:`structural_gaps`). On it: articulation points
(actors whose departure splits the network), bridges (ties whose loss splits
it) and the sector pairs with no tie at all.

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
from pat_graph.analytics.base import context
from pat_graph.analytics.projection import actor_projection


@dataclass
class StructuralGaps:
    """What :func:`structural_gaps` finds; plain lists so views and reports can print them."""

    projection: nx.Graph
    articulation_points: list[str] = field(default_factory=list)
    bridges: list[tuple[str, str]] = field(default_factory=list)
    #: (sector, sector) pairs, sorted, with no tie between their actors
    missing_sector_pairs: list[tuple[str, str]] = field(default_factory=list)


def structural_gaps(g: nx.MultiDiGraph, sectors: tuple[str, ...] = model.SECTORS) -> StructuralGaps:
    """Articulation points, bridges and missing sector pairs of ``g``'s actor projection
    (:func:`pat_graph.analytics.projection.actor_projection`)."""
    return network_gaps(actor_projection(g), sectors)


def department_gaps(g: nx.MultiDiGraph, department: str,
                    sectors: tuple[str, ...] = model.SECTORS) -> StructuralGaps:
    """The structural gaps of a department's actor network as the analytics see it
    (``analytics.context(g).actor_network(department)``, today's snapshot).

    >>> from pat_graph.viz.views import _example_graph
    >>> department_gaps(_example_graph(), "05").articulation_points
    ['Actor:A2']
    """
    return network_gaps(context(g).actor_network(department), sectors)


def network_gaps(proj: nx.Graph, sectors: tuple[str, ...] = model.SECTORS) -> StructuralGaps:
    """Articulation points, bridges and missing sector pairs of an actor network.

    >>> net = nx.Graph([("a", "b")])
    >>> network_gaps(net).bridges
    [('a', 'b')]
    """
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


__all__ = ["StructuralGaps", "actor_projection", "department_gaps", "network_gaps",
           "structural_gaps"]
