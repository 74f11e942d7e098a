"""The array kernels (pat_graph.analytics.kernels) against networkx.

Cut vertices, bridges and betweenness must equal networkx exactly (betweenness to
1e-9, sampled pivots included).
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest
from demo_data import demo_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_graph import analytics
from pat_graph.analytics import kernels

#: networkx 3.5 rescales sampled betweenness with one factor for pivots and one for the rest.
NX_SAMPLED_RESCALE = tuple(int(x) for x in nx.__version__.split(".")[:2]) >= (3, 5)

LABELS = {
    "int": lambda i: i,
    "str": lambda i: f"Actor:{i:03d}",
    "mixed": lambda i: (i, "t") if i % 3 == 0 else (str(i) if i % 3 == 1 else i),
}


@st.composite
def graphs(draw, max_nodes: int = 24) -> nx.Graph:
    """Simple undirected graphs: isolated nodes, several components, self-loops,
    int / str / mixed labels, nodes in a random insertion order."""
    n = draw(st.integers(0, max_nodes))
    label = LABELS[draw(st.sampled_from(sorted(LABELS)))]
    order = draw(st.permutations(range(n))) if n else []
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)) if n else st.nothing()
    edges = draw(st.lists(pairs, max_size=3 * n))
    g = nx.Graph()
    g.add_nodes_from(label(i) for i in order)
    g.add_edges_from((label(u), label(v)) for u, v in edges)
    return g


def same(a: dict, b: dict, tol: float = 1e-9) -> bool:
    return a.keys() == b.keys() and all(
        (math.isnan(a[k]) and math.isnan(b[k])) or abs(a[k] - b[k]) <= tol for k in a)


def fixed_graphs() -> list[nx.Graph]:
    g = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)])
    g.add_edge(6, 6)
    g.add_nodes_from([7, 8])
    g.add_edge(9, 10)
    return [nx.Graph(), nx.empty_graph(1), nx.empty_graph(2), nx.path_graph(2), nx.path_graph(3),
            nx.complete_graph(5), nx.star_graph(6), nx.barbell_graph(5, 3), g,
            nx.karate_club_graph(), nx.les_miserables_graph(), nx.krackhardt_kite_graph(),
            nx.connected_watts_strogatz_graph(200, 6, 0.1, seed=2),
            nx.random_labeled_tree(120, seed=4), nx.path_graph(150),
            nx.planted_partition_graph(6, 30, 0.3, 0.02, seed=5),
            nx.gnp_random_graph(300, 0.05, seed=6)]


# ---------------------------------------------------------------- cuts
def test_cuts_by_hand():
    """Two triangles joined by the tie 2–3, a pendant 6 on 5, an isolated 7, a lone edge
    8–9 and a self-loop on 0: cut vertices 2, 3 and 5; bridges 2–3, 5–6 and 8–9."""
    g = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (5, 6), (0, 0), (8, 9)])
    g.add_node(7)
    assert kernels.articulation_points_and_bridges(g) == ({2, 3, 5}, {(2, 3), (5, 6), (8, 9)})


@pytest.mark.parametrize("g", fixed_graphs(), ids=lambda g: f"{len(g)}n{g.number_of_edges()}e")
def test_cuts_equal_networkx_on_known_graphs(g):
    assert kernels.articulation_points_and_bridges(g) == (set(nx.articulation_points(g)),
                                                          set(nx.bridges(g)))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_cuts_equal_networkx(g):
    assert kernels.articulation_points_and_bridges(g) == (set(nx.articulation_points(g)),
                                                          set(nx.bridges(g)))


@settings(max_examples=60, deadline=None)
@given(graphs(), st.integers(0, 3))
def test_kernels_on_an_adjacency_equal_kernels_on_the_graph(g, seed):
    """An Adjacency built once gives every kernel the same answer as the graph itself."""
    for i, (u, v) in enumerate(g.edges()):
        g[u][v]["weight"] = 1 + (i + seed) % 3
    plain, weighted = kernels.adjacency(g), kernels.adjacency(g, "weight")
    assert kernels.adjacency(plain) is plain and len(plain) == len(g)
    for adj in (plain, weighted):
        assert kernels.articulation_points_and_bridges(adj) == \
            kernels.articulation_points_and_bridges(g)
        assert same(kernels.betweenness(adj), kernels.betweenness(g), 0.0)


def test_kernels_refuse_directed_and_multigraphs():
    for g in (nx.DiGraph([(0, 1)]), nx.MultiGraph([(0, 1)])):
        with pytest.raises(nx.NetworkXNotImplemented):
            kernels.articulation_points_and_bridges(g)


# ---------------------------------------------------------------- betweenness
def test_betweenness_by_hand():
    """Star with 4 leaves: the centre lies on all 6 leaf pairs, normalised 6 / C(4, 2) = 1."""
    bc = kernels.betweenness(nx.star_graph(4))
    assert bc == {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    assert kernels.betweenness(nx.star_graph(4), normalized=False)[0] == 6.0


@pytest.mark.parametrize("g", fixed_graphs(), ids=lambda g: f"{len(g)}n{g.number_of_edges()}e")
def test_betweenness_equals_networkx_on_known_graphs(g):
    assert same(kernels.betweenness(g), nx.betweenness_centrality(g))
    assert same(kernels.betweenness(g, normalized=False),
                nx.betweenness_centrality(g, normalized=False), 1e-7)


@settings(max_examples=200, deadline=None)
@given(graphs(), st.booleans())
def test_betweenness_equals_networkx(g, normalized):
    assert same(kernels.betweenness(g, normalized=normalized),
                nx.betweenness_centrality(g, normalized=normalized))


@pytest.mark.skipif(not NX_SAMPLED_RESCALE, reason="networkx < 3.5 rescales sampled values otherwise")
@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_sampled_betweenness_equals_networkx(g, data):
    """Same pivots (networkx's own draw for the seed) and the same rescaling."""
    if len(g) == 0:
        return
    k = data.draw(st.integers(1, len(g)))
    seed = data.draw(st.integers(0, 2**32 - 1))
    normalized = data.draw(st.booleans())
    assert same(kernels.betweenness(g, k=k, seed=seed, normalized=normalized),
                nx.betweenness_centrality(g, k=k, seed=seed, normalized=normalized))


@pytest.mark.skipif(not NX_SAMPLED_RESCALE, reason="networkx < 3.5 rescales sampled values otherwise")
def test_sampled_betweenness_on_a_large_graph_and_a_random_state():
    g = nx.connected_watts_strogatz_graph(400, 8, 0.1, seed=1)
    assert same(kernels.betweenness(g, k=50, seed=7), nx.betweenness_centrality(g, k=50, seed=7))
    ours = kernels.betweenness(g, k=30, seed=random.Random(3))
    assert same(ours, nx.betweenness_centrality(g, k=30, seed=random.Random(3)))


@pytest.mark.parametrize("g", [nx.path_graph(60), nx.random_labeled_tree(80, seed=1),
                               nx.connected_watts_strogatz_graph(90, 4, 0.2, seed=3),
                               nx.complete_graph(12), nx.karate_club_graph()])
def test_both_brandes_paths_and_small_batches_agree(g):
    """The level-synchronous batches (forced to 7 sources at a time) and the plain loop
    give the same unscaled dependencies."""
    a = kernels._pattern(kernels.adjacency(g))
    src = np.arange(len(g))
    levels = kernels._brandes_levels(a, src, budget=7 * 8 * kernels._BATCH_ARRAYS * len(g))
    plain = kernels._brandes_python(a, src)
    ref = nx.betweenness_centrality(g, normalized=False)
    assert np.allclose(levels, plain, rtol=0, atol=1e-8)
    assert np.allclose(levels / 2, [ref[u] for u in g], rtol=0, atol=1e-8)


@pytest.fixture(scope="module")
def demo_networks(tmp_path_factory):
    g = demo_graph(tmp_path_factory.mktemp("kernels-demo"), 0.3)
    ctx = analytics.context(g, None)
    return [ctx.actor_network(d) for d in sorted(ctx.departments)]




def test_kernels_on_the_demo_networks(demo_networks):
    assert sum(net.number_of_edges() > 0 for net in demo_networks) >= 10
    for net in demo_networks:
        assert kernels.articulation_points_and_bridges(net) == (
            set(nx.articulation_points(net)), set(nx.bridges(net)))
        assert same(kernels.betweenness(net), nx.betweenness_centrality(net))
