"""``intermediarios_sectores``: actors of a department who could bridge two sectors.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "05", "publico", "academico"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, LOCATED_IN, TERRITORY
from pat_graph.query_library import Param, alliance_neighbours, cypher_sort_key
from pat_graph.query_library.actores_departamento import in_territory

CYPHER = "intermediarios_sectores.cypher"
PARAMS = (Param("departamento", "department"), Param("sector_a", "vocab:sector"),
          Param("sector_b", "vocab:sector"))


def hubs(g: nx.MultiDiGraph, a: str) -> set[str]:
    """What ``a`` reaches by ``(a)-[:PARTICIPATES_IN|SIGNED]->(h)``."""
    # the model's SIGNED / PARTICIPATES_IN always run Actor -> Agreement / Instance
    return set(alliance_neighbours(g, a))


def members(g: nx.MultiDiGraph, h: str) -> set[str]:
    """The actors ``p`` of ``(h)<-[:PARTICIPATES_IN|SIGNED]-(p:Actor)``."""
    return {p for p in alliance_neighbours(g, h) if g.nodes[p].get("label") == ACTOR}


def answer(g: nx.MultiDiGraph, departamento: str, sector_a: str,
           sector_b: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement (pares_sin_vinculo, socios, names)."""
    located = [x for x, nbrs in g.adjacency() if g.nodes[x].get("label") == ACTOR
               and any(g.nodes[t].get("label") == TERRITORY and in_territory(g.nodes[t], departamento)
                       and any(e.get("type") == LOCATED_IN for e in keys.values())
                       for t, keys in nbrs.items())]
    hub_cache: dict[str, set[str]] = {}
    member_cache: dict[str, set[str]] = {}

    def hubs_of(n: str) -> set[str]:
        if n not in hub_cache:
            hub_cache[n] = hubs(g, n)
        return hub_cache[n]

    def members_of(h: str) -> set[str]:
        if h not in member_cache:
            member_cache[h] = members(g, h)
        return member_cache[h]

    linked: dict[str, set[str]] = {}  # actor -> the actors it shares a hub with

    def partners_of(a: str) -> set[str]:
        if a not in linked:
            linked[a] = {p for h in hubs_of(a) for p in members_of(h)}
        return linked[a]

    rows = []
    for x in located:
        partners = {p for p in partners_of(x)
                    if p != x and g.nodes[p].get("sector") in (sector_a, sector_b)}
        ordered = sorted(partners, key=lambda p: cypher_sort_key(g.nodes[p].get("id")))
        sa = [p for p in ordered if g.nodes[p].get("sector") == sector_a]
        sb = [p for p in ordered if g.nodes[p].get("sector") == sector_b]
        if not sa or not sb:
            continue
        sb_set = set(sb)
        # b with no hub in common with a (a itself is among its own partners: a <> b)
        unlinked = sum(len(sb_set - partners_of(a)) for a in sa)
        xd = g.nodes[x]
        rows.append({"actor": xd.get("id"), "nombre": xd.get("name"), "sector": xd.get("sector"),
                     "socios_sector_a": len(sa), "socios_sector_b": len(sb),
                     "pares_sin_vinculo": unlinked,
                     "nombres_sector_a": [g.nodes[p].get("name") for p in sa],
                     "nombres_sector_b": [g.nodes[p].get("name") for p in sb]})
    return sorted(rows, key=lambda r: (-r["pares_sin_vinculo"],
                                       -(r["socios_sector_a"] + r["socios_sector_b"]))
                  + cypher_sort_key(r["actor"]))
