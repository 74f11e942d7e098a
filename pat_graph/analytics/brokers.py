"""Family 6 — brokers (actores puente) of a department's actor network.

Three complementary views of who connects whom:

* **betweenness** centrality, exact up to :data:`EXACT_BETWEENNESS_MAX_NODES`
  actors and estimated from ``k = SAMPLE_PIVOTS`` seeded random pivots above
  (Brandes & Pich 2007); computed by :func:`pat_graph.analytics.kernels.betweenness`,
  which gives ``networkx.betweenness_centrality(k=, seed=)``'s values (same pivots)
  on arrays, about 1 s exact for the demo's largest network at scale 10×
  (2,101 actors, 445,217 ties; networkx needs minutes);
* **Burt's structural holes**: constraint (low = the actor spans holes) and
  effective size (non-redundant contacts), from networkx;
* **Gould–Fernandez brokerage roles by sector** (1989): for every two-path
  ``a → v → b`` with ``a`` not tied to ``b``, broker ``v`` is a *coordinator*
  (a, v, b same sector), *itinerant* (a, b same sector, v another),
  *representative* (v shares a's sector, b differs), *gatekeeper* (v shares
  b's sector, a differs) or *liaison* (all three differ).

The actor network is undirected, so — like ``sna::brokerage`` in R, which
splits a symmetric tie into two directed arcs — each open triad ``a – v – b``
is counted in both directions: coordinator, itinerant and liaison count 2 per
triad, and a mixed triad counts 1 representative + 1 gatekeeper (the two roles
cannot be told apart without direction).

>>> import networkx as nx
>>> net = nx.path_graph(["a", "v", "b"])
>>> nx.set_node_attributes(net, {"a": "publico", "v": "publico", "b": "privado"}, "sector")
>>> brokerage_roles(net)["v"]
{'coordinator': 0, 'itinerant': 0, 'representative': 1, 'gatekeeper': 1, 'liaison': 0}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics import kernels
from pat_graph.analytics.base import Context, context
from pat_graph.lookup import find

#: Up to this many actors betweenness is exact; above, it is sampled. Exact costs
#: about ``actors × ties`` (dense networks: ~2 s at 2,500 actors with the array kernel).
EXACT_BETWEENNESS_MAX_NODES = 2500
#: Number of pivots used when betweenness is sampled (see docs/analytics.md for the error).
SAMPLE_PIVOTS = 100

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
ROLES_ES: dict[str, str] = {
    "coordinator": "coordinador", "itinerant": "itinerante", "representative": "representante",
    "gatekeeper": "guardián", "liaison": "enlace",
}


def role_of(ga: Any, gv: Any, gb: Any) -> str:
    """Gould–Fernandez role of broker ``v`` on the two-path ``a → v → b`` from groups.

    >>> role_of("A", "A", "A"), role_of("A", "B", "A"), role_of("A", "A", "B")
    ('coordinator', 'itinerant', 'representative')
    >>> role_of("A", "B", "B"), role_of("A", "B", "C")
    ('gatekeeper', 'liaison')
    """
    if ga == gv == gb:
        return "coordinator"
    if ga == gb:
        return "itinerant"
    if gv == ga:
        return "representative"
    if gv == gb:
        return "gatekeeper"
    return "liaison"


def brokerage_roles(net: nx.Graph | nx.DiGraph, group: str = "sector") -> dict[Any, dict[str, int]]:
    """Raw Gould–Fernandez role counts of every node (groups from attribute ``group``).

    Directed graphs use their arcs; undirected ones count both directions of
    each open triad (the ``sna::brokerage`` convention).
    """
    d = net if net.is_directed() else net.to_directed(as_view=True)
    grp = {n: net.nodes[n].get(group) for n in net}
    out: dict[Any, dict[str, int]] = {n: dict.fromkeys(ROLES, 0) for n in net}
    for v in d:
        preds = [a for a in d.predecessors(v) if a != v]
        succs = [b for b in d.successors(v) if b != v]
        counts = out[v]
        for a in preds:
            sa = d.succ[a]
            for b in succs:
                if b == a or b in sa:
                    continue
                counts[role_of(grp[a], grp[v], grp[b])] += 1
    return out


def betweenness(net: nx.Graph | kernels.Adjacency, *, seed: int | None = 0,
                exact_max: int = EXACT_BETWEENNESS_MAX_NODES,
                pivots: int = SAMPLE_PIVOTS) -> tuple[dict[Any, float], bool]:
    """Normalised betweenness and whether it was sampled.

    Exact for networks of at most ``exact_max`` nodes; otherwise estimated
    from ``pivots`` source nodes drawn with ``seed`` (reproducible). ``net`` may
    be the network's :class:`~pat_graph.analytics.kernels.Adjacency`.

    >>> bc, sampled = betweenness(nx.krackhardt_kite_graph())
    >>> round(bc[7], 3), sampled  # Heather, the kite's broker
    (0.389, False)
    """
    n = len(net)
    if n <= exact_max:
        return kernels.betweenness(net), False
    return kernels.betweenness(net, k=min(pivots, n), seed=seed), True


def burt_constraint(net: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Burt's (1992) constraint of every node of an undirected graph (NaN if isolated).

    ``c_i = Σ_j (p_ij + Σ_q p_iq p_qj)²`` over neighbours ``j`` and common
    neighbours ``q``, with ``p_ij = w_ij / Σ_k w_ik``. Same values as
    ``networkx.constraint`` but in ``O(Σ_i Σ_j min(deg))`` instead of
    ``O(Σ_i deg³)`` with heavy constants (72 s → 0.1 s on a 100-actor department).

    >>> round(burt_constraint(nx.star_graph(4))[0], 4), round(burt_constraint(nx.complete_graph(4))[0], 4)
    (0.25, 0.9259)
    """
    p: dict[Any, dict[Any, float]] = {}
    for i in net:
        nbrs = {j: (d.get(weight, 1.0) if weight else 1.0) for j, d in net[i].items() if j != i}
        total = sum(nbrs.values())
        p[i] = {j: w / total for j, w in nbrs.items()} if total else {}
    out: dict[Any, float] = {}
    for i, pi in p.items():
        if not pi:
            out[i] = float("nan")
            continue
        c = 0.0
        for j, pij in pi.items():
            pj = p[j]
            small, large = (pi, pj) if len(pi) <= len(pj) else (pj, pi)
            indirect = sum(pi[q] * p[q][j] for q in small if q in large and q != i and q != j)
            c += (pij + indirect) ** 2
        out[i] = c
    return out


