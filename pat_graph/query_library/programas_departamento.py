"""``programas_departamento``: national programmes linked with a department, and how.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "05"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, LINKED_TO, OWNS, PROGRAM, TERRITORY, node_id
from pat_graph.query_library import Param, cypher_sort_key
from pat_graph.query_library.actores_departamento import in_territory

CYPHER = "programas_departamento.cypher"
PARAMS = (Param("departamento", "department"),)


def answer(g: nx.MultiDiGraph, departamento: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement (one per linkage and owner)."""
    rows = []
    for p, nbrs in g.adjacency():
        pd = g.nodes[p]
        if pd.get("label") != PROGRAM:
            continue
        owners = [g.nodes[o].get("name") for o, ok in g.pred[p].items()
                  if g.nodes[o].get("label") == ACTOR
                  for e in ok.values() if e.get("type") == OWNS] or [None]
        for t, keys in nbrs.items():
            td = g.nodes[t]
            if td.get("label") != TERRITORY or not in_territory(td, departamento):
                continue
            for link in keys.values():
                if link.get("type") != LINKED_TO:
                    continue
                local = link.get("actor")
                local_node = g.nodes.get(node_id(ACTOR, local)) if local is not None else None
                for owner in owners:
                    rows.append({"programa": pd.get("id"), "nombre": pd.get("name"),
                                 "entidad": owner, "articulacion": link.get("kind"),
                                 "territorio": td.get("dane_code"),
                                 "territorio_nombre": td.get("name"), "fecha": link.get("date"),
                                 "actor": local_node.get("name") if local_node else None,
                                 "evento": link.get("event")})
    cols = ("programa", "articulacion", "fecha", "territorio", "entidad", "actor", "evento")
    return sorted(rows, key=lambda r: cypher_sort_key(*(r[c] for c in cols)))
