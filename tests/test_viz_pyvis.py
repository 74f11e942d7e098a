"""``to_pyvis``: a demo department view as a pyvis network with our nodes, edges and styling."""

from __future__ import annotations

from collections import Counter

import pytest
from demo_data import demo_graph
from pyvis.network import Network

from pat_graph import model, viz
from pat_graph.viz import style


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_graph(tmp_path_factory.mktemp("pyvis-demo"), 0.3)


@pytest.fixture(scope="module")
def antioquia(demo):
    return demo, viz.department_view(demo, "05", gaps=True,
                                     recommendations=[("A-00001", "A-00002", "prueba")])


def test_same_nodes_labels_colours_and_sizes(antioquia):
    g, view = antioquia
    net = viz.to_pyvis(view)
    assert isinstance(net, Network)
    assert view.n_nodes > 100  # a realistic department, not a toy
    by_id = {n["id"]: n for n in net.nodes}
    assert set(by_id) == set(view.graph.nodes) and len(net.nodes) == view.n_nodes
    sectors = Counter()
    for node_id, n in by_id.items():
        data = g.nodes[node_id]
        if data["label"] == model.ACTOR:
            # colour of the actor's sector, from the graph itself
            assert n["color"]["background"] == style.sector_color(data["sector"])
            sectors[data["sector"]] += 1
        else:
            assert n["color"]["background"] == style.LABEL_COLORS[data["label"]]
        assert n["shape"] == style.LABEL_SHAPES[data["label"]]
        name = str(data.get("acronym") or data.get("name") or node_id)
        assert name.startswith(n["label"].rstrip("…"))
        assert 8.0 <= n["size"] <= 40.0
    assert len(sectors) >= 4
    sizes = {n["size"] for n in net.nodes}
    assert len(sizes) > 5  # sized by betweenness, not uniform
    arts = {n["id"] for n in view.payload["nodes"] if n.get("a")}
    assert all(n["borderWidth"] == (4 if n["id"] in arts else 1) for n in net.nodes)


def test_articulation_points_keep_their_red_border(demo):
    view = viz.department_view(demo, "99", gaps=True)  # Vichada: one actor holds the network
    net = viz.to_pyvis(view)
    arts = set(view.graph.nodes) & {n["id"] for n in view.payload["nodes"] if n.get("a")}
    assert arts
    for n in net.nodes:
        assert (n["borderWidth"], n["color"]["border"]) == (
            (4, "#D62728") if n["id"] in arts else (1, "#333333"))


def test_same_edges_widths_and_recommendations(antioquia):
    g, view = antioquia
    net = viz.to_pyvis(view)
    assert len(net.edges) == view.n_edges
    drawn = Counter(frozenset((e["from"], e["to"])) for e in net.edges)
    linked = {frozenset((u, v)) for u, v, d in view.graph.edges(data=True) if u != v}
    recommended = [e for e in net.edges if e["dashes"] and e["id"].startswith("r")]
    assert len(recommended) == 1
    rec = recommended[0]
    assert {rec["from"], rec["to"]} == {"Actor:A-00001", "Actor:A-00002"}
    assert rec["color"]["color"] == style.EXTRA_REL_STYLES[style.RECOMMENDED][0]
    # every tie of the graph is drawn once; only the recommendation may repeat a pair
    assert set(drawn) - {frozenset((rec["from"], rec["to"]))} <= linked
    assert linked <= set(drawn)
    assert all(c == 1 for p, c in drawn.items() if p != frozenset((rec["from"], rec["to"])))
    for e in net.edges:
        if e["id"].startswith("e"):
            rtype = view.payload["edges"][int(e["id"][1:])]["type"]
            assert e["color"]["color"] == style.REL_STYLES[rtype][0]
            assert e["width"] >= 1.0
    assert max(e["width"] for e in net.edges) > 1.0  # weighted ties


def test_physics_follows_the_page(antioquia):
    _, view = antioquia
    net = viz.to_pyvis(view)
    assert net.options.physics.enabled is view.payload["options"]["physics"]
    html = net.generate_html()
    assert html.count('"id": "Actor:') == sum(1 for n in view.payload["nodes"]
                                             if n["id"].startswith("Actor:"))
