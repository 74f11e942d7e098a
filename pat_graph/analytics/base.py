"""Shared machinery of the analytics: as-of snapshots, departments, the actor network.

Every analysis is a pure function of the canonical ``networkx.MultiDiGraph``
(``docs/graph-model.md``). The pieces every family needs — which departments
exist, which department a node belongs to, who sits in which instance at a
date, the projected actor–actor network (defined in
:mod:`pat_graph.analytics.projection`) — are computed once per :class:`Context`
and shared by the families.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Instance:I1", label="Instance", id="I1", kind="red_ormet", created="2024-03-01")
>>> _ = g.add_edge("Instance:I1", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> sorted(snapshot(g, "2023-12-31").nodes)
['Territory:05']
>>> sorted(snapshot(g, "2024").nodes)  # a bare year is 1 January
['Territory:05']
>>> sorted(snapshot(g, "2024-06-30").nodes)
['Instance:I1', 'Territory:05']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

import networkx as nx

from pat_graph.analytics import projection
from pat_graph.analytics.projection import AGREEMENT_WEIGHT, INSTANCE_WEIGHT
from pat_graph.dates import parse_date
from pat_graph.model import (
    ACTOR,
    AGREEMENT,
    EVENT,
    HAS_INSTRUMENT,
    INSTANCE,
    INSTRUMENT,
    LOCATED_IN,
    NATION_CODE,
    PARTICIPATES_IN,
    SCOPED_TO,
    SECTORS,
    SIGNED,
    TERRITORY,
)

#: Node/edge properties that say when something started to exist.
START_PROPERTIES: tuple[str, ...] = ("date", "signed", "created", "since")
#: Edge property that says when a relationship ended.
END_PROPERTY = "until"

#: The "quadruple helix" sectors (cooperación is reported but not required).
HELIX_SECTORS: tuple[str, ...] = ("publico", "privado", "academico", "comunitario")

# ---------------------------------------------------------------------- dates
def normalize_date(value: str | date | None) -> str | None:
    """An as-of date as ``YYYY-MM-DD`` (``None`` stays ``None``), read by
    :func:`pat_graph.dates.parse_date` (the one date parser: every form the
    data files accept, the time of day dropped).

    A bare year is 1 January and a year-month the first of the month, as in
    the exchange format.

    >>> normalize_date("2023"), normalize_date("2023-07"), normalize_date("15/07/2023")
    ('2023-01-01', '2023-07-01', '2023-07-15')
    >>> normalize_date("2023-02-30")
    Traceback (most recent call last):
    ...
    pat_graph.dates.DateError: fecha inválida '2023-02-30': ese día no existe en el calendario
    """
    return None if value is None else parse_date(value, keep_time=False)


def effective_date(as_of: str | date | None) -> str:
    """The as-of date used for durations: ``as_of`` or, when ``None``, today."""
    return normalize_date(as_of) or date.today().isoformat()


def started(data: dict[str, Any], as_of: str | None) -> bool:
    """Whether a node or relationship with properties ``data`` had begun by ``as_of``
    (none of ``date``/``signed``/``created``/``since`` after it; ``None``: always):
    recorded by then, ended or not.

    >>> started({"since": "2020-01-01", "until": "2021-01-01"}, "2022-01-01")
    True
    >>> started({"signed": "2024-02-01"}, "2024-01-31"), started({"signed": "2030"}, None)
    (False, True)
    """
    if as_of is None:
        return True
    for prop in START_PROPERTIES:
        v = data.get(prop)
        if isinstance(v, str) and v[:10] > as_of:
            return False
    return True


def alive(data: dict[str, Any], as_of: str) -> bool:
    """Whether a node or relationship with properties ``data`` exists at ``as_of``.

    It exists when none of ``date``/``signed``/``created``/``since`` is after
    ``as_of`` and ``until`` (if any) is not before it.

    >>> alive({"since": "2020-01-01", "until": "2022-12-31"}, "2021-06-01")
    True
    >>> alive({"since": "2020-01-01", "until": "2022-12-31"}, "2023-01-01")
    False
    >>> alive({"signed": "2024-02-01"}, "2024-01-31")
    False
    """
    if not started(data, as_of):
        return False
    end = data.get(END_PROPERTY)
    return not (isinstance(end, str) and end[:10] < as_of)


def snapshot(g: nx.MultiDiGraph, as_of: str | date | None) -> nx.MultiDiGraph:
    """The graph as it was at ``as_of`` (``g`` itself when nothing is left out).

    Nodes and relationships dated after ``as_of`` are dropped, and so are
    participations that had ended (``until`` before ``as_of``). With ``None``
    everything recorded is kept, except participations whose ``until`` is
    already past today. A new graph in ``g``'s order (nodes, successors and
    predecessors) built with networkx's public API: attribute dicts are
    shallow copies (the values are ``g``'s).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Actor"); g.add_node("i", label="Instance")
    >>> _ = g.add_edge("a", "i", since="2020-01-01", until="2021-01-01")
    >>> h = snapshot(g, "2022-01-01")
    >>> sorted(h.nodes), h.number_of_edges(), h.nodes["a"] == g.nodes["a"]
    (['a', 'i'], 0, True)
    >>> snapshot(g, "2020-06-30").number_of_edges(), snapshot(g, None).number_of_edges()
    (1, 0)
    """
    d = normalize_date(as_of)
    if d is None:
        today = date.today().isoformat()
        if not any(isinstance(e, str) and e[:10] < today
                   for _, _, e in g.edges(data=END_PROPERTY)):
            return g
        h = g.__class__()
        h.graph.update(g.graph)
        h.add_nodes_from(g.nodes(data=True))
        h.add_edges_from((u, v, k, a) for u, v, k, a in g.edges(keys=True, data=True)
                         if not (isinstance(e := a.get(END_PROPERTY), str) and e[:10] < today))
        return h
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from((n, a) for n, a in g.nodes(data=True) if alive(a, d))
    h.add_edges_from(
        (u, v, k, a) for u, v, k, a in g.edges(keys=True, data=True)
        if u in h and v in h and alive(a, d)
    )
    return h


# ----------------------------------------------------------------- departments
def departments(g: nx.MultiDiGraph) -> dict[str, str]:
    """DANE code -> name of every department Territory in ``g``, sorted by code."""
    out = {
        a["dane_code"]: a.get("name", a["dane_code"])
        for _, a in g.nodes(data=True)
        if a.get("label") == TERRITORY and a.get("kind") == "department" and "dane_code" in a
    }
    return dict(sorted(out.items()))


# ------------------------------------------------------------------- context
@dataclass
class Context:
    """One as-of view of a graph with the indexes every family shares.

    Build it with :func:`context`; pass it instead of a graph to run several
    families without recomputing the snapshot and the actor network.
    """

    source: nx.MultiDiGraph
    as_of: str | None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return snapshot(self.source, self.as_of)

    @cached_property
    def today(self) -> str:
        return effective_date(self.as_of)

    @cached_property
    def departments(self) -> dict[str, str]:
        return departments(self.graph)

    @cached_property
    def territory_department(self) -> dict[str, str | None]:
        """Territory node -> department code (``None`` for the nation)."""
        g = self.graph
        out: dict[str, str | None] = {}
        for n, a in g.nodes(data=True):
            if a.get("label") != TERRITORY:
                continue
            kind = a.get("kind")
            if kind == "department":
                out[n] = a.get("dane_code")
            elif kind == "municipality":
                out[n] = a.get("department_code") or _dept_from_code(a.get("dane_code"))
            else:
                out[n] = None
        return out

    def department_of(self, n: str) -> str | None:
        """Department code of any node: its territory link, else ``department_code``."""
        return self.node_department.get(n)

    @cached_property
    def node_department(self) -> dict[str, str | None]:
        g = self.graph
        td = self.territory_department
        out: dict[str, str | None] = dict(td)
        for n, a in g.nodes(data=True):
            label = a.get("label")
            if label == TERRITORY:
                continue
            dept = None
            if label in (INSTANCE, AGREEMENT, EVENT, ACTOR):
                rel = LOCATED_IN if label == ACTOR else SCOPED_TO
                for _, t, r in g.out_edges(n, data="type"):
                    if r == rel and t in td:
                        dept = td[t]
                        break
            elif label == INSTRUMENT:
                for t, _, r in g.in_edges(n, data="type"):
                    if r == HAS_INSTRUMENT and t in td:
                        dept = td[t]
                        break
            if dept is None:
                code = a.get("department_code")
                dept = str(code) if code not in (None, "", NATION_CODE) else None
            out[n] = dept
        return out

    def memo(self, key: Any, compute: Any) -> Any:
        """Cache ``compute()`` under ``key`` for this snapshot (families share results)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def nodes(self, label: str) -> list[str]:
        key = f"nodes:{label}"
        if key not in self._cache:
            self._cache[key] = [n for n, a in self.graph.nodes(data=True)
                                if a.get("label") == label]
        return self._cache[key]

    @cached_property
    def members(self) -> dict[str, set[str]]:
        """Instance or Agreement node -> actors (current participants / signatories)."""
        g = self.graph
        out: dict[str, set[str]] = defaultdict(set)
        for u, v, r in g.edges(data="type"):
            if r == PARTICIPATES_IN or r == SIGNED:
                out[v].add(u)
        return out

    def sector(self, actor: str) -> str | None:
        return self.graph.nodes[actor].get("sector")

    @cached_property
    def tie_sources(self) -> list[projection.TieSource]:
        """Every tie source of the snapshot (:func:`pat_graph.analytics.projection.tie_sources`)."""
        return projection.tie_sources(self.graph)

    @cached_property
    def actor_networks(self) -> dict[str, nx.Graph]:
        """Department code -> undirected weighted actor network (the one definition of
        :mod:`pat_graph.analytics.projection`, docs/analytics.md "Red de actores").

        Nodes: actors located in the department plus every member of an
        instance or agreement scoped to it. Edges: two actors are tied when
        they share an active instance (+1 each) or co-signed an agreement (+2
        each) scoped to the department; in national instances/agreements only
        pairs of actors both located in the department are tied. Edge attribute
        ``weight`` (the sum).
        """
        return projection.department_networks(
            self.graph, self.departments, self.tie_groups(), self.nodes(ACTOR),
            self.department_of)

    def tie_groups(self) -> Iterator[projection.TieGroup]:
        """(source, weight, department, sorted members) of every group of actors a tie
        source ties in one department (:func:`pat_graph.analytics.projection.department_groups`).
        Groups may have a single member.
        """
        return projection.department_groups(self.tie_sources, self.department_of,
                                            self.department_of, self.departments)

    def actor_network(self, department: str) -> nx.Graph:
        return self.actor_networks.get(department, nx.Graph())

    def tie_profile(self, department: str) -> TieProfile:
        """:func:`tie_profile` of the department's actor network (memoised)."""
        return self.memo(("tie_profile", department),
                         lambda: tie_profile(self.actor_network(department)))

    def components(self, department: str) -> list[set[str]]:
        """Connected components of the department's actor network (memoised)."""
        return self.memo(("components", department),
                         lambda: list(nx.connected_components(self.actor_network(department))))


@dataclass(slots=True)
class TieProfile:
    """One pass over an actor network's ties, shared by sectors, fragility and the index.

    ``matrix[s][t]``: summed tie weight between sectors (:data:`~pat_graph.model.SECTORS`);
    ``pair_common``: helix sector pair label -> the actors common to all its ties
    (pairs in order of their first tie); ``tied_sectors``: sectors of actors with a tie.
    """

    matrix: dict[str, dict[str, float]]
    pair_common: dict[str, set[Any]]
    tied_sectors: set[Any]


def tie_profile(net: nx.Graph) -> TieProfile:
    """The :class:`TieProfile` of ``net`` (ties without ``weight`` weigh 1)."""
    sector = dict(net.nodes(data="sector"))
    labels = _helix_pair_labels()
    matrix = {s: dict.fromkeys(SECTORS, 0.0) for s in SECTORS}
    common: dict[str, set[Any]] = {}
    seen: set[Any] = set()
    # the adjacency dicts (Graph.adjacency), not the read-only views: same order as
    # net.edges(data="weight", default=1.0), ~2x faster over 3.7 M ties at 10x
    for u, nbrs in net.adjacency():
        su = sector[u]
        row = matrix.get(su)
        for v, e in nbrs.items():
            if v in seen:
                continue
            sv = sector[v]
            if row is not None and sv in row:
                w = e.get("weight", 1.0)
                row[sv] += w
                if su != sv:
                    matrix[sv][su] += w
            p = labels.get((su, sv))
            if p is not None:
                c = common.get(p)
                if c is None:
                    common[p] = {u, v}
                elif c:
                    c.intersection_update((u, v))
        seen.add(u)
    tied = {sector[n] for n, nbrs in net.adjacency() if nbrs}
    return TieProfile(matrix, common, tied)


@lru_cache(maxsize=1)
def _helix_pair_labels() -> dict[tuple[str, str], str]:
    return {(a, b): pair_label(a, b) for a in HELIX_SECTORS for b in HELIX_SECTORS if a != b}


def _dept_from_code(code: Any) -> str | None:
    return str(code)[:2] if code and str(code)[:2].isdigit() else None


def context(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> Context:
    """A :class:`Context` for ``g`` at ``as_of`` (``g`` itself if it already is one)."""
    if isinstance(g, Context):
        if as_of is not None and normalize_date(as_of) != g.as_of:
            return Context(g.source, normalize_date(as_of))
        return g
    return Context(g, normalize_date(as_of))


# ---------------------------------------------------------------------- gaps
@dataclass(frozen=True, slots=True)
class Gap:
    """One gap, the unit that :func:`pat_graph.analytics.compare` diffs.

    ``code`` is a stable machine name (``falta_instancia``), ``subject`` what it
    is about (an instance kind, a sector pair, a programme id ...), and
    ``message`` a Spanish sentence for people.
    """

    department_code: str
    family: str
    code: str
    subject: str
    message: str

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.department_code, self.family, self.code, self.subject)

    def to_row(self) -> dict[str, str]:
        return {"department_code": self.department_code, "family": self.family,
                "code": self.code, "subject": self.subject, "message": self.message}


@lru_cache(maxsize=256)
def pair_label(a: str, b: str) -> str:
    """Canonical 'a–b' name of an unordered sector pair, in helix order.

    >>> pair_label("privado", "academico")
    'privado-academico'
    """
    order = {s: i for i, s in enumerate((*HELIX_SECTORS, "cooperacion"))}
    x, y = sorted((a, b), key=lambda s: (order.get(s, 99), s))
    return f"{x}-{y}"


def unique(items: Iterable[str]) -> list[str]:
    return sorted(set(items))


__all__ = [
    "AGREEMENT_WEIGHT", "INSTANCE_WEIGHT", "HELIX_SECTORS", "Context", "Gap", "alive",
    "context", "departments", "effective_date", "normalize_date", "pair_label",
    "snapshot",
]
