"""The views on the array kernels (pat_graph.analytics.kernels) give networkx's answers.

Node sizes (betweenness, exact or from seeded pivots) and the structural gaps (cut
vertices and bridges of the actor projection) must be what networkx gave before.
"""

from __future__ import annotations

import json
import math
import random

import demo_data
import networkx as nx
import pytest

from pat_graph import model, viz
from pat_graph.viz import builder
from pat_graph.viz.gaps import actor_projection, department_gaps, network_gaps, structural_gaps
from pat_graph.viz.views import _example_graph


def same(a: dict, b: dict, tol: float = 1e-9) -> bool:
    return a.keys() == b.keys() and all(
        (math.isnan(a[k]) and math.isnan(b[k])) or abs(a[k] - b[k]) <= tol for k in a)


def small_graphs() -> list[nx.Graph]:
    g = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"Actor:{i:02d}")
    g.add_nodes_from(["Actor:aislado", "Instance:sola"])
    g.add_edge("Instance:a", "Instance:b")
    return [nx.Graph(), nx.empty_graph(1), nx.path_graph(3), nx.star_graph(5), g,
            nx.les_miserables_graph(), nx.barbell_graph(6, 2)]


def networkx_centrality(und: nx.Graph, how: str, seed: int) -> dict:
    """What builder._centrality computed before the kernels (networkx throughout)."""
    if how != "betweenness" or und.number_of_nodes() == 0:
        return builder._centrality(und, how, seed)
    n = und.number_of_nodes()
    k = min(n, builder.BETWEENNESS_PIVOTS) if n > builder.BETWEENNESS_SAMPLE_LIMIT else None
    return nx.betweenness_centrality(und, k=k, seed=seed)


@pytest.fixture(scope="module")
def demo_graph(tmp_path_factory):
    return demo_data.demo_graph(tmp_path_factory.mktemp("viz-kernels-demo"), 0.3)


# ---------------------------------------------------------------- node sizes
@pytest.mark.parametrize("g", small_graphs(), ids=lambda g: f"{len(g)}n{g.number_of_edges()}e")
def test_exact_betweenness_equals_networkx(g):
    assert same(builder._centrality(g, "betweenness", 7), nx.betweenness_centrality(g))


@pytest.mark.parametrize("seed", [0, 7, 11])
def test_sampled_betweenness_equals_networkx_same_pivots(monkeypatch, seed):
    """Above the limit the kernel samples networkx's pivots for the seed: same values."""
    g = nx.connected_watts_strogatz_graph(120, 6, 0.1, seed=3)
    monkeypatch.setattr(builder, "BETWEENNESS_SAMPLE_LIMIT", 50)
    monkeypatch.setattr(builder, "BETWEENNESS_PIVOTS", 30)
    ours = builder._centrality(g, "betweenness", seed)
    assert same(ours, nx.betweenness_centrality(g, k=30, seed=seed))
    assert not same(ours, nx.betweenness_centrality(g), 1e-6)  # it did sample


def test_department_view_payload_is_unchanged(demo_graph, monkeypatch):
    """The largest department's view with gaps: the page data equals the networkx version."""
    codes = {d.get("department_code") for _, d in demo_graph.nodes(data=True)
             if d.get("label") == model.ACTOR} - {None, ""}
    code = max(sorted(codes), key=lambda c: sum(
        1 for _, d in demo_graph.nodes(data=True) if d.get("department_code") == c))
    ours = viz.department_view(demo_graph, code, gaps=True).payload
    monkeypatch.setattr(builder, "_centrality", networkx_centrality)
    monkeypatch.setattr("pat_graph.viz.department.department_gaps", networkx_department_gaps)
    theirs = viz.department_view(demo_graph, code, gaps=True).payload
    assert len(ours["nodes"]) > 50
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


# ---------------------------------------------------------------- structural gaps
def networkx_structural_gaps(g: nx.MultiDiGraph, sectors=model.SECTORS):
    """structural_gaps as it was: networkx's articulation_points and bridges."""
    return _networkx(structural_gaps(g, sectors))


def networkx_department_gaps(g: nx.MultiDiGraph, department: str, sectors=model.SECTORS):
    """department_gaps with networkx's articulation_points and bridges."""
    return _networkx(department_gaps(g, department, sectors))


def _networkx(found):
    proj = found.projection
    found.articulation_points = sorted(nx.articulation_points(proj)) if len(proj) else []
    found.bridges = (sorted(tuple(sorted(e)) for e in nx.bridges(proj))
                     if proj.number_of_edges() else [])
    return found


def test_structural_gaps_example():
    found = structural_gaps(_example_graph())
    assert found.articulation_points == sorted(nx.articulation_points(found.projection))
    assert found.bridges == sorted(tuple(sorted(e)) for e in nx.bridges(found.projection))


def sparse_graph(seed: int) -> nx.MultiDiGraph:
    """Actors sharing small contexts (mostly pairs): a sparse projection, several
    components, chains and pendants, so cut vertices and bridges abound."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    actors = [f"Actor:{i:03d}" for i in range(rng.randint(20, 80))]
    for a in actors:
        g.add_node(a, label=model.ACTOR, sector=rng.choice(model.SECTORS))
    for j in range(len(actors)):
        label, rel = rng.choice(((model.INSTANCE, model.PARTICIPATES_IN),
                                 (model.AGREEMENT, model.SIGNED)))
        ctx = f"{label}:{j:03d}"
        g.add_node(ctx, label=label)
        for a in rng.sample(actors, rng.choice((1, 2, 2, 2, 3))):
            g.add_edge(a, ctx, type=rel)
    return g


@pytest.mark.parametrize("seed", range(12))
def test_structural_gaps_equal_networkx_on_sparse_graphs(seed):
    g = sparse_graph(seed)
    found, old = structural_gaps(g), networkx_structural_gaps(g)
    assert found.articulation_points and found.bridges
    assert (found.articulation_points, found.bridges) == (old.articulation_points, old.bridges)


def test_structural_gaps_equal_networkx_on_the_demo(demo_graph):
    """Whole-country projection and every department's: same cut vertices and bridges."""
    found = structural_gaps(demo_graph)
    old = networkx_structural_gaps(demo_graph)
    assert (found.articulation_points, found.bridges) == (old.articulation_points, old.bridges)
    by_dept: dict[str, list[str]] = {}
    for n, d in demo_graph.nodes(data=True):
        if d.get("department_code"):
            by_dept.setdefault(d["department_code"], []).append(n)
    for nodes in by_dept.values():
        sub = demo_graph.subgraph(nodes)
        found, old = structural_gaps(sub), networkx_structural_gaps(sub)
        assert (found.articulation_points, found.bridges) == (old.articulation_points, old.bridges)


def test_structural_gaps_on_an_empty_and_edgeless_graph():
    assert structural_gaps(nx.MultiDiGraph()).articulation_points == []
    g = nx.MultiDiGraph()
    g.add_node("Actor:1", label="Actor", sector="publico")
    found = structural_gaps(g)
    assert (found.articulation_points, found.bridges) == ([], [])
    assert actor_projection(g).number_of_nodes() == 1
    assert network_gaps(nx.Graph()).bridges == []
