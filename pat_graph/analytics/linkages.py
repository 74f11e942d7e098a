"""Family 4 — Nation–Territory programme linkages (articulación Nación–Territorio).

The department × programme matrix with states ``ninguno`` < ``socializado`` <
``implementado`` < ``retroalimentado``; programmes that never reached a
department, socialised but never implemented, implemented with no feedback
(loop not closed); coverage per programme and per department; PDET
municipalities separately.

A department *has* a linkage kind for a programme when any of these point to
the department or one of its municipalities (at ``as_of``):
``LINKED_TO {kind}`` Program → Territory; ``IMPLEMENTS`` / ``GAVE_FEEDBACK``
Actor → Program with ``territory`` (implementation / feedback); ``PRESENTED``
Event → Program with the event scoped there (socialisation).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Program:SPE", label="Program", id="SPE", name="Servicio Público de Empleo")
>>> _ = g.add_edge("Program:SPE", "Territory:05", key="LINKED_TO|s", type="LINKED_TO",
...                kind="socializacion", date="2024-02-01")
>>> m = programme_linkages(g)
>>> m.state("05", "SPE"), m.socialised_not_implemented
('socializado', [('05', 'SPE')])
>>> programme_linkages(g, "2024-01-01").state("05", "SPE")
'ninguno'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import Context, Gap, context
from pat_graph.model import (
    EVENT,
    GAVE_FEEDBACK,
    IMPLEMENTS,
    LINKED_TO,
    PRESENTED,
    PROGRAM,
    SCOPED_TO,
)

FAMILY = "programas"

#: States of a (territory, programme) cell, from none to a closed loop.
STATES: tuple[str, ...] = ("ninguno", "socializado", "implementado", "retroalimentado")
_KIND_STATE = {"socializacion": 1, "implementacion": 2, "retroalimentacion": 3}


@dataclass
class ProgrammeLinkages:
    """The Nation–Territory linkage matrix and its gaps (docs/analytics.md §4).

    ``flags[(territory_code, programme_id)]`` is the set of linkage kinds seen;
    ``programmes`` maps programme id -> name; ``departments`` code -> name;
    ``pdet_municipalities`` code -> (name, department code, PDET subregion).
    """

    programmes: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    pdet_municipalities: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    flags: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    pdet_flags: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def state(self, territory: str, programme: str) -> str:
        """State name of one cell (department code or PDET municipality code)."""
        f = self.flags.get((territory, programme)) or self.pdet_flags.get((territory, programme))
        return STATES[max((_KIND_STATE[k] for k in f or ()), default=0)]

    def matrix(self) -> dict[str, dict[str, str]]:
        """department code -> programme id -> state."""
        return {d: {p: self.state(d, p) for p in self.programmes} for d in self.departments}

    def _cells(self, flags: dict, territories: Any) -> list[tuple[str, str]]:
        return [(t, p) for t in territories for p in self.programmes]

    @property
    def never_reached(self) -> list[tuple[str, str]]:
        """(department, programme) pairs with no linkage at all."""
        return [(d, p) for d, p in self._cells(self.flags, self.departments)
                if not self.flags.get((d, p))]

    @property
    def socialised_not_implemented(self) -> list[tuple[str, str]]:
        return [(d, p) for d, p in self._cells(self.flags, self.departments)
                if "socializacion" in self.flags.get((d, p), ())
                and "implementacion" not in self.flags.get((d, p), ())]

    @property
    def implemented_without_feedback(self) -> list[tuple[str, str]]:
        return [(d, p) for d, p in self._cells(self.flags, self.departments)
                if "implementacion" in self.flags.get((d, p), ())
                and "retroalimentacion" not in self.flags.get((d, p), ())]

    def programme_coverage(self) -> list[dict[str, Any]]:
        """Per programme: departments reached / implemented / with feedback, and PDET reach."""
        nd, npdet = len(self.departments), len(self.pdet_municipalities)
        rows = []
        for p, name in self.programmes.items():
            reached = sum(1 for d in self.departments if self.flags.get((d, p)))
            impl = sum(1 for d in self.departments
                       if "implementacion" in self.flags.get((d, p), ()))
            fb = sum(1 for d in self.departments
                     if "retroalimentacion" in self.flags.get((d, p), ()))
            pdet = sum(1 for m in self.pdet_municipalities if self.pdet_flags.get((m, p)))
            rows.append({
                "programme_id": p, "programme_name": name, "departments": nd,
                "reached": reached, "implemented": impl, "feedback": fb,
                "coverage": round(reached / nd, 4) if nd else 0.0,
                "pdet_municipalities": npdet, "pdet_reached": pdet,
                "pdet_coverage": round(pdet / npdet, 4) if npdet else 0.0,
            })
        return rows

    def department_coverage(self) -> list[dict[str, Any]]:
        """Per department: programmes reached / implemented / with feedback, and counts."""
        np_ = len(self.programmes)
        rows = []
        for d, name in self.departments.items():
            states = [self.state(d, p) for p in self.programmes]
            reached = sum(1 for s in states if s != "ninguno")
            rows.append({
                "department_code": d, "department_name": name, "programmes": np_,
                "reached": reached,
                "socialised": sum(1 for p in self.programmes
                                  if "socializacion" in self.flags.get((d, p), ())),
                "implemented": sum(1 for p in self.programmes
                                   if "implementacion" in self.flags.get((d, p), ())),
                "feedback": sum(1 for p in self.programmes
                                if "retroalimentacion" in self.flags.get((d, p), ())),
                "coverage": round(reached / np_, 4) if np_ else 0.0,
            })
        return rows

    def pdet_rows(self) -> list[dict[str, Any]]:
        """Per PDET municipality: programmes that reached it (at municipal level)."""
        rows = []
        for m, (name, d, sub) in self.pdet_municipalities.items():
            reached = [p for p in self.programmes if self.pdet_flags.get((m, p))]
            rows.append({"municipality_code": m, "municipality_name": name,
                         "department_code": d, "pdet_subregion": sub,
                         "reached": len(reached), "programmes": len(self.programmes),
                         "missing": [p for p in self.programmes if p not in reached]})
        return rows

    def gaps(self) -> list[Gap]:
        out = []
        for d, p in self.never_reached:
            out.append(Gap(d, FAMILY, "programa_no_llega", p,
                           f"el programa {self.programmes[p]} no ha llegado al departamento"))
        for d, p in self.socialised_not_implemented:
            out.append(Gap(d, FAMILY, "socializado_no_implementado", p,
                           f"{self.programmes[p]} socializado pero no implementado"))
        for d, p in self.implemented_without_feedback:
            out.append(Gap(d, FAMILY, "sin_retroalimentacion", p,
                           f"{self.programmes[p]} implementado sin retroalimentación "
                           f"(ciclo sin cerrar)"))
        return out


def programme_linkages(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, programme: str | None = None,
) -> ProgrammeLinkages:
    """The department × programme linkage matrix at ``as_of``.

    Parameters
    ----------
    programme : restrict to one programme id (``SPE``) or name (case/accent-insensitive).
    """
    from pat_graph.lookup import find

    ctx = context(g, as_of)
    graph = ctx.graph
    progs = {graph.nodes[n].get("id", n): graph.nodes[n].get("name", graph.nodes[n].get("id", n))
             for n in ctx.nodes(PROGRAM)}
    progs = dict(sorted(progs.items()))
    if programme is not None:
        key = find(graph, programme, "programme").key
        progs = {key: progs[key]}
    res = ProgrammeLinkages(programmes=progs, departments=dict(ctx.departments))
    for n, a in graph.nodes(data=True):
        if a.get("label") == "Territory" and a.get("kind") == "municipality" and a.get("is_pdet"):
            res.pdet_municipalities[a["dane_code"]] = (
                a.get("name", a["dane_code"]), ctx.territory_department.get(n) or "",
                a.get("pdet_subregion", ""))
    res.pdet_municipalities = dict(sorted(res.pdet_municipalities.items()))
    flags: dict[tuple[str, str], set[str]] = defaultdict(set)
    pdet: dict[tuple[str, str], set[str]] = defaultdict(set)

    def mark(territory_node: str, pid: str, kind: str) -> None:
        if pid not in progs or territory_node not in graph:
            return
        d = ctx.territory_department.get(territory_node)
        if d is not None:
            flags[(d, pid)].add(kind)
        code = graph.nodes[territory_node].get("dane_code")
        if code in res.pdet_municipalities:
            pdet[(code, pid)].add(kind)

    for t, pid, kind, _u, _v, _a in linkage_edges(graph):
        mark(t, pid, kind)
    res.flags = dict(flags)
    res.pdet_flags = dict(pdet)
    return res


def linkage_edges(
    graph: nx.MultiDiGraph,
) -> Iterator[tuple[str, str, str, str, str, dict[str, Any]]]:
    """Every Nation–Territory linkage of ``graph`` as (territory node, programme id,
    kind, u, v, edge attributes), in edge order: ``LINKED_TO {kind}``, ``IMPLEMENTS`` /
    ``GAVE_FEEDBACK`` with ``territory`` and ``PRESENTED`` by an event (once per
    territory the event is scoped to). The one reading of "a linkage" that the
    linkage matrix and the record coverage (:mod:`pat_graph.analytics.records`) share.
    The territory node may be absent from ``graph``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Program:SPE", label="Program", id="SPE")
    >>> _ = g.add_edge("Program:SPE", "Territory:05", type="LINKED_TO", kind="socializacion")
    >>> [x[:3] for x in linkage_edges(g)]
    [('Territory:05', 'SPE', 'socializacion')]
    """
    for u, v, a in graph.edges(data=True):
        r = a.get("type")
        if r == LINKED_TO and a.get("kind") in _KIND_STATE:
            yield v, graph.nodes[u].get("id", u), a["kind"], u, v, a
        elif r in (IMPLEMENTS, GAVE_FEEDBACK) and a.get("territory"):
            kind = "implementacion" if r == IMPLEMENTS else "retroalimentacion"
            yield f"Territory:{a['territory']}", graph.nodes[v].get("id", v), kind, u, v, a
        elif r == PRESENTED and graph.nodes[u].get("label") == EVENT:
            for _, t, rt in graph.out_edges(u, data="type"):
                if rt == SCOPED_TO:
                    yield t, graph.nodes[v].get("id", v), "socializacion", u, v, a


def linkage_gap_items(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> list[Gap]:
    """Every programme-linkage gap as :class:`~pat_graph.analytics.base.Gap` items."""
    return programme_linkages(g, as_of).gaps()
