"""``instrumentos_territorio``: policy instruments of a territory and its municipalities.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "05"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, HAS_INSTRUMENT, INSTRUMENT, LEADS, TERRITORY
from pat_graph.query_library import Param, cypher_sort_key
from pat_graph.query_library.actores_departamento import in_territory

CYPHER = "instrumentos_territorio.cypher"
PARAMS = (Param("territorio", "territory"),)


def answer(g: nx.MultiDiGraph, territorio: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement (one per instrument and leader)."""
    rows = []
    for t, nbrs in g.adjacency():
        td = g.nodes[t]
        if td.get("label") != TERRITORY or not in_territory(td, territorio):
            continue
        for i, keys in nbrs.items():
            idata = g.nodes[i]
            if idata.get("label") != INSTRUMENT:
                continue
            leaders = [g.nodes[p].get("name") for p, pk in g.pred[i].items()
                       if g.nodes[p].get("label") == ACTOR
                       for e in pk.values() if e.get("type") == LEADS] or [None]
            for e in keys.values():
                if e.get("type") != HAS_INSTRUMENT:
                    continue
                for leader in leaders:
                    rows.append({"territorio": td.get("dane_code"),
                                 "territorio_nombre": td.get("name"),
                                 "instrumento": idata.get("id"), "tipo": idata.get("kind"),
                                 "nombre": idata.get("name"), "estado": idata.get("status"),
                                 "acto_administrativo": idata.get("act"),
                                 "fecha": idata.get("date"), "lider": leader})
    return sorted(rows, key=lambda r: cypher_sort_key(r["territorio"], r["tipo"],
                                                      r["instrumento"], r["lider"]))
