"""The actor ego view: everything within a few hops of one actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from pat_graph import model
from pat_graph.errors import InputError
from pat_graph.lookup import find
from pat_graph.viz.builder import CONTEXT_ONLY, _drawn, build_view
from pat_graph.viz.lookup import _name
from pat_graph.viz.page import View


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
    center = find(g, actor, "actor").node
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
