"""A ficha's brokers on the demo data: exact betweenness (networkx's values) even for the
departments of more than 150 actors, which were estimated from 60 pivots before the
array kernels; the "muestra de pivotes" note only when a network is really sampled."""

from __future__ import annotations

import functools

import networkx as nx
import pytest
from demo_data import demo_graph

from pat_graph import analytics, report
from pat_graph.report import build

SAMPLED_NOTE = "muestra de pivotes"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    g = demo_graph(tmp_path_factory.mktemp("ficha-brokers"), 1)
    an = build.Analyses(g)
    code = max(sorted(an.ctx.departments), key=lambda c: len(an.ctx.actor_network(c)))
    return an, code


def test_largest_department_brokers_are_exact(demo):
    an, code = demo
    net = an.ctx.actor_network(code)
    assert len(net) > 150  # sampled (60 pivots) before
    f = report.ficha(an.ctx, code, analyses=an)
    assert f.brokers_sampled is False
    bc = nx.betweenness_centrality(net)
    top = sorted(net, key=lambda n: (-bc[n], -net.degree(n), n))[:build.TOP_BROKERS]
    # the share unrounded (the formatter rounds it, once, as ``pat-graph brokers``)
    expected = [(str(net.nodes[n].get("id", n)), net.degree(n), pytest.approx(bc[n], abs=1e-12))
                for n in top if bc[n] > 0]
    assert [(b.id, b.degree, b.betweenness) for b in f.brokers] == expected
    assert SAMPLED_NOTE not in report.render_ficha(f)


def test_sampled_note_when_the_network_is_sampled(demo, monkeypatch):
    """Above the analytics threshold the ficha still says its betweenness is estimated."""
    an, code = demo
    monkeypatch.setattr(build.analytics, "betweenness",
                        functools.partial(analytics.betweenness, exact_max=10, pivots=20))
    f = report.ficha(an.ctx, code, analyses=an)
    assert f.brokers_sampled is True
    assert SAMPLED_NOTE in report.render_ficha(f)
