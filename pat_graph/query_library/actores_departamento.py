"""``actores_departamento``: actors located in a department, by sector and kind.

>>> from pat_graph.viz.views import _example_graph
>>> [r["actores"] for r in answer(_example_graph(), "05")][:1]
[1]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, LOCATED_IN, TERRITORY
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "actores_departamento.cypher"
PARAMS = (Param("departamento", "department"),)


def in_territory(t: dict[str, Any], code: str) -> bool:
    """``t.dane_code = $code OR t.department_code = $code`` (a territory or one of its parts)."""
    return t.get("dane_code") == code or t.get("department_code") == code


def answer(g: nx.MultiDiGraph, departamento: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: sector, tipo, actores, nombres."""
    matches = []
    for a, nbrs in g.adjacency():
        ad = g.nodes[a]
        if ad.get("label") != ACTOR:
            continue
        for t, keys in nbrs.items():
            td = g.nodes[t]
            if td.get("label") == TERRITORY and in_territory(td, departamento):
                matches += [ad for e in keys.values() if e.get("type") == LOCATED_IN]
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for ad in sorted(matches, key=lambda d: cypher_sort_key(d.get("name"))):
        groups.setdefault((ad.get("sector"), ad.get("kind")), []).append(ad)
    return [{"sector": s, "tipo": k, "actores": len(ads),
             "nombres": [d["name"] for d in ads if d.get("name") is not None]}
            for (s, k), ads in sorted(groups.items(), key=lambda i: cypher_sort_key(*i[0]))]
