"""``socios_comunes``: the partners two actors share, and through which agreements or instances.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "A1", "A2"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, node_id
from pat_graph.query_library import Param, cypher_sort_key
from pat_graph.query_library.intermediarios_sectores import hubs, members

CYPHER = "socios_comunes.cypher"
PARAMS = (Param("actor_a", "actor"), Param("actor_b", "actor"))


def partners(g: nx.MultiDiGraph, a: str) -> dict[str, set[str]]:
    """Each actor sharing an agreement or instance with ``a`` -> the shared nodes.

    >>> from pat_graph.viz.views import _example_graph
    >>> partners(_example_graph(), "Actor:A1")["Actor:A2"]
    {'Instance:I1'}
    """
    out: dict[str, set[str]] = {}
    for h in hubs(g, a):
        for p in members(g, h):
            if p != a:
                out.setdefault(p, set()).add(h)
    return out


def answer(g: nx.MultiDiGraph, actor_a: str, actor_b: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: socio, nombre, sector, vias_a, vias_b."""
    a, b = node_id(ACTOR, actor_a), node_id(ACTOR, actor_b)
    if a == b or a not in g or b not in g:
        return []
    pa, pb = partners(g, a), partners(g, b)

    def ids(nodes: set[str]) -> list[Any]:
        return [v for v in sorted((g.nodes[h].get("id") for h in nodes), key=cypher_sort_key)
                if v is not None]

    rows = [{"socio": g.nodes[p].get("id"), "nombre": g.nodes[p].get("name"),
             "sector": g.nodes[p].get("sector"), "vias_a": ids(pa[p]), "vias_b": ids(pb[p])}
            for p in pa.keys() & pb.keys() if p not in (a, b)]
    return sorted(rows, key=lambda r: cypher_sort_key(r["socio"]))
