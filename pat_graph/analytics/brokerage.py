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
    each open triad (the ``sna::brokerage`` convention). Self-loops are not
    ties; parallel ties count once. Counted from sparse products
    (:func:`_role_counts`), not by walking the two-paths: 5.5 s for the largest
    department of the demo at 1× (330 actors, 37,031 ties) became 0.06 s.

    >>> d = nx.DiGraph([("a", "v"), ("v", "b"), ("c", "v")])
    >>> nx.set_node_attributes(d, {"a": 1, "v": 1, "b": 2, "c": 2}, "sector")
    >>> brokerage_roles(d)["v"]
    {'coordinator': 0, 'itinerant': 1, 'representative': 1, 'gatekeeper': 0, 'liaison': 0}
    """
    import numpy as np

    nodes = list(net)
    if not nodes:
        return {}
    if net.is_directed() or net.is_multigraph():
        a = _pattern_of(nx.to_scipy_sparse_array(net, nodelist=nodes, weight=None, format="csr"))
    else:
        a = _pattern_of(kernels.adjacency(net).matrix)
    codes = _group_codes([net.nodes[n].get(group) for n in nodes])
    counts, _ = _role_counts(a, codes, directed=net.is_directed())
    return {n: dict(zip(ROLES, row, strict=True))
            for n, row in zip(nodes, counts.astype(np.int64).tolist(), strict=True)}


#: Up to this many nodes the products of :func:`_row_products` have dense results; above,
#: sparse products in blocks of rows of at most ``_BLOCK_CELLS`` cells (memory stays bounded).
DENSE_MAX_NODES = 3000
_BLOCK_CELLS = 1 << 22
#: From this many nodes dense products go to BLAS; below, sparse × dense on one thread:
#: BLAS's threads cost more than they save on small matrices when the cores are busy
#: (330 dense actors: 80 ms with two threads on a loaded VM, 25 ms sparse × dense).
_BLAS_MIN_NODES = 1000


def _pattern_of(m: Any) -> Any:
    """The 0/1 CSR pattern of a square sparse matrix, without its diagonal (self-loops)."""
    import numpy as np
    import scipy.sparse as sp

    m = sp.csr_array(m)
    n = m.shape[0]
    rows = np.repeat(np.arange(n), np.diff(m.indptr))
    keep = m.indices != rows
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep], minlength=n))))
    return sp.csr_array((np.ones(int(keep.sum())), m.indices[keep], indptr), shape=(n, n))


def _group_codes(values: list[Any]) -> Any:
    """Integer code of each node's group: equal values (``==`` and hash) share a code."""
    import numpy as np

    seen: dict[Any, int] = {}
    return np.fromiter((seen.setdefault(v, len(seen)) for v in values), dtype=np.int64,
                       count=len(values))


def _same_group(m: Any, codes: Any) -> Any:
    """The entries ``(i, j)`` of CSR ``m`` whose nodes share a group code."""
    import numpy as np
    import scipy.sparse as sp

    n = m.shape[0]
    rows = np.repeat(np.arange(n), np.diff(m.indptr))
    keep = codes[m.indices] == codes[rows]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep], minlength=n))))
    return sp.csr_array((m.data[keep], m.indices[keep], indptr), shape=m.shape)


