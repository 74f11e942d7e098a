"""Exact graph kernels on arrays: cut vertices and bridges, betweenness.

The actor networks are dense one-mode projections (at demo scale 10× the largest
department has about 2,100 actors and 445,000 ties) and networkx's pure-Python
kernels spend their time walking dicts. Each kernel here turns the network into a
CSR adjacency once (numpy index arrays, node ``i`` is the ``i``-th node of
``net``) and works on it with scipy, a runtime dependency for its C-implemented
traversals (``scipy.sparse.csgraph``: depth-first order, connected components,
breadth-first distances) and its sparse linear algebra (sparse × dense matrix
products, aggregation ``Pᵀ A P``). numpy and scipy are imported on first use,
so importing :mod:`pat_graph.analytics` stays cheap.

* :func:`articulation_points_and_bridges` — Tarjan's low-link on one scipy DFS;
  the same sets as ``networkx.articulation_points`` and ``networkx.bridges``.
* :func:`betweenness` — Brandes (2001) for many sources at once, one sparse
  matrix product per BFS level; equals ``networkx.betweenness_centrality``
  (unweighted, no endpoints), sampled pivots and rescaling included.
Each takes a simple undirected graph (self-loops are ignored) or its
:class:`Adjacency`, built once by :func:`adjacency` when several kernels run on
one network.

Why these stay hand-written instead of ``networkx.articulation_points`` /
``networkx.bridges`` / ``networkx.betweenness_centrality``: the gap analysis,
the brokers and the views call them on every department's network, and the
benchmark harness (``python -m benchmarks run``, phase ``kernels``, which times
networkx on the same networks as ``speedup_vs_networkx``) holds them to at most
5× igraph; networkx's pure-Python versions are one to two orders of magnitude
slower on the dense ×10 networks. The results are tested equal to networkx's on
thousands of random graphs (``tests/test_kernels.py``). The Louvain of earlier
versions is gone: no analysis used it.

>>> import networkx as nx
>>> g = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)])  # two triangles
>>> articulation_points_and_bridges(g)
({2, 3}, {(2, 3)})
>>> round(betweenness(g)[2], 6)
0.6
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

#: Bytes of dense work arrays allowed per batch of betweenness sources.
BETWEENNESS_BATCH_BYTES = 64 * 2**20
#: Dense (node × source) float64 arrays a batch holds at once, in units of 8 bytes.
_BATCH_ARRAYS = 7
#: At most this many sources per batch (wider blocks fall out of the CPU cache).
_BATCH_MAX = 512


# ---------------------------------------------------------------------- arrays
@dataclass(frozen=True, eq=False)
class Adjacency:
    """A simple undirected network as arrays: row ``i`` of ``matrix`` is ``nodes[i]``.

    ``matrix`` is the symmetric CSR adjacency; entries are the ``weight``
    attribute of each tie (1 when ``weight`` is None or the tie has none), and a
    self-loop sits on the diagonal at twice its weight, so a row sums to the
    weighted degree. Build it once with :func:`adjacency` to run several kernels
    on one network without reading the networkx dicts again.
    """

    nodes: list[Any]
    matrix: sp.csr_array
    weight: str | None = None
    loops: bool = False

    def __len__(self) -> int:
        return len(self.nodes)


def adjacency(net: nx.Graph | Adjacency, weight: str | None = None) -> Adjacency:
    """The :class:`Adjacency` of a simple undirected graph (returned as is if it already is one).

    >>> import networkx as nx
    >>> adj = adjacency(nx.Graph([("a", "b", {"weight": 3}), ("b", "b")]), "weight")
    >>> adj.nodes, adj.matrix.toarray().tolist()
    (['a', 'b'], [[0.0, 3.0], [3.0, 2.0]])
    """
    import numpy as np
    import scipy.sparse as sp

    if isinstance(net, Adjacency):
        return net
    if net.is_directed() or net.is_multigraph():
        raise nx.NetworkXNotImplemented("kernels: only simple undirected graphs (nx.Graph)")
    rows = []  # the adjacency dicts themselves (Graph.adjacency), in node order
    nodes = []
    for u, nbrs in net.adjacency():
        nodes.append(u)
        rows.append(nbrs)
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    deg = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    nnz = int(indptr[-1])
    indices = np.fromiter(map(index.__getitem__, chain.from_iterable(rows)),
                          dtype=np.int32, count=nnz)
    if weight is None:
        data = np.ones(nnz)
    else:
        data = np.fromiter((d.get(weight, 1) for r in rows for d in r.values()),
                           dtype=np.float64, count=nnz)
    loops = any(u in r for u, r in zip(nodes, rows, strict=True))
    if loops:
        data[indices == np.repeat(np.arange(n, dtype=np.int32), deg)] *= 2.0
    return Adjacency(nodes, sp.csr_array((data, indices, indptr), shape=(n, n)), weight, loops)


def _pattern(adj: Adjacency) -> sp.csr_array:
    """The 0/1 adjacency matrix without self-loops (what traversals and path counts read)."""
    import numpy as np
    import scipy.sparse as sp

    a = adj.matrix
    if not adj.loops:
        return a if adj.weight is None else sp.csr_array(
            (np.ones(a.nnz), a.indices, a.indptr), shape=a.shape)
    n = a.shape[0]
    rows = np.repeat(np.arange(n), np.diff(a.indptr))
    keep = a.indices != rows
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep], minlength=n))))
    return sp.csr_array((np.ones(int(keep.sum())), a.indices[keep], indptr), shape=a.shape)


# ---------------------------------------------------------------------- cuts
def articulation_points_and_bridges(net: nx.Graph | Adjacency,
                                    ) -> tuple[set[Any], set[tuple[Any, Any]]]:
    """Articulation points and bridges of an undirected graph, from one DFS.

    ``net`` is a graph or its :class:`Adjacency`. Equal to
    ``set(nx.articulation_points(net))`` and ``set(nx.bridges(net))``;
    a bridge ``(u, v)`` is oriented as ``net.edges()`` gives it (``u`` first in
    node order). Tarjan's low-link: ``low[v]`` is the smallest discovery time
    reachable from ``v``'s DFS subtree by one non-tree edge; a non-root ``u``
    is a cut vertex when some child ``c`` has ``low[c] >= disc[u]``, a DFS root
    when it has two children, and ``p–c`` is a bridge when ``low[c] > disc[p]``.

    >>> import networkx as nx
    >>> articulation_points_and_bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    ({'c'}, {('c', 'd')})
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components, depth_first_order

    adj = adjacency(net)
    nodes, a = adj.nodes, _pattern(adj)
    n = len(nodes)
    if a.nnz == 0:
        return set(), set()
    indptr, indices = a.indptr, a.indices
    bridges: set[tuple[Any, Any]] = set()
    order, pred = depth_first_order(a, 0, directed=True, return_predecessors=True)
    if len(order) < n:  # several components
        _, labels = connected_components(a, directed=True, connection="strong")
        size = np.bincount(labels)
        first = np.unique(labels, return_index=True)[1]
        for r in first[size[labels[first]] == 2]:  # a lone edge is a bridge
            u, v = sorted((int(r), int(indices[indptr[r]])))
            bridges.add((nodes[u], nodes[v]))
        roots = first[size[labels[first]] >= 3].astype(indices.dtype)
        if len(roots) == 0:
            return set(), bridges
        # one DFS from a virtual root n tied to one node of each component of 3 or more
        aug = sp.csr_array((np.ones(a.nnz + len(roots)), np.concatenate((indices, roots)),
                            np.concatenate((indptr, [a.nnz + len(roots)]))), shape=(n + 1, n + 1))
        order, pred = depth_first_order(aug, n, directed=True, return_predecessors=True)
        order, pred = order[1:], pred[:n]
    pred[pred == n] = -1  # DFS roots (the virtual root, or scipy's -9999 for node 0)
    pred[order[0]] = -1
    disc = np.full(n, n + 1, dtype=np.int64)
    disc[order] = np.arange(len(order))
    deg = np.diff(indptr)
    # low[v] starts as min(disc[v], disc[w] for neighbours w other than v's DFS parent)
    seen = disc[indices]
    seen[indices == np.repeat(pred, deg)] = n + 1
    low = disc.copy()
    full = np.flatnonzero(deg)
    low[full] = np.minimum(low[full], np.minimum.reduceat(seen, indptr[full]))
    child = order[pred[order] >= 0]  # tree edges par–child, children in preorder
    par = pred[child]
    lo = low.tolist()
    for v, p in zip(reversed(child.tolist()), reversed(par.tolist()), strict=True):
        if lo[v] < lo[p]:
            lo[p] = lo[v]
    low = np.asarray(lo)
    par_is_root = pred[par] < 0
    cut = set(par[~par_is_root & (low[child] >= disc[par])].tolist())
    cut.update(np.flatnonzero(np.bincount(par[par_is_root], minlength=n) >= 2).tolist())
    is_bridge = low[child] > disc[par]
    for p, c in zip(par[is_bridge].tolist(), child[is_bridge].tolist(), strict=True):
        bridges.add((nodes[p], nodes[c]) if p < c else (nodes[c], nodes[p]))
    return {nodes[i] for i in cut}, bridges


