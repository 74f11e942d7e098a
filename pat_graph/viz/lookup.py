"""Finding things in the graph by what a user types: departments (DANE code or
name, accents and case folded), actors (id, name or acronym), display names.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.analytics.base import departments
from pat_graph.analytics.base import resolve_department as resolve_department_code
from pat_graph.errors import NotFoundError


def _name(data: dict[str, Any], nid: str) -> str:
    return str(data.get("name") or data.get("id") or data.get("dane_code") or nid)


def _actor_node(g: nx.MultiDiGraph, actor: str) -> str:
    nid = actor if actor.startswith(f"{model.ACTOR}:") else model.node_id(model.ACTOR, actor)
    if nid in g and g.nodes[nid].get("label") == model.ACTOR:
        return nid
    folded = actor.strip().casefold()
    hits = [n for n, d in g.nodes(data=True) if d.get("label") == model.ACTOR
            and (str(d.get("name", "")).casefold() == folded
                 or str(d.get("acronym", "")).casefold() == folded)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NotFoundError(f"Hay {len(hits)} actores llamados «{actor}»; use su id: "
                            + ", ".join(sorted(h.split(':', 1)[1] for h in hits)[:10]))
    raise NotFoundError(f"No existe el actor «{actor}» en el grafo (use su id, p. ej. A-0001).")


def resolve_department(g: nx.MultiDiGraph, department: str) -> tuple[str, str]:
    """(DANE code, name) of a department given by code (``5``, ``05``) or name.

    The same lookup as :func:`pat_graph.analytics.base.resolve_department`
    (DIVIPOLA aliases such as "Bogotá" included), so every command accepts the
    same names.

    >>> from pat_graph.viz.views import _example_graph
    >>> resolve_department(_example_graph(), "antioquia")
    ('05', 'Antioquia')
    """
    code = resolve_department_code(g, department)
    return code, departments(g)[code]


def _fold(text: str) -> str:
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold())
                   if unicodedata.category(ch) != "Mn").replace(".", "").strip()


def _dept_names(g: nx.MultiDiGraph) -> dict[str, str]:
    return departments(g)
