"""The actor network (red de actores): the one projection of actors onto actors.

Every output that speaks of "the actor network" — the gap analysis
(``pat-graph gaps``), the fichas, the view's gap panel (``pat-graph viz
--brechas``), the sector charts and the recommender's evaluation baselines —
reads it from here (``docs/analytics.md``, "Red de actores (proyección)"):

* **Tie sources.** An *active* instance (``status`` ``activa``, the default)
  ties its participants (``PARTICIPATES_IN``) with weight
  :data:`INSTANCE_WEIGHT` = 1; a *signed* agreement (any ``status`` but
  ``en_construccion``) ties its signatories (``SIGNED``) with weight
  :data:`AGREEMENT_WEIGHT` = 2 (a written commitment). Events, instruments
  and programmes tie no one: attending the same workshop is not an
  articulation tie.
* **Ties.** Two actors are tied when they are members of one same tie source;
  the tie's ``weight`` is the sum over the sources they share.
* **Departments.** A department's network holds its located actors and every
  member of a source scoped to it; a source scoped to the department ties all
  its members, one scoped elsewhere or nationally ties, in each department,
  only its members located there (:func:`department_groups`).

:func:`actor_projection` is the projection of a whole graph (no department
split, e.g. the part of the graph a view draws); :func:`department_networks`
the per-department networks the analytics Context holds; :class:`Neighbours`
the per-actor form of the same ties (the evaluation's memory-light baselines).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for a in "ABC":
...     g.add_node(f"Actor:{a}", label="Actor", sector="publico")
>>> g.add_node("Instance:I", label="Instance"); g.add_node("Agreement:K", label="Agreement")
>>> g.add_node("Event:E", label="Event")
>>> for a, n, t in [("A", "Instance:I", "PARTICIPATES_IN"), ("B", "Instance:I", "PARTICIPATES_IN"),
...                 ("B", "Agreement:K", "SIGNED"), ("C", "Agreement:K", "SIGNED"),
...                 ("A", "Event:E", "ATTENDED"), ("C", "Event:E", "ATTENDED")]:
...     _ = g.add_edge(f"Actor:{a}", n, type=t)
>>> sorted(actor_projection(g).edges(data="weight"))
[('Actor:A', 'Actor:B', 1.0), ('Actor:B', 'Actor:C', 2.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from itertools import combinations
from typing import Any, NamedTuple

import networkx as nx

from pat_graph.model import ACTOR, AGREEMENT, INSTANCE, PARTICIPATES_IN, SIGNED

#: Weight of one co-signed agreement in the actor network (a written commitment).
AGREEMENT_WEIGHT = 2.0
#: Weight of one shared participation instance in the actor network.
INSTANCE_WEIGHT = 1.0
#: Relationship that makes an actor a member of a tie source, by the source's label.
MEMBERSHIP: dict[str, str] = {INSTANCE: PARTICIPATES_IN, AGREEMENT: SIGNED}
#: Node attributes an actor keeps in the network.
ACTOR_ATTRIBUTES: tuple[str, ...] = ("name", "sector", "kind", "level", "id")


class TieSource(NamedTuple):
    """A node that ties its members: an active instance or a signed agreement."""

    node: str
    weight: float
    members: frozenset[str]


class TieGroup(NamedTuple):
    """The members one tie source ties in one department (sorted; may be a single actor)."""

    source: str
    weight: float
    department: str
    members: list[str]


def source_weight(attrs: Mapping[str, Any]) -> float | None:
    """Weight of a node as a tie source, ``None`` when it ties no one.

    >>> source_weight({"label": "Instance"}), source_weight({"label": "Instance", "status": "inactiva"})
    (1.0, None)
    >>> source_weight({"label": "Agreement", "status": "firmado"}), source_weight({"label": "Event"})
    (2.0, None)
    >>> source_weight({"label": "Agreement", "status": "en_construccion"}) is None
    True
    """
    label = attrs.get("label")
    if label == INSTANCE:
        return INSTANCE_WEIGHT if attrs.get("status", "activa") == "activa" else None
    if label == AGREEMENT:
        return None if attrs.get("status", "firmado") == "en_construccion" else AGREEMENT_WEIGHT
    return None


def tie_sources(g: nx.MultiDiGraph) -> list[TieSource]:
    """Every tie source of ``g`` with its members, instances first, in the graph's order.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Instance:I", label="Instance"); g.add_node("Actor:A", label="Actor")
    >>> _ = g.add_edge("Actor:A", "Instance:I", type="PARTICIPATES_IN")
    >>> tie_sources(g)
    [TieSource(node='Instance:I', weight=1.0, members=frozenset({'Actor:A'}))]
    """
    sources: dict[str, list[tuple[str, float]]] = {INSTANCE: [], AGREEMENT: []}
    for n, a in g.nodes(data=True):
        w = source_weight(a)
        if w is not None:
            sources[a["label"]].append((n, w))
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, t in g.edges(data="type"):
        if t == PARTICIPATES_IN or t == SIGNED:
            members[v, t].add(u)
    return [TieSource(n, w, frozenset(members.get((n, MEMBERSHIP[label]), ())))
            for label in (INSTANCE, AGREEMENT) for n, w in sources[label]]


def department_groups(sources: Iterable[TieSource], source_department: Callable[[str], str | None],
                      actor_department: Callable[[str], str | None],
                      departments: Collection[str]) -> Iterator[TieGroup]:
    """The groups of actors each source ties, one per department it reaches.

    A source scoped to a department ties all its members there; one scoped
    elsewhere or nationally ties, in each department, its members located there.

    >>> src = [TieSource("Instance:N", 1.0, frozenset({"a", "b", "c"}))]
    >>> where = {"a": "05", "b": "05", "c": "52"}.get
    >>> sorted(department_groups(src, lambda n: None, where, ["05", "52"]),
    ...        key=lambda t: t.department)
    [TieGroup(source='Instance:N', weight=1.0, department='05', members=['a', 'b']), TieGroup(source='Instance:N', weight=1.0, department='52', members=['c'])]
    """
    for src, w, members in sources:
        dept = source_department(src)
        if dept in departments:
            yield TieGroup(src, w, dept, sorted(members))
            continue
        by_dept: dict[str, list[str]] = defaultdict(list)
        for m in members:
            md = actor_department(m)
            if md in departments:
                by_dept[md].append(m)
        for d, ms in by_dept.items():
            yield TieGroup(src, w, d, sorted(ms))


def network(groups: Iterable[tuple[float, Iterable[str]]], nodes: Iterable[str],
            attrs: Callable[[str], Mapping[str, Any]]) -> nx.Graph:
    """The weighted actor network of ``groups`` — ``(weight, members)`` — over ``nodes``
    plus every member (node attributes :data:`ACTOR_ATTRIBUTES` from ``attrs(n)``).

    Members of one group are tied pairwise (in sorted order); a tie's ``weight``
    is the sum over the groups holding both ends.

    >>> net = network([(1.0, ["a", "b"]), (2.0, ["a", "b", "c"])], ["d"], lambda n: {})
    >>> sorted(net.nodes), sorted(net.edges(data="weight"))
    (['a', 'b', 'c', 'd'], [('a', 'b', 3.0), ('a', 'c', 2.0), ('b', 'c', 2.0)])
    """
    net = nx.Graph()
    net.add_nodes_from((n, _keep(attrs(n))) for n in nodes)
    weight: dict[tuple[str, str], float] = {}
    get = weight.get
    for w, members in groups:
        ms = sorted(members)
        net.add_nodes_from((m, _keep(attrs(m))) for m in ms if m not in net)
        for pair in combinations(ms, 2):  # (a, b) with a < b: one key per tie
            weight[pair] = get(pair, 0.0) + w
    # one add per tie, in order of the first tie, with the summed weight
    net.add_weighted_edges_from((a, b, w) for (a, b), w in weight.items())
    return net


def _keep(a: Mapping[str, Any]) -> dict[str, Any]:
    return {k: a[k] for k in ACTOR_ATTRIBUTES if k in a}


def department_networks(g: nx.MultiDiGraph, departments: Collection[str],
                        groups: Iterable[TieGroup], actors: Iterable[str],
                        actor_department: Callable[[str], str | None]) -> dict[str, nx.Graph]:
    """Department code -> its actor network: its located ``actors`` and the members of
    its ``groups`` (:func:`department_groups`), tied by the groups."""
    nodes = g.nodes
    own: dict[str, list[str]] = {d: [] for d in departments}
    for a in actors:
        d = actor_department(a)
        if d in own:
            own[d].append(a)
    by_dept: dict[str, list[tuple[float, list[str]]]] = {d: [] for d in departments}
    for _src, w, d, ms in groups:
        by_dept[d].append((w, ms))
    return {d: network(by_dept[d], own[d], nodes.__getitem__) for d in departments}


def actor_projection(g: nx.MultiDiGraph) -> nx.Graph:
    """The actor network of the whole of ``g``: every actor node, tied by every tie
    source of ``g`` (no department split); edge ``weight`` as in the module.

    >>> actor_projection(nx.MultiDiGraph()).number_of_nodes()
    0
    """
    actors = [n for n, a in g.nodes(data=True) if a.get("label") == ACTOR]
    return network(((s.weight, sorted(m for m in s.members if m in g))
                    for s in tie_sources(g)), actors, g.nodes.__getitem__)


class Neighbours:
    """The ties of an actor network one actor at a time: ``neighbours(a)`` are the
    members of every group holding ``a`` (but ``a``), computed when asked; degrees
    are memoised. Same ties as :func:`network` of the same groups, without holding
    every pair (millions of entries at 10x the demo).

    >>> p = Neighbours([{"a", "b"}, {"b", "c"}, {"d"}])
    >>> sorted(p.neighbours("b")), p.degree("a"), p.degree("d")
    (['a', 'c'], 1, 0)
    """

    def __init__(self, groups: Iterable[Collection[str]]) -> None:
        self._of: dict[str, list[Collection[str]]] = defaultdict(list)
        for members in groups:
            if len(members) >= 2:
                for m in members:
                    self._of[m].append(members)
        self._deg: dict[str, int] = {}

    def neighbours(self, a: str) -> set[str]:
        out: set[str] = set()
        for members in self._of.get(a, ()):
            out.update(members)
        out.discard(a)
        return out

    def degree(self, a: str) -> int:
        d = self._deg.get(a)
        if d is None:
            d = self._deg[a] = len(self.neighbours(a))
        return d


__all__ = ["ACTOR_ATTRIBUTES", "AGREEMENT_WEIGHT", "INSTANCE_WEIGHT", "MEMBERSHIP", "Neighbours",
           "TieGroup", "TieSource", "actor_projection", "department_groups",
           "department_networks", "network", "source_weight", "tie_sources"]
