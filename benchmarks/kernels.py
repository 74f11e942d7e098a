"""Heavy graph kernels, ours vs igraph, on the same graphs in the same process.

"Ours" is what pat-graph runs: :func:`pat_graph.analytics.brokers.betweenness`
(exact up to its threshold of actors, seeded pivot sampling above),
``networkx.articulation_points`` (fragility family) and, for communities,
``networkx.community.louvain_communities`` (no pat-graph analysis uses
communities yet; it is what one would call). igraph (C core; a benchmark-only
dependency, ``pip install python-igraph``) runs exact betweenness,
``articulation_points`` and ``community_multilevel`` (Louvain). Converting the
networks to igraph is timed apart and not counted.

Betweenness is compared twice: *as used* (our sampled estimate on the large
networks vs igraph's exact value) and *like for like* (only the networks where
ours is exact too).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx


def _timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def to_igraph(net: nx.Graph) -> Any:
    import igraph as ig

    index = {n: i for i, n in enumerate(net)}
    return ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in net.edges()])


def compare_kernels(nets: Sequence[nx.Graph]) -> dict[str, Any]:
    """Time the three kernels over ``nets`` (one actor network per department)."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return {"skipped": "igraph no está instalado (pip install python-igraph)"}
    brokers = importlib.import_module("pat_graph.analytics.brokers")
    nets = [n for n in nets if n.number_of_nodes() > 0]
    t = time.perf_counter()
    igs = [to_igraph(n) for n in nets]
    convert_s = time.perf_counter() - t
    ours: dict[str, float] = {"betweenness": 0.0, "articulation_points": 0.0, "louvain": 0.0}
    theirs = dict.fromkeys(ours, 0.0)
    exact_ours = exact_theirs = 0.0
    sampled = 0
    for net, ig_net in zip(nets, igs, strict=True):
        t = time.perf_counter()
        _, was_sampled = brokers.betweenness(net, seed=0)
        ours_bc = time.perf_counter() - t
        theirs_bc = _timed(lambda g=ig_net: g.betweenness(directed=False))
        ours["betweenness"] += ours_bc
        theirs["betweenness"] += theirs_bc
        if was_sampled:
            sampled += 1
        else:
            exact_ours += ours_bc
            exact_theirs += theirs_bc
        ours["articulation_points"] += _timed(lambda n=net: list(nx.articulation_points(n)))
        theirs["articulation_points"] += _timed(lambda g=ig_net: g.articulation_points())
        ours["louvain"] += _timed(lambda n=net: nx.community.louvain_communities(n, seed=0))
        theirs["louvain"] += _timed(lambda g=ig_net: g.community_multilevel())
    kernels = {
        k: {"ours_s": ours[k], "igraph_s": theirs[k],
            "ratio": ours[k] / theirs[k] if theirs[k] else None} for k in ours}
    kernels["betweenness_exact_only"] = {
        "ours_s": exact_ours, "igraph_s": exact_theirs,
        "ratio": exact_ours / exact_theirs if exact_theirs else None}
    return {"seconds": sum(ours.values()) + sum(theirs.values()),
            "rows": sum(n.number_of_edges() for n in nets),
            "unit": "actor-network ties (all departments)",
            "networks": len(nets), "betweenness_sampled_networks": sampled,
            "largest_network_nodes": max((n.number_of_nodes() for n in nets), default=0),
            "convert_to_igraph_s": convert_s, "kernels": kernels}
