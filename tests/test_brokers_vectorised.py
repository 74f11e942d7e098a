"""The vectorised broker measures (sparse/dense products) against slow references.

Burt's constraint and effective size are checked against networkx on random weighted
graphs with isolated nodes; the Gould–Fernandez roles against the two-path walk the
module used before (kept here, in the test, as the reference) on random undirected and
directed graphs, with self-loops, isolated nodes and a ``None`` group; ``brokers()``
against a report built from the references on every department of the demo. The
BLAS and the blocked sparse products (larger networks) are forced on small graphs so
every path meets the same references.
"""

from __future__ import annotations

import importlib
import math
import random
from typing import Any

import networkx as nx
import pytest
from demo_data import demo_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_graph import analytics
from pat_graph.analytics import kernels

B = importlib.import_module("pat_graph.analytics.brokerage")


# ---------------------------------------------------------------------- references
def reference_roles(net: nx.Graph | nx.DiGraph, group: str = "sector") -> dict[Any, dict[str, int]]:
    """Walk every two-path a -> v -> b (a != b, no arc a -> b) and classify it."""
    d = net if net.is_directed() else net.to_directed(as_view=True)
    grp = {n: net.nodes[n].get(group) for n in net}
    out = {n: dict.fromkeys(B.ROLES, 0) for n in net}
    for v in d:
        for a in d.predecessors(v):
            if a == v:
                continue
            for b in d.successors(v):
                if b in (v, a) or d.has_edge(a, b):
                    continue
                out[v][B.role_of(grp[a], grp[v], grp[b])] += 1
    return out


def reference_report(ctx: analytics.Context, code: str) -> list[tuple]:
    """The rows of brokers() from networkx's constraint and effective size and the walk."""
    net = ctx.actor_network(code)
    bc, _ = B.betweenness(net)
    con = nx.constraint(net, weight="weight")
    es = nx.effective_size(net)
    roles = reference_roles(net)
    cut = set(nx.articulation_points(net))

    def r(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 6)

    rows = [(str(net.nodes[n].get("id", n)), net.degree(n), round(bc[n], 6), r(con[n]), r(es[n]),
             *roles[n].values(), n in cut) for n in net]
    rows.sort(key=lambda t: (-t[2], -sum(t[5:10]), t[0]))
    return rows


def random_net(seed: int, directed: bool = False, loops: bool = False) -> nx.Graph:
    rng = random.Random(seed)
    n = rng.randint(1, 40)  # networkx's constraint fails on the empty graph
    g = nx.gnp_random_graph(n, rng.random(), seed=seed, directed=directed)
    g.add_nodes_from(range(n, n + rng.randint(0, 3)))  # isolated actors
    groups = ["publico", "privado", "academico", None][: rng.randint(1, 4)]
    for v in g:
        g.nodes[v]["sector"] = rng.choice(groups)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.choice([1, 2, 3, 0.5])
    if loops and n:
        g.add_edges_from((v, v) for v in rng.sample(range(n), min(n, 3)))
    return g


@pytest.fixture(params=["sparse-dense", "blas", "blocked"])
def path(request, monkeypatch):
    """Run a test on each kind of product: sparse × dense (small networks), dense BLAS,
    and sparse in blocks of rows (large networks)."""
    if request.param == "blas":
        monkeypatch.setattr(B, "_BLAS_MIN_NODES", 0)
    if request.param == "blocked":
        monkeypatch.setattr(B, "DENSE_MAX_NODES", 0)
        monkeypatch.setattr(B, "_BLOCK_CELLS", 64)  # a few rows per block
    return request.param


def assert_close(ours: dict, ref: dict) -> None:
    assert list(ours) == list(ref)
    for v, x in ref.items():
        if math.isnan(x):
            assert math.isnan(ours[v]), v
        else:
            assert ours[v] == pytest.approx(x, abs=1e-9, rel=1e-9), v


# ---------------------------------------------------------------------- Burt
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000))
def test_constraint_equals_networkx(seed):
    g = random_net(seed)
    assert_close(B.burt_constraint(g), nx.constraint(g, weight="weight"))
    assert_close(B.burt_constraint(g, weight=None), nx.constraint(g))
    assert_close(B.effective_size(g), nx.effective_size(g))


@pytest.mark.parametrize("seed", range(12))
def test_constraint_on_both_paths(path, seed):
    g = random_net(seed)
    assert_close(B.burt_constraint(g), nx.constraint(g, weight="weight"))
    assert_close(B.effective_size(g), nx.effective_size(g))