# ---------------------------------------------------------------------- betweenness
def betweenness(net: nx.Graph | Adjacency, k: int | None = None, seed: Any = 0,
                normalized: bool = True) -> dict[Any, float]:
    """Shortest-path betweenness (unweighted), as ``nx.betweenness_centrality``.

    ``net`` is a graph or its :class:`Adjacency` (whose weights are not read).

    With ``k`` the sources are the ``k`` pivots networkx draws
    (``create_py_random_state(seed).sample(list(net), k)``, so the same ones for
    the same seed) and the values are rescaled as networkx ≥ 3.5 does: sampled
    sources by ``1/((k-1)(n-2))``, other nodes by ``1/(k(n-2))``. Sources run
    in batches, each a breadth-first search of all its sources at once: path
    counts level by level with one sparse × dense product per level, then the
    dependencies back down the levels (one product each). Components with a long
    diameter, where a level is mostly empty, use a plain Brandes loop instead.

    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import numpy as np

    adj = adjacency(net)
    nodes, a = adj.nodes, _pattern(adj)
    n = len(nodes)
    if k == n:
        k = None
    if k is None:
        sources = np.arange(n)
    else:
        index = {u: i for i, u in enumerate(nodes)}
        pivots = nx.utils.create_py_random_state(seed).sample(nodes, k)
        sources = np.array([index[p] for p in pivots], dtype=np.int64)
    bc = _brandes(a, sources)
    big_n = n - 1
    if big_n >= 2:
        if k is None:
            bc *= 1 / (big_n * (big_n - 1)) if normalized else 0.5
        else:
            per = 1 / (big_n - 1) if normalized else big_n / 2
            bc *= per / k
            bc[sources] *= k / (k - 1) if k > 1 else float("nan")
    return dict(zip(nodes, bc.tolist(), strict=True))


def _brandes(a: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Unscaled betweenness (sum of dependencies over ``sources``), component by component."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    n = a.shape[0]
    bc = np.zeros(n)
    if n < 3 or len(sources) == 0:
        return bc
    count, labels = connected_components(a, directed=True, connection="strong")
    if count == 1:
        bc += _brandes_component(a, sources)
        return bc
    members = np.argsort(labels, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(labels, minlength=count))))
    src_label = labels[sources]
    for c in np.unique(src_label):
        idx = members[bounds[c]:bounds[c + 1]]
        if len(idx) < 3:
            continue
        local = np.searchsorted(idx, sources[src_label == c])
        bc[idx] += _brandes_component(a[idx][:, idx], local)
    return bc


def _brandes_component(a: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Dependencies of one connected graph: level-synchronous products, or plain Brandes."""
    from scipy.sparse.csgraph import shortest_path

    n = a.shape[0]
    ecc = int(shortest_path(a, unweighted=True, indices=int(sources[0])).max())
    # per source, each BFS level costs a product over every tie plus ~10 passes over
    # the node × source arrays, plain Brandes ~120 units per tie and ~600 per node
    # (crossover measured on paths, trees, grids and small worlds)
    if ecc * (a.nnz / 4 + 10 * n) <= 120 * a.nnz + 600 * n:
        return _brandes_levels(a, sources)
    return _brandes_python(a, sources)


