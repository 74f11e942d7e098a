"""``red_actor``: the alliance network of an actor within N steps, with the connecting path.

One step is an agreement or an instance shared with another actor (two
relationships). When several paths are equally short the first by node ids is
shown. The Cypher computes the same thing without enumerating paths (Neo4j's
``allShortestPaths`` to every actor took minutes on the demo): a breadth-first search
level by level, each node taking the first path of its neighbours one level closer
plus itself, as :func:`first_shortest_paths` does here.

>>> from pat_graph.viz.views import _example_graph
>>> [(r["socio"], r["pasos"], r["camino"]) for r in answer(_example_graph(), "A1", 1)][:1]
[('A2', 1, ['A1', 'I1', 'A2'])]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, node_id
from pat_graph.query_library import Param, alliance_neighbours, is_actor

CYPHER = "red_actor.cypher"
PARAMS = (Param("actor", "actor"), Param("pasos", "int", 1, 4))


def first_shortest_paths(g: nx.MultiDiGraph, source: str,
                         max_hops: int) -> dict[str, tuple[tuple[Any, ...], tuple[str, ...]]]:
    """For each node within ``max_hops`` alliance relationships of ``source``, the shortest
    path to it that comes first in order of node ``id``s: (ids, nodes).

    All shortest paths to ``v`` end in ``v`` and have one length, so the first one
    is the first of the first paths to its neighbours one hop closer (layer by layer).

    >>> from pat_graph.viz.views import _example_graph
    >>> first_shortest_paths(_example_graph(), "Actor:A1", 2)["Actor:A2"][0]
    ('A1', 'I1', 'A2')
    """
    best = {source: ((g.nodes[source].get("id"),), (source,))}
    frontier = [source]
    for _ in range(max_hops):
        found: dict[str, tuple[tuple[Any, ...], tuple[str, ...]]] = {}
        for u in frontier:
            ids, nodes = best[u]
            for v in alliance_neighbours(g, u):
                if v in best:
                    continue
                path = ids + (g.nodes[v].get("id"),)
                if v not in found or path < found[v][0]:
                    found[v] = (path, nodes + (v,))
        if not found:
            break
        best.update(found)
        frontier = list(found)
    return best


def answer(g: nx.MultiDiGraph, actor: str, pasos: int) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: socio, nombre, sector, pasos, camino, camino_nombres."""
    a = node_id(ACTOR, actor)
    if a not in g:
        return []
    out = []
    for n, (ids, nodes) in first_shortest_paths(g, a, 2 * pasos).items():
        if n == a or not is_actor(g, n):
            continue
        d = g.nodes[n]
        out.append({"socio": d.get("id"), "nombre": d.get("name"), "sector": d.get("sector"),
                    "pasos": (len(ids) - 1) // 2, "camino": list(ids),
                    "camino_nombres": [g.nodes[m].get("name") for m in nodes]})
    return sorted(out, key=lambda r: (r["pasos"], r["socio"]))
