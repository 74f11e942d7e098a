"""``conexion_actores``: who connects two actors (the shortest chains of agreements and
instances between them, the first 50 in order of node ids).

The Cypher does not enumerate every shortest path either (there can be millions through
national networks): it takes the distance levels from ``actor_b`` and keeps, level by
level from ``actor_a``, the first 50 prefixes in order of ids that get one level closer
to ``actor_b``; every such prefix ends at ``actor_b``, so the first 50 chains start with
them. :func:`shortest_chains` walks the same levels in the same order.

>>> from pat_graph.viz.views import _example_graph
>>> [r["camino"] for r in answer(_example_graph(), "A1", "A2")][:1]
[['A1', 'I1', 'A2']]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, node_id
from pat_graph.query_library import Param, alliance_neighbours, is_actor

CYPHER = "conexion_actores.cypher"
PARAMS = (Param("actor_a", "actor"), Param("actor_b", "actor"))
#: The Cypher bounds: ``*..12`` relationships (6 steps) and ``LIMIT 50``.
MAX_HOPS = 12
LIMIT = 50


def _distances(g: nx.MultiDiGraph, source: str, limit: int) -> dict[str, int]:
    dist = {source: 0}
    frontier = [source]
    for d in range(1, limit + 1):
        nxt = []
        for u in frontier:
            for v in alliance_neighbours(g, u):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        frontier = nxt
        if not frontier:
            break
    return dist


def shortest_chains(g: nx.MultiDiGraph, a: str, b: str, max_hops: int = MAX_HOPS
                    ) -> Iterator[list[str]]:
    """Every shortest alliance path from ``a`` to ``b`` (nodes), in order of node ids.

    >>> from pat_graph.viz.views import _example_graph
    >>> next(shortest_chains(_example_graph(), "Actor:A1", "Actor:A2"))
    ['Actor:A1', 'Instance:I1', 'Actor:A2']
    """
    da = _distances(g, a, max_hops)
    if b not in da:
        return
    total = da[b]
    db = _distances(g, b, total)

    def walk(path: list[str]) -> Iterator[list[str]]:
        u = path[-1]
        if u == b:
            yield list(path)
            return
        step = len(path)
        nxt = [v for v in alliance_neighbours(g, u)
               if da.get(v) == step and db.get(v) == total - step]
        for v in sorted(nxt, key=lambda v: g.nodes[v].get("id")):
            path.append(v)
            yield from walk(path)
            path.pop()

    yield from walk([a])


def answer(g: nx.MultiDiGraph, actor_a: str, actor_b: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: pasos, camino, camino_nombres, intermediarios."""
    a, b = node_id(ACTOR, actor_a), node_id(ACTOR, actor_b)
    if a == b or a not in g or b not in g:
        return []
    rows = []
    for path in shortest_chains(g, a, b):
        rows.append({"pasos": (len(path) - 1) // 2,
                     "camino": [g.nodes[n].get("id") for n in path],
                     "camino_nombres": [g.nodes[n].get("name") for n in path],
                     "intermediarios": [g.nodes[n].get("name") for n in path[1:-1]
                                        if is_actor(g, n)]})
        if len(rows) == LIMIT:
            break
    return rows