def _product(a: sp.csr_array, x: np.ndarray, need: np.ndarray, have: np.ndarray,
             ) -> tuple[slice | np.ndarray, np.ndarray]:
    """Rows ``r`` and ``(a @ x)[r]`` for the rows in ``need``, reading only rows ``have`` of ``x``.

    Few needed rows or few nonzero rows of ``x`` (the last BFS levels) make the
    product a small one on a slice of ``a`` (symmetric, so ``a[:, c] = a[c].T``).
    """
    import numpy as np

    half = a.shape[0] // 2
    rows = np.flatnonzero(need)
    cols = np.flatnonzero(have)
    if len(cols) <= half:
        part = a[cols].T if len(rows) > half else a[rows][:, cols]
        return (slice(None) if len(rows) > half else rows), part @ x[cols]
    if len(rows) <= half:
        return rows, a[rows] @ x
    return slice(None), a @ x


def _brandes_levels(a: sp.csr_array, sources: np.ndarray,
                    budget: int = BETWEENNESS_BATCH_BYTES) -> np.ndarray:
    """Brandes for a batch of sources at once on a connected graph, as (node × source) arrays.

    Column ``j`` of ``sigma`` counts the shortest paths from source ``j``; ``level``
    is the BFS depth. Forward: the paths reaching level ``d + 1`` are ``a @``
    (paths at level ``d``), kept where the node is new. Backward: ``delta[v] +=
    sigma[v] · Σ_w (1 + delta[w]) / sigma[w]`` over neighbours ``w`` one level
    deeper, again one product per level.
    """
    import numpy as np

    n = a.shape[0]
    out = np.zeros(n)
    step = max(1, min(len(sources), _BATCH_MAX, budget // (8 * _BATCH_ARRAYS * n)))
    for start in range(0, len(sources), step):
        src = sources[start:start + step]
        cols = np.arange(len(src))
        # level 1: the sources' neighbours, one shortest path each
        sigma = np.ascontiguousarray(a[src].toarray().T)
        level = np.where(sigma > 0, 1, -1).astype(np.int16)
        frontier = sigma.copy()
        sigma[src, cols] = 1.0
        level[src, cols] = 0
        reached = int(np.count_nonzero(level >= 0))
        d = 1
        while reached < level.size:  # connected: every node is reached
            r, y = _product(a, frontier, (level < 0).any(axis=1), (level == d).any(axis=1))
            lv = level[r]
            new = (lv < 0) & (y > 0)
            d += 1
            y *= new
            frontier = np.zeros_like(sigma)
            frontier[r] = y
            sigma[r] += y
            lv[new] = d
            level[r] = lv
            reached += int(np.count_nonzero(new))
        delta = np.zeros_like(sigma)
        for dd in range(d, 1, -1):  # level 1 only feeds the sources, not counted
            at = level == dd
            coef = np.where(at, (1.0 + delta) / sigma, 0.0)
            above = level == dd - 1
            r, y = _product(a, coef, above.any(axis=1), at.any(axis=1))
            y *= sigma[r]
            y *= above[r]
            delta[r] += y
        out += delta.sum(axis=1)
    return out


def _brandes_python(a: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Plain Brandes over Python int lists (for long, thin components)."""
    import numpy as np

    n = a.shape[0]
    ip, ix = a.indptr.tolist(), a.indices.tolist()
    adj = [ix[ip[i]:ip[i + 1]] for i in range(n)]
    bc = [0.0] * n
    for s in sources.tolist():
        dist = [-1] * n
        sigma = [0] * n
        preds: list[list[int]] = [[] for _ in range(n)]
        dist[s], sigma[s] = 0, 1
        stack = []
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            dv, sv = dist[v] + 1, sigma[v]
            for w in adj[v]:
                if dist[w] < 0:
                    dist[w] = dv
                    queue.append(w)
                if dist[w] == dv:
                    sigma[w] += sv
                    preds[w].append(v)
        delta = [0.0] * n
        for w in reversed(stack):
            coef = (1.0 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coef
            if w != s:
                bc[w] += delta[w]
    return np.asarray(bc)
