"""Family 5 (fragility) and family 6 (brokers) on hand-built graphs and literature fixtures."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_builder import GraphBuilder
from hypothesis import given, settings
from hypothesis import strategies as st
from test_analytics_coverage import random_graph

from pat_graph.analytics import betweenness, brokerage_roles, brokers, fragility
from pat_graph.analytics.brokerage import ROLES
from pat_graph.analytics.families.fragilidad import robust_pairs as _robust_pairs
from pat_graph.errors import NotFoundError


def huila() -> GraphBuilder:
    """Huila (41). Instance T holds the DT, the Gobernación G and firm E (a triangle);
    instance R holds G and university U; agreement K is signed by U and union S.
    Network: DT-G, DT-E, G-E (1 each), G-U (1), U-S (2); community group C1-C2 share
    instance X (no public actor); I is isolated.
    Articulation points: G (cuts U,S) and U (cuts S). Bridges: G-U, U-S, C1-C2.
    Helix pairs: publico-privado via DT-E and G-E -> endpoint sets {DT,E}∩{G,E} = {E}
    -> single broker E; publico-academico only G-U -> single; academico-comunitario only
    U-S -> single. Tied pairs 3, all single -> share 1.0.
    Groups: {C1,C2} has no public actor and no DT; the main group has the DT.
    """
    b = GraphBuilder().dept("41", "Huila")
    for a, s, k in [("DT", "publico", "direccion_territorial"), ("G", "publico", "gobernacion"),
                    ("E", "privado", "empresa"), ("U", "academico", "universidad"),
                    ("S", "comunitario", "sindicato"), ("C1", "comunitario", "ong"),
                    ("C2", "comunitario", "ong"), ("I", "privado", "empresa")]:
        b.actor(a, s, k, "41")
    b.instance("T", "red_formalizacion", "41").member("DT", "T").member("G", "T").member("E", "T")
    b.instance("R", "red_ormet", "41").member("G", "R").member("U", "R")
    b.agreement("K", "41", ["U", "S"])
    b.instance("X", "otro_espacio", "41").member("C1", "X").member("C2", "X")
    return b


def test_fragility_by_hand():
    [f] = fragility(huila().g)
    assert (f.actors, f.ties, f.components) == (8, 6, 3)
    assert f.articulation_points == ["G", "U"]
    assert f.bridges == [("C1", "C2"), ("G", "U"), ("S", "U")]
    assert f.single_broker_pairs == {"academico-comunitario": "U",
                                     "publico-academico": "G", "publico-privado": "E"}
    assert f.single_broker_share == 1.0
    assert f.isolated == ["I"]
    assert f.groups_without_public == [["C1", "C2"]] == f.groups_without_dt
    assert f.has_dt


def test_a_second_tie_removes_the_single_broker():
    """A new agreement DT–U adds a second publico-academico tie, but G-U and DT-U both
    touch U -> still single broker (now U). A firm E2–G tie for publico-privado:
    {E}∩{G,E2} = ∅ -> robust."""
    b = huila()
    b.actor("E2", "privado", "empresa", "41").agreement("K2", "41", ["DT", "U"])
    b.agreement("K3", "41", ["G", "E2"])
    [f] = fragility(b.g)
    assert f.single_broker_pairs["publico-academico"] == "U"
    assert "publico-privado" not in f.single_broker_pairs


def _node_sets(g):
    [f] = [x for x in fragility(g) if x.department_code == "05"]
    return f


@settings(max_examples=60, deadline=None)
@given(random_graph())
def test_adding_a_tie_never_opens_a_fragility_gap(case):
    """Adding a co-signature between two actors of 05: isolated actors never appear,
    groups without public never grow, robust helix pairs are kept; and when both actors
    were already in one group, no articulation point or bridge appears."""
    b, _ = case
    actors = sorted(a["id"] for _, a in b.g.nodes(data=True)
                    if a.get("label") == "Actor" and a.get("department_code") == "05")
    if len(actors) < 2:
        return
    before = _node_sets(b.g)
    from pat_graph.analytics.base import context
    net = context(b.g).actor_network("05")
    u, v = f"Actor:{actors[0]}", f"Actor:{actors[-1]}"
    same = nx.has_path(net, u, v)
    robust_before = _robust_pairs(net)
    b.agreement("NEW", "05", [actors[0], actors[-1]])
    after = _node_sets(b.g)
    assert set(after.isolated) <= set(before.isolated)
    cut_off = lambda f: {a for grp in f.groups_without_public for a in grp}  # noqa: E731
    assert cut_off(after) <= cut_off(before) | set(before.isolated)
    assert robust_before <= _robust_pairs(context(b.g).actor_network("05"))
    if same:
        assert set(after.articulation_points) <= set(before.articulation_points)
        assert set(after.bridges) <= set(before.bridges)


# ------------------------------------------------------------------- brokers
def test_betweenness_krackhardt_kite():
    """Krackhardt (1990) kite; known normalised betweenness: Heather 0.389, Fernando and
    Garth 0.231, Ike 0.222, Diane 0.102, Andre and Beverly 0.023, others 0."""
    bc, sampled = betweenness(nx.krackhardt_kite_graph())
    got = [round(bc[i], 3) for i in range(10)]
    assert got == [0.023, 0.023, 0.0, 0.102, 0.0, 0.231, 0.231, 0.389, 0.222, 0.0]
    assert not sampled


def test_sampled_betweenness_is_seeded_and_close():
    """Above the threshold the estimate is reproducible with a seed and close to exact
    (a 300-node small-world graph, 100 pivots: measured max abs error 0.009-0.016 over
    seeds 0-4; the bound 0.03 leaves room without hiding a broken estimator, whose
    error is of the order of the largest values, ~0.1)."""
    g = nx.connected_watts_strogatz_graph(300, 8, 0.1, seed=1)
    exact = nx.betweenness_centrality(g)
    a, sampled = betweenness(g, seed=3, exact_max=100, pivots=100)
    b, _ = betweenness(g, seed=3, exact_max=100, pivots=100)
    assert sampled and a == b
    assert max(abs(a[n] - exact[n]) for n in g) < 0.03
    assert max(exact.values()) > 0.05


def test_burt_on_a_star_and_a_clique():
    """Burt (1992): a star's centre with n unconnected alters has effective size n and
    constraint n·(1/n)² = 1/n; in a clique of 4 each node has effective size 1 and
    constraint 3·(1/3 + 2·(1/3)(1/3))² = 3·(5/9)² = 0.9259."""
    star = nx.star_graph(4)
    assert nx.effective_size(star)[0] == 4 and nx.constraint(star)[0] == pytest.approx(0.25)
    k4 = nx.complete_graph(4)
    assert nx.effective_size(k4)[0] == 1
    assert nx.constraint(k4)[0] == pytest.approx(0.9259, abs=1e-4)


@pytest.mark.parametrize("groups, role", [
    (("A", "A", "A"), "coordinator"), (("A", "B", "A"), "itinerant"),
    (("A", "A", "B"), "representative"), (("A", "B", "B"), "gatekeeper"),
    (("A", "B", "C"), "liaison"),
])
def test_gould_fernandez_canonical_two_paths(groups, role):
    """Gould & Fernandez (1989, Fig. 1; sna::brokerage docs): on the directed two-path
    a -> v -> b with a not -> b the broker v plays exactly the pictured role once."""
    d = nx.DiGraph([("a", "v"), ("v", "b")])
    nx.set_node_attributes(d, dict(zip("avb", groups, strict=True)), "sector")
    counts = brokerage_roles(d)
    assert counts["v"] == {r: int(r == role) for r in ROLES}
    assert sum(counts["a"].values()) == sum(counts["b"].values()) == 0


def test_gould_fernandez_undirected_by_hand():
    """Undirected star centre v (publico) with alters p1, p2 (publico), e (privado):
    open pairs (p1,p2): coordinator ×2 (both directions); (p1,e), (p2,e): each gives
    representative 1 (p -> v -> e) + gatekeeper 1 (e -> v -> p). A closed triangle
    brokers nothing: adding p1-p2 removes the coordinator counts."""
    g = nx.star_graph(["v", "p1", "p2", "e"])
    nx.set_node_attributes(g, {"v": "publico", "p1": "publico", "p2": "publico",
                               "e": "privado"}, "sector")
    assert brokerage_roles(g)["v"] == {"coordinator": 2, "itinerant": 0, "representative": 2,
                                       "gatekeeper": 2, "liaison": 0}
    g.add_edge("p1", "p2")
    assert brokerage_roles(g)["v"]["coordinator"] == 0


def test_brokers_report_on_huila():
    """G is the top broker of Huila (betweenness: it lies on every path from DT/E to U/S:
    pairs (DT,U),(DT,S),(E,U),(E,S) -> 4 of C(7,2)=21 … normalised over the 8-node graph
    4/21 = 0.1905), U second (paths to S: (DT,S),(E,S),(G,S) -> 3/21 = 0.1429)."""
    rep = brokers(huila().g, "huila")
    top = [(s.actor_id, s.betweenness, s.is_articulation_point) for s in rep.scores[:2]]
    assert top == [("G", 0.190476, True), ("U", 0.142857, True)]
    with pytest.raises(NotFoundError):
        brokers(huila().g, "Narnia")


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 25), st.floats(0.1, 0.9), st.integers(0, 10_000))
def test_fast_burt_measures_match_networkx(n, p, seed):
    """Our O(Σ deg·min deg) constraint and effective size equal networkx's slow ones."""
    import math
    import random

    from pat_graph.analytics.brokerage import burt_constraint, effective_size

    g = nx.gnp_random_graph(n, p, seed=seed)
    rng = random.Random(seed)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.choice([1.0, 2.0, 3.0])
    ours, ref = burt_constraint(g), nx.constraint(g, weight="weight")
    es, es_ref = effective_size(g), nx.effective_size(g)
    for v in g:
        if math.isnan(ref[v]):
            assert math.isnan(ours[v]) and math.isnan(es[v])
        else:
            assert ours[v] == pytest.approx(ref[v]) and es[v] == pytest.approx(es_ref[v])