def _row_products(n: int, *pairs: tuple[Any, Any]) -> Any:
    """Yield ``(rows, [(x @ y)[rows] for x, y in pairs])`` as dense blocks of rows.

    Up to :data:`DENSE_MAX_NODES` nodes one block, from dense products (BLAS from
    ``_BLAS_MIN_NODES`` nodes, sparse × dense below); above, sparse products of
    blocks of rows (at most ``_BLOCK_CELLS`` cells each).
    """
    if n <= DENSE_MAX_NODES:
        blas = n >= _BLAS_MIN_NODES
        yield slice(0, n), [(x.toarray() if blas else x) @ y.toarray() for x, y in pairs]
        return
    step = max(1, _BLOCK_CELLS // n)
    for i in range(0, n, step):
        r = slice(i, min(i + step, n))
        yield r, [(x[r] @ y).toarray() for x, y in pairs]


def _role_counts(a: Any, codes: Any, directed: bool) -> tuple[Any, Any]:
    """Open two-paths ``a → v → b`` of every broker ``v`` by role, and its closed ones.

    ``a`` is the 0/1 CSR pattern without self-loops (``a[i, j]``: arc ``i → j``;
    symmetric when undirected), ``codes`` the group code of each node. Returns
    an ``(n, 5)`` array of counts in :data:`ROLES` order and the number of closed
    two-paths of each node (twice its triangles when undirected).

    Every two-path with ``a ≠ b`` is counted from in- and out-degrees by group
    (``in_s · out_t``, less the reciprocal ``a = b``); the closed ones (tie
    ``a → b``) are sums over the ties ``a → v`` of products ``A Aᵀ``,
    ``(A∘G) Aᵀ`` and ``A (A∘G)ᵀ`` (``G``: same group); open = all − closed.

    >>> import scipy.sparse as sp
    >>> import numpy as np
    >>> star = _pattern_of(sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])))
    >>> counts, closed = _role_counts(star, np.array([0, 0, 1]), directed=False)
    >>> counts[0].tolist(), closed.tolist()
    ([0.0, 0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0])
    """
    import numpy as np
    import scipy.sparse as sp

    n = a.shape[0]
    at = a if not directed else sp.csr_array(a.T)  # at[v, a] = 1: arc a → v
    a_same, at_same = _same_group(a, codes), _same_group(at, codes)
    out_tot, in_tot = a.sum(axis=1), at.sum(axis=1)
    out_g, in_g = a_same.sum(axis=1), at_same.sum(axis=1)
    recip = a.multiply(at) if directed else a  # a ↔ v: the two-paths a → v → a
    rec_tot, rec_g = recip.sum(axis=1), _same_group(sp.csr_array(recip), codes).sum(axis=1)
    k = int(codes.max()) + 1 if n else 0
    onehot = sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, k))
    same_pairs = (at @ onehot).multiply(a @ onehot).sum(axis=1) - rec_tot

    closed = np.zeros(n)
    c_a, c_b, c_both, c_same = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    pairs = [(a, at), (a_same, at)] + ([(a, sp.csr_array(a_same.T))] if directed else [])
    for r, prods in _row_products(n, *pairs):
        ti, ti_same = at[r].toarray(), at_same[r].toarray()
        z, y = prods[0], prods[1]  # z[v, a] = Σ_b A_vb A_ab; y[v, a] = Σ_b A_vb G_vb A_ab
        closed[r] = (ti * z).sum(axis=1)
        c_a[r] = (ti_same * z).sum(axis=1)
        c_b[r] = (ti * y).sum(axis=1)
        c_both[r] = (ti_same * y).sum(axis=1)
        if directed:
            c_same[r] = (ti * prods[2]).sum(axis=1)
        else:  # A (A∘G)ᵀ is yᵀ: c_same[v] = Σ_a A_av y[a, v]
            c_same += (ti * y).sum(axis=0)
    coordinator = in_g * out_g - rec_g - c_both
    itinerant = same_pairs - (in_g * out_g - rec_g) - (c_same - c_both)
    representative = in_g * (out_tot - out_g) - (c_a - c_both)
    gatekeeper = (in_tot - in_g) * out_g - (c_b - c_both)
    liaison = (in_tot * out_tot - rec_tot - closed
               - coordinator - itinerant - representative - gatekeeper)
    counts = np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison])
    return np.rint(counts), closed


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


