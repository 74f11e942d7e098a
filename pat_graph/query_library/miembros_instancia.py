"""``miembros_instancia``: members of an instance by role, with their period.

>>> from pat_graph.viz.views import _example_graph
>>> [(r["rol"], r["actor"]) for r in answer(_example_graph(), "I1")][:1]
[('miembro', 'A1')]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, INSTANCE, PARTICIPATES_IN, node_id
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "miembros_instancia.cypher"
PARAMS = (Param("instancia", "instance"),)
_ROLE_ORDER = {"presidencia": 0, "secretaria_tecnica": 1, "miembro": 2}


def answer(g: nx.MultiDiGraph, instancia: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: rol, actor, nombre, sector, desde, hasta, vigente."""
    i = node_id(INSTANCE, instancia)
    if i not in g:
        return []
    today = dt.date.today().isoformat()
    rows = []
    for a, keys in g.pred[i].items():
        ad = g.nodes[a]
        if ad.get("label") != ACTOR:
            continue
        for e in keys.values():
            if e.get("type") != PARTICIPATES_IN:
                continue
            until = e.get("until")
            rows.append({"rol": e.get("role") or "miembro", "actor": ad.get("id"),
                         "nombre": ad.get("name"), "sector": ad.get("sector"),
                         "desde": e.get("since"), "hasta": until,
                         "vigente": until is None or until >= today})
    return sorted(rows, key=lambda r: (_ROLE_ORDER.get(r["rol"], 3),)
                  + cypher_sort_key(r["actor"], r["desde"], r["hasta"]))