def effective_size(net: nx.Graph) -> dict[Any, float]:
    """Burt's effective size, Borgatti's unweighted form ``n − 2t/n`` (NaN if isolated).

    ``n`` neighbours, ``t`` ties among them. Equals ``networkx.effective_size``
    on undirected unweighted graphs.

    >>> effective_size(nx.star_graph(4))[0], effective_size(nx.complete_graph(4))[0]
    (4.0, 1.0)
    """
    simple = nx.Graph(net.edges())
    simple.add_nodes_from(net)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    tri = nx.triangles(simple)
    out: dict[Any, float] = {}
    for i in simple:
        n = simple.degree(i)
        out[i] = float("nan") if n == 0 else n - 2 * tri[i] / n
    return out


@dataclass
class BrokerScore:
    """Broker measures of one actor (docs/analytics.md §6)."""

    actor_id: str
    name: str
    sector: str
    kind: str
    degree: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    coordinator: int
    itinerant: int
    representative: int
    gatekeeper: int
    liaison: int
    is_articulation_point: bool

    @property
    def brokerage_total(self) -> int:
        return (self.coordinator + self.itinerant + self.representative + self.gatekeeper
                + self.liaison)

    def to_row(self) -> dict[str, Any]:
        return asdict(self) | {"brokerage_total": self.brokerage_total}


@dataclass
class BrokerReport:
    department_code: str
    department_name: str
    actors: int
    ties: int
    betweenness_sampled: bool
    scores: list[BrokerScore]


def brokers(
    g: nx.MultiDiGraph | Context, department: str, as_of: str | date | None = None, *,
    seed: int | None = 0, top: int | None = None,
) -> BrokerReport:
    """Broker measures of every actor of one department, best brokers first.

    ``department`` is a DANE code or a name. Sorted by betweenness, then
    total brokerage, then id. ``top`` keeps the first ``top`` rows.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
    >>> r = brokers(g, "Antioquia")
    >>> r.department_code, r.scores
    ('05', [])
    """
    ctx = context(g, as_of)
    code = find(ctx.graph, department, "department").key
    net = ctx.actor_network(code)
    arrays = kernels.adjacency(net)  # read once for betweenness and cut vertices
    bc, sampled = betweenness(arrays, seed=seed)
    constraint = burt_constraint(net)
    esize = effective_size(net)
    roles = brokerage_roles(net)
    cut, _ = kernels.articulation_points_and_bridges(arrays)
    scores = []
    for n in net:
        a = net.nodes[n]
        c = constraint.get(n)
        e = esize.get(n)
        scores.append(BrokerScore(
            a.get("id", n), a.get("name", ""), a.get("sector", ""), a.get("kind", ""),
            net.degree(n), round(bc.get(n, 0.0), 6),
            None if c is None or c != c else round(c, 6),
            None if e is None or e != e else round(e, 6),
            **roles[n], is_articulation_point=n in cut))
    scores.sort(key=lambda s: (-s.betweenness, -s.brokerage_total, s.actor_id))
    if top is not None:
        scores = scores[:top]
    return BrokerReport(code, ctx.departments.get(code, code), net.number_of_nodes(),
                        net.number_of_edges(), sampled, scores)