def burt_constraint(net: nx.Graph | kernels.Adjacency,
                    weight: str | None = "weight") -> dict[Any, float]:
    """Burt's (1992) constraint of every node of an undirected graph (NaN if isolated).

    ``c_i = Σ_j (p_ij + Σ_q p_iq p_qj)²`` over neighbours ``j`` and common
    neighbours ``q``, with ``p_ij = w_ij / Σ_k w_ik`` (self-loops ignored; a
    node whose ties weigh 0 in all is NaN too). Same values as
    ``networkx.constraint``, from one product ``P·P`` of the proportions matrix:
    a few milliseconds for a 300-actor department. ``net`` may be the
    network's :class:`~pat_graph.analytics.kernels.Adjacency` (read with ``weight``).

    >>> round(burt_constraint(nx.star_graph(4))[0], 4), round(burt_constraint(nx.complete_graph(4))[0], 4)
    (0.25, 0.9259)
    """
    import numpy as np
    import scipy.sparse as sp

    adj = kernels.adjacency(net, weight) if isinstance(net, nx.Graph) else net
    m = sp.csr_array(adj.matrix)
    w = _weights_without_loops(m)
    total = w.sum(axis=1)
    scale = np.divide(1.0, total, out=np.zeros_like(total), where=total != 0)
    p = sp.csr_array(w.multiply(scale[:, None]))
    mask = _pattern_of(m)
    out = np.empty(len(adj.nodes))
    for r, (pp,) in _row_products(len(adj.nodes), (p, p)):
        d = p[r].toarray() + pp
        out[r] = (mask[r].toarray() * d * d).sum(axis=1)
    out[total == 0] = np.nan
    return dict(zip(adj.nodes, out.tolist(), strict=True))


def _weights_without_loops(m: Any) -> Any:
    """CSR ``m`` with its diagonal entries removed (explicit zeros kept as ties)."""
    import numpy as np
    import scipy.sparse as sp

    n = m.shape[0]
    rows = np.repeat(np.arange(n), np.diff(m.indptr))
    keep = m.indices != rows
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep], minlength=n))))
    return sp.csr_array((m.data[keep], m.indices[keep], indptr), shape=(n, n))


def _effective_sizes(degree: Any, closed: Any) -> Any:
    """Borgatti's ``n − 2t/n`` from degrees and closed two-paths (``2t``); NaN at degree 0."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(degree == 0, np.nan, degree - closed / degree)


def effective_size(net: nx.Graph | kernels.Adjacency) -> dict[Any, float]:
    """Burt's effective size, Borgatti's unweighted form ``n − 2t/n`` (NaN if isolated).

    ``n`` neighbours, ``t`` ties among them. Equals ``networkx.effective_size``
    on undirected unweighted graphs (self-loops ignored); a directed or multigraph
    counts its ties as one undirected tie per pair.

    >>> effective_size(nx.star_graph(4))[0], effective_size(nx.complete_graph(4))[0]
    (4.0, 1.0)
    """
    import numpy as np

    if isinstance(net, nx.Graph) and (net.is_directed() or net.is_multigraph()):
        simple = nx.Graph(net.edges())  # the ties, as before: undirected, one per pair
        simple.add_nodes_from(net)
        net = simple
    adj = kernels.adjacency(net)
    a = _pattern_of(adj.matrix)
    closed = np.zeros(a.shape[0])
    for r, (z,) in _row_products(a.shape[0], (a, a)):
        closed[r] = (a[r].toarray() * z).sum(axis=1)
    sizes = _effective_sizes(a.sum(axis=1), closed)
    return dict(zip(adj.nodes, sizes.tolist(), strict=True))


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
    arrays = kernels.adjacency(net, "weight")  # read once: betweenness and cuts ignore weights
    bc, sampled = betweenness(arrays, seed=seed)
    constraint = burt_constraint(arrays)
    a = _pattern_of(arrays.matrix)
    roles, closed = _role_counts(a, _group_codes([net.nodes[n].get("sector") for n in arrays.nodes]),
                                 directed=False)
    esize = _effective_sizes(a.sum(axis=1), closed).tolist()
    cut, _ = kernels.articulation_points_and_bridges(arrays)
    scores = []
    for i, (n, counts) in enumerate(zip(arrays.nodes, roles.astype(int).tolist(), strict=True)):
        attrs = net.nodes[n]
        c, e = constraint[n], esize[i]
        scores.append(BrokerScore(
            attrs.get("id", n), attrs.get("name", ""), attrs.get("sector", ""), attrs.get("kind", ""),
            net.degree(n), round(bc.get(n, 0.0), 6),
            None if c != c else round(c, 6), None if e != e else round(e, 6),
            *counts, is_articulation_point=n in cut))
    scores.sort(key=lambda s: (-s.betweenness, -s.brokerage_total, s.actor_id))
    if top is not None:
        scores = scores[:top]
    return BrokerReport(code, ctx.departments.get(code, code), net.number_of_nodes(),
                        net.number_of_edges(), sampled, scores)
