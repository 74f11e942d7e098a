"""``acuerdos_departamento``: agreements of a department by state, with their signatories' sectors.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "05"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, AGREEMENT, SIGNED, VOCABULARIES
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "acuerdos_departamento.cypher"
PARAMS = (Param("departamento", "department"),)
#: The order of the states (the vocabulary's), unknown states last.
_STATE_ORDER = {s: i for i, s in enumerate(VOCABULARIES["agreement_status"])}


def answer(g: nx.MultiDiGraph, departamento: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: estado, acuerdo, nombre, firmado, firmantes,
    sectores (distinct, in order) and nombres_firmantes (by sector, then id)."""
    rows = []
    for n, d in g.nodes(data=True):
        if d.get("label") != AGREEMENT or d.get("department_code") != departamento:
            continue
        signers = [g.nodes[s] for s, keys in g.pred[n].items()
                   if g.nodes[s].get("label") == ACTOR
                   and any(e.get("type") == SIGNED for e in keys.values())]
        signers.sort(key=lambda s: cypher_sort_key(s.get("sector"), s.get("id")))
        rows.append({"estado": d.get("status"), "acuerdo": d.get("id"), "nombre": d.get("name"),
                     "firmado": d.get("signed"), "firmantes": len(signers),
                     "sectores": list(dict.fromkeys(s["sector"] for s in signers
                                                    if s.get("sector") is not None)),
                     "nombres_firmantes": [s["name"] for s in signers
                                           if s.get("name") is not None]})
    return sorted(rows, key=lambda r: (_STATE_ORDER.get(r["estado"], len(_STATE_ORDER)),)
                  + cypher_sort_key(r["acuerdo"]))
