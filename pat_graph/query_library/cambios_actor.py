"""``cambios_actor``: what changed for an actor between two dates (ties started or ended).

A tie (an agreement signed, an instance joined) exists at a date when the
actor, the relationship and the agreement or instance all do, by
:func:`pat_graph.analytics.base.alive` (the analytics' own as-of rule): the actor's
signatures and participations of :func:`pat_graph.analytics.changes.tie_changes`, the
one definition of what changed between two dates.

>>> from pat_graph.viz.views import _example_graph
>>> isinstance(answer(_example_graph(), "A1", "2020-01-01", "2024-12-31"), list)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.analytics.changes import tie_changes
from pat_graph.errors import QueryError
from pat_graph.model import ACTOR, node_id
from pat_graph.query_library import Param, cypher_sort_key

CYPHER = "cambios_actor.cypher"
PARAMS = (Param("actor", "actor"), Param("desde", "date"), Param("hasta", "date"))


def check(values: dict[str, Any]) -> None:
    """``desde`` must not be after ``hasta``.

    >>> check({"desde": "2024-01-01", "hasta": "2023-01-01"})
    Traceback (most recent call last):
    ...
    pat_graph.errors.QueryError: -p desde 01/01/2024 es posterior a -p hasta 01/01/2023
    """
    if values["desde"] > values["hasta"]:
        def es(d: str) -> str:
            return "/".join(reversed(d.split("-")))
        raise QueryError(f"-p desde {es(values['desde'])} es posterior a -p hasta "
                         f"{es(values['hasta'])}")


def answer(g: nx.MultiDiGraph, actor: str, desde: str, hasta: str) -> list[dict[str, Any]]:
    """The rows of the Cypher statement: cambio, vinculo, via_id, via, rol, inicio, fin."""
    rows = [{"cambio": x.change, "vinculo": "acuerdo" if x.kind == "firma" else "instancia",
             "via_id": x.id, "via": x.name, "rol": x.role, "inicio": x.start, "fin": x.end}
            for x in tie_changes(g, desde, hasta, actor=node_id(ACTOR, actor))]
    cols = ("cambio", "vinculo", "via_id", "inicio", "fin", "rol")
    return sorted(rows, key=lambda r: cypher_sort_key(*(r[c] for c in cols)))
