"""``alianzas_actor``: with whom an actor signed agreements and shares instances.

>>> from pat_graph.viz.views import _example_graph
>>> [(r["socio"], r["vinculo"]) for r in answer(_example_graph(), "A1")][:1]
[('A2', 'instancia')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, AGREEMENT, INSTANCE, PARTICIPATES_IN, SIGNED, node_id
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "alianzas_actor.cypher"
PARAMS = (Param("actor", "actor"),)
_VIA = ((SIGNED, AGREEMENT, "acuerdo"), (PARTICIPATES_IN, INSTANCE, "instancia"))


def answer(g: nx.MultiDiGraph, actor: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: socio, nombre, sector, vinculo, via_id, via."""
    a = node_id(ACTOR, actor)
    if a not in g:
        return []
    rows: dict[tuple, dict[str, Any]] = {}
    for rtype, hub_label, vinculo in _VIA:
        for h, keys in g.succ[a].items():
            hd = g.nodes[h]
            if hd.get("label") != hub_label or not any(e.get("type") == rtype for e in keys.values()):
                continue
            for p, pkeys in g.pred[h].items():
                pd = g.nodes[p]
                if p == a or pd.get("label") != ACTOR:
                    continue
                for e in pkeys.values():
                    if e.get("type") == rtype:
                        row = {"socio": pd.get("id"), "nombre": pd.get("name"),
                               "sector": pd.get("sector"), "vinculo": vinculo,
                               "via_id": hd.get("id"), "via": hd.get("name")}
                        rows[tuple(row.values())] = row  # UNION: each row once
    return sorted(rows.values(),
                  key=lambda r: cypher_sort_key(r["socio"], r["vinculo"], r["via_id"]))
