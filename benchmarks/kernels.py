"""Heavy graph kernels, ours vs igraph (and networkx), on the same graphs in one process.

"Ours" are the array kernels of :mod:`pat_graph.analytics.kernels` (numpy +
scipy). igraph (C core; a benchmark-only dependency, ``pip install
python-igraph``) runs exact ``betweenness`` and ``articulation_points`` on an
``igraph.Graph`` built beforehand; that conversion is timed apart
(``convert_to_igraph_s``) and not counted. A call that takes less than
``FAST_S`` is run ``FAST_REPEATS`` times and its median kept (ours, igraph's and
networkx's alike: at 1× a kernel takes milliseconds and one call is a noisy sample).
Likewise each kernel is timed twice:

* ``<kernel>`` — like for like: on the network's arrays
  (:func:`~pat_graph.analytics.kernels.adjacency`, built beforehand and timed
  apart as ``csr_convert_s`` / ``csr_weighted_convert_s``);
* ``<kernel>_as_used`` — what the product runs, from the networkx actor network,
  reading its dicts included (and ``ratio_from_networkx``: against igraph's time plus
  its own conversion from the same networkx network, the like for like of this case):
  ``brokers.betweenness`` (exact up to its threshold
  of actors, seeded pivots above; ``pat-graph brokers``),
  ``articulation_points_and_bridges`` (the fragility family).

Every entry also has networkx's time for the same answer (``networkx_s``; exact
betweenness is estimated from ``NX_PIVOTS`` pivots, it takes minutes at 10×) and
the speed-up over it. Cut vertices come with the bridges from the same DFS
(networkx: ``articulation_points`` + ``bridges``); igraph's are cut vertices
only.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx

#: Pivots timed for networkx's betweenness (its exact time is this time × nodes / pivots).
NX_PIVOTS = 50
#: A call faster than this (seconds) is timed FAST_REPEATS times, the median kept.
FAST_S = 1.0
FAST_REPEATS = 5


def _timed(fn: Callable[[], Any]) -> float:
    return _timed_result(fn)[0]


def _timed_result(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of one call of ``fn`` (the median of FAST_REPEATS if under FAST_S), and the
    result of its last call."""
    t = time.perf_counter()
    result = fn()
    times = [time.perf_counter() - t]
    while times[0] < FAST_S and len(times) < FAST_REPEATS:
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def to_igraph(net: nx.Graph) -> Any:
    import igraph as ig

    index = {n: i for i, n in enumerate(net)}
    edges = [(index[u], index[v], w) for u, v, w in net.edges(data="weight", default=1)]
    return ig.Graph(n=len(index), edges=[(u, v) for u, v, _ in edges],
                    edge_attrs={"weight": [w for _, _, w in edges]})


def _membership(net: nx.Graph, parts: Sequence[set[Any]]) -> list[int]:
    of = {u: i for i, part in enumerate(parts) for u in part}
    return [of[u] for u in net]


def compare_kernels(nets: Sequence[nx.Graph]) -> dict[str, Any]:
    """Time the three kernels over ``nets`` (one actor network per department)."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return {"skipped": "igraph no está instalado (pip install python-igraph)"}
    brokers = importlib.import_module("pat_graph.analytics.brokerage")
    kernels = importlib.import_module("pat_graph.analytics.kernels")
    nets = [n for n in nets if n.number_of_nodes() > 0]
    kernels.betweenness(nx.path_graph(3))  # first call imports numpy and scipy: not timed
    convert_s, igs = _timed_result(lambda: [to_igraph(n) for n in nets])
    names = ("betweenness", "articulation_points")
    ours: dict[str, float] = {}
    for k in names:
        ours[k] = ours[f"{k}_as_used"] = 0.0
    theirs = dict.fromkeys(names, 0.0)
    nx_s = dict.fromkeys(names, 0.0)
    csr_s = csr_w_s = 0.0
    sampled = 0
    for net, ig_net in zip(nets, igs, strict=True):
        n = net.number_of_nodes()
        seconds, adj = _timed_result(lambda n=net: kernels.adjacency(n))
        csr_s += seconds
        seconds, adj_w = _timed_result(lambda n=net: kernels.adjacency(n, "weight"))
        csr_w_s += seconds
        theirs["betweenness"] += _timed(lambda g=ig_net: g.betweenness(directed=False))
        ours["betweenness"] += _timed(lambda a=adj: kernels.betweenness(a))
        seconds, (_, was_sampled) = _timed_result(lambda n=net: brokers.betweenness(n, seed=0))
        ours["betweenness_as_used"] += seconds
        sampled += was_sampled
        k = min(NX_PIVOTS, n)
        nx_s["betweenness"] += _timed(
            lambda n=net, k=k: nx.betweenness_centrality(n, k=k, seed=0)) * n / k
        theirs["articulation_points"] += _timed(lambda g=ig_net: g.articulation_points())
        ours["articulation_points"] += _timed(
            lambda a=adj: kernels.articulation_points_and_bridges(a))
        ours["articulation_points_as_used"] += _timed(
            lambda n=net: kernels.articulation_points_and_bridges(n))
        nx_s["articulation_points"] += _timed(
            lambda n=net: (set(nx.articulation_points(n)), set(nx.bridges(n))))
    kernels_out: dict[str, Any] = {}
    for k, v in ours.items():
        base = k.removesuffix("_as_used")
        kernels_out[k] = {
            "ours_s": v, "igraph_s": theirs[base], "networkx_s": nx_s[base],
            "ratio": v / theirs[base] if theirs[base] else None,
            "speedup_vs_networkx": nx_s[base] / v if v else None}
        if k.endswith("_as_used"):  # both from the networkx network: igraph converts too
            from_nx = theirs[base] + convert_s
            kernels_out[k].update(igraph_from_networkx_s=from_nx,
                                  ratio_from_networkx=v / from_nx if from_nx else None)
    kernels_out["betweenness"]["networkx_s_note"] = (
        f"estimated: {NX_PIVOTS} pivots timed × nodes / {NX_PIVOTS}")
    return {"seconds": sum(ours.values()) + sum(theirs.values()),
            "rows": sum(n.number_of_edges() for n in nets),
            "unit": "actor-network ties (all departments)",
            "work": sum(n.number_of_nodes() * n.number_of_edges() for n in nets),
            "work_unit": "actors × ties summed over the networks (exact betweenness is "
                         "O(actors × ties): Brandes)",
            "ours_s": sum(ours.values()), "igraph_s": sum(theirs.values()),
            "networks": len(nets), "betweenness_sampled_networks": sampled,
            "largest_network_nodes": max((n.number_of_nodes() for n in nets), default=0),
            "csr_convert_s": csr_s, "csr_weighted_convert_s": csr_w_s,
            "convert_to_igraph_s": convert_s, "kernels": kernels_out}
