"""The broker measures as ``pat_graph.analytics.brokerage`` computed them before they were
vectorised (dict loops over every neighbour pair), kept only as the baseline the
``brokers`` phase times in the same run: :func:`brokers_baseline` is the old
``brokers()`` (same betweenness and cut-vertex kernels, old Burt constraint,
effective size and Gould–Fernandez roles). Not part of the package; the tests
keep their own slow reference (tests/test_brokers_vectorised.py).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.analytics import kernels
from pat_graph.analytics.base import Context
from pat_graph.analytics.brokerage import (
    ROLES,
    BrokerReport,
    BrokerScore,
    betweenness,
    role_of,
)
from pat_graph.lookup import find


def brokerage_roles(net: nx.Graph | nx.DiGraph, group: str = "sector") -> dict[Any, dict[str, int]]:
    """Gould–Fernandez role counts by walking every two-path (the old loops)."""
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


def burt_constraint(net: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Burt's constraint from dicts of proportions (the old loops)."""
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
    """Borgatti's effective size from networkx's triangles (the old code)."""
    simple = nx.Graph(net.edges())
    simple.add_nodes_from(net)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    tri = nx.triangles(simple)
    out: dict[Any, float] = {}
    for i in simple:
        n = simple.degree(i)
        out[i] = float("nan") if n == 0 else n - 2 * tri[i] / n
    return out


def brokers_baseline(ctx: Context, department: str, *, seed: int | None = 0) -> BrokerReport:
    """The old ``brokers(ctx, department, seed=seed)``: same report, old measures."""
    code = find(ctx.graph, department, "department").key
    net = ctx.actor_network(code)
    arrays = kernels.adjacency(net)
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
    return BrokerReport(code, ctx.departments.get(code, code), net.number_of_nodes(),
                        net.number_of_edges(), sampled, scores)
