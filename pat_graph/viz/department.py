"""The department view: a department's actors, instances, agreements,
instruments, events and the national programmes that reached it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from pat_graph import model
from pat_graph.lookup import find
from pat_graph.viz.builder import _drawn, build_view
from pat_graph.viz.gaps import department_gaps
from pat_graph.viz.page import View


def department_view(
    g: nx.MultiDiGraph,
    department: str,
    *,
    size_by: str = "betweenness",
    gaps: bool = False,
    recommendations: Iterable[Sequence[str]] | None = None,
    seed: int = 7,
    physics: bool | None = None,
) -> View:
    """A department's network: its actors, instances, agreements, instruments,
    events, the actors taking part in them, and the national programmes that reached it.

    ``department`` is a DANE code (``"05"``, ``"5"``) or a name (``"Antioquia"``).
    ``gaps=True`` marks articulation points and bridges and lists missing
    sector pairs of the department's actor network (the analytics' one, as in
    ``pat-graph gaps`` and the ficha); ``recommendations`` — ``(actor_id, actor_id, reason)`` —
    are drawn as dashed edges.

    >>> from pat_graph.viz.views import _example_graph
    >>> v = department_view(_example_graph(), "Antioquia", gaps=True,
    ...                     recommendations=[("A1", "A3", "comparten tema empleo")])
    >>> v.payload["gaps"]["recommended"][0]["text"]
    'SENA ↔ Universidad de Antioquia: comparten tema empleo'
    """
    match = find(g, department, "department")
    code, name = match.key, match.name
    core: set[str] = set()
    municipalities = {n for n, d in g.nodes(data=True) if d.get("label") == model.TERRITORY
                      and d.get("kind") == "municipality" and d.get("department_code") == code}
    dept_node = model.node_id(model.TERRITORY, code)
    for n, d in g.nodes(data=True):
        lb = d.get("label")
        if lb in (model.TERRITORY, model.PROGRAM):
            continue
        if d.get("department_code") == code:
            core.add(n)
    # actors taking part in the department's instances, agreements, events, instruments
    keep = set(core)
    for n in core:
        for u, _, d in g.in_edges(n, data=True):
            if g.nodes[u].get("label") == model.ACTOR and d.get("type") != model.LOCATED_IN:
                keep.add(u)
    # national networks the department's own actors sit in
    for n in core:
        if g.nodes[n].get("label") != model.ACTOR:
            continue
        for _, v, d in g.out_edges(n, data=True):
            if d.get("type") == model.PARTICIPATES_IN and not g.nodes[v].get("department_code"):
                keep.add(v)
    # programmes that reached the department (linkages, events, local implementers)
    territories = municipalities | {dept_node}
    linked_territories: set[str] = set()
    for t in territories:
        if t not in g:
            continue
        for u, _, d in g.in_edges(t, data=True):
            if d.get("type") == model.LINKED_TO:
                keep.add(u)
                linked_territories.add(t)
            if d.get("type") == model.HAS_INSTRUMENT:
                pass
    for n in list(keep):
        for _, v, d in g.out_edges(n, data=True):
            if g.nodes[v].get("label") == model.PROGRAM and d.get("type") in (
                    model.PRESENTED, model.IMPLEMENTS, model.GAVE_FEEDBACK):
                keep.add(v)
    keep |= linked_territories
    if linked_territories - {dept_node}:
        keep.add(dept_node)
    keep = {n for n in keep if n in g}
    sub = _drawn(g, keep)
    return build_view(
        sub, g, title=f"Red de {name} ({code})",
        subtitle="Actores, instancias, acuerdos, instrumentos y programas nacionales del departamento",
        size_by=size_by, gaps=department_gaps(g, code) if gaps else False,
        recommendations=recommendations, seed=seed, physics=physics,
    )
