"""``actores_sector_instancia``: actors of a sector present in a type of instance, by department.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "academico", "red_ormet"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, INSTANCE, PARTICIPATES_IN, TERRITORY
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "actores_sector_instancia.cypher"
PARAMS = (Param("sector", "vocab:sector"), Param("tipo_instancia", "vocab:instance_kind"))


def answer(g: nx.MultiDiGraph, sector: str, tipo_instancia: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: departamento, departamento_nombre, actores,
    instancias, nombres_actores (names in order of actor id)."""
    groups: dict[Any, tuple[set[str], set[str]]] = {}
    for i, idata in g.nodes(data=True):
        if idata.get("label") != INSTANCE or idata.get("kind") != tipo_instancia:
            continue
        for a, keys in g.pred[i].items():
            ad = g.nodes[a]
            if ad.get("label") == ACTOR and ad.get("sector") == sector and any(
                    e.get("type") == PARTICIPATES_IN for e in keys.values()):
                actors, instances = groups.setdefault(idata.get("department_code"), (set(), set()))
                actors.add(a)
                instances.add(i)
    rows = []
    for dept, (actors, instances) in groups.items():
        ordered = sorted(actors, key=lambda a: cypher_sort_key(g.nodes[a].get("id")))
        names = [g.nodes[a].get("name") for a in ordered]
        territory = g.nodes.get(f"{TERRITORY}:{dept}") if dept is not None else None
        rows.append({"departamento": dept,
                     "departamento_nombre": territory.get("name") if territory else None,
                     "actores": len({g.nodes[a].get("id") for a in actors}),
                     "instancias": len(instances),
                     "nombres_actores": list(dict.fromkeys(n for n in names if n is not None))})
    return sorted(rows, key=lambda r: cypher_sort_key(r["departamento"]))