def test_local_constraints_sum_to_ours():
    """c_i is the sum of networkx's local_constraint(i, j) over the neighbours j."""
    g = random_net(7)
    ours = B.burt_constraint(g)
    for i in g:
        if len(g[i]):
            local = sum(nx.local_constraint(g, i, j, weight="weight") for j in g[i])
            assert ours[i] == pytest.approx(local, abs=1e-9)


def test_constraint_ignores_self_loops_and_reads_an_adjacency():
    g = random_net(11)
    ref = nx.constraint(g, weight="weight")
    g.add_edge(0, 0, weight=5)
    assert_close(B.burt_constraint(g), ref)
    assert_close(B.burt_constraint(kernels.adjacency(g, "weight")), ref)


# ---------------------------------------------------------------------- Gould–Fernandez
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000), st.booleans(), st.booleans())
def test_roles_equal_the_two_path_walk(seed, directed, loops):
    g = random_net(seed, directed, loops)
    assert B.brokerage_roles(g) == reference_roles(g)
    multi = nx.MultiDiGraph(g) if directed else nx.MultiGraph(g)
    multi.add_edges_from(list(g.edges())[:3])  # parallel ties: the same two-paths
    assert B.brokerage_roles(multi) == reference_roles(g)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("directed", [False, True])
def test_roles_on_both_paths(path, seed, directed):
    g = random_net(seed, directed, loops=True)
    assert B.brokerage_roles(g) == reference_roles(g)


def test_effective_size_of_directed_and_multigraphs_reads_one_tie_per_pair():
    def simple(g):
        s = nx.Graph(g.edges())
        s.add_nodes_from(g)
        return s

    g = random_net(5, directed=True)
    assert_close(B.effective_size(g), nx.effective_size(simple(g)))
    multi = nx.MultiGraph(simple(g))
    multi.add_edges_from(list(multi.edges())[:5])  # parallel ties
    assert_close(B.effective_size(multi), nx.effective_size(simple(multi)))


@pytest.mark.parametrize("empty", [nx.Graph(), nx.DiGraph()])
def test_empty_networks(empty):
    assert B.brokerage_roles(empty) == {}
    if not empty.is_directed():
        assert B.burt_constraint(empty) == {} and B.effective_size(empty) == {}


def test_roles_of_a_mixed_undirected_star():
    """A centre of sector A with two A leaves and one B leaf, all leaves unconnected:
    coordinator 2 (A-A both ways), representative 2 and gatekeeper 2 (A-B, B-A)."""
    g = nx.star_graph(3)
    nx.set_node_attributes(g, {0: "A", 1: "A", 2: "A", 3: "B"}, "sector")
    assert B.brokerage_roles(g)[0] == {"coordinator": 2, "itinerant": 0, "representative": 2,
                                       "gatekeeper": 2, "liaison": 0}


# ---------------------------------------------------------------------- brokers() on the demo
@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory):
    return analytics.context(demo_graph(tmp_path_factory.mktemp("brokers-vec"), 0.3), None)


def test_brokers_report_equals_the_references_on_every_department(demo_ctx):
    for code in sorted(demo_ctx.departments):
        rep = analytics.brokers(demo_ctx, code)
        ours = [(s.actor_id, s.degree, s.betweenness, s.constraint, s.effective_size,
                 s.coordinator, s.itinerant, s.representative, s.gatekeeper, s.liaison,
                 s.is_articulation_point) for s in rep.scores]
        assert ours == reference_report(demo_ctx, code), code


# ---------------------------------------------------------------------- benchmark phase
def test_benchmark_times_brokers_against_its_baseline_in_the_same_run(tmp_path):
    """`--phases brokers` also runs brokers_baseline (the code before vectorising) on the
    same department; the brokers phase carries the baseline's time, the speed-up and
    whether both gave the same report."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "r.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "run", "--scale", "0.05", "--no-neo4j",
         "--no-browser", "--phases", "brokers", "--out", str(out)],
        cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=600,
        env={**os.environ, "PAT_BENCH_REPEATS": "1"})
    assert proc.returncode == 0, proc.stderr
    [scale] = json.loads(out.read_text(encoding="utf-8"))["scales"]
    new, old = scale["phases"]["brokers"], scale["phases"]["brokers_baseline"]
    assert new["department"] == old["department"] and new["rows"] == old["rows"] > 0
    assert new["same_report_as_baseline"] is True
    assert new["baseline_s"] == old["seconds"]
    assert new["speedup"] == round(old["seconds"] / new["seconds"], 2)
    assert "before vectorising" in proc.stdout and "target brokers_speedup_x0.05" in proc.stdout
