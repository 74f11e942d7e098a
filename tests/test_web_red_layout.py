"""The department and actor networks in the viewer are readable at the opening zoom, on
the demo (every department): the main component fills the camera's fit (nodes with no
tie and small components set aside in rows just outside its box, deterministically)
and the opening labels do not overlap — as many as fit, by the one rule every view uses
(:func:`pat_graph.viz.network._apart`)."""

from __future__ import annotations

import pytest
from demo_data import demo_graph

from pat_graph import model
from pat_graph.report import Analyses
from pat_graph.viz import actor_view, department_view
from pat_graph.viz import network as net

#: The main component's box holds at least this share of the fitted box's longer side.
MAIN_SHARE = 0.8
#: Set-aside nodes lie within this share of the main box's longer side of it.
MARGIN = 0.25


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return Analyses(demo_graph(tmp_path_factory.mktemp("redlayout"), 0.3)).graph


@pytest.fixture(scope="module")
def payloads(graph):
    codes = sorted({a["department_code"] for _, a in graph.nodes(data=True)
                    if a.get("label") == model.TERRITORY and a.get("department_code")})
    assert len(codes) == 33
    return {c: net.from_view(department_view(graph, c), graph) for c in codes}


def _box(nodes, idx):
    xs = [nodes[i]["x"] for i in idx]
    ys = [nodes[i]["y"] for i in idx]
    return min(xs), max(xs), min(ys), max(ys)


def _side(box):
    return max(box[1] - box[0], box[3] - box[2])


def _check_fit(p):
    nodes = p["nodes"]
    comps = net._components(len(nodes), p["edges"])
    main = _box(nodes, comps[0])
    fitted = _box(nodes, range(len(nodes)))
    assert _side(main) >= MAIN_SHARE * _side(fitted), p["title"]
    room = MARGIN * _side(main)
    aside = [i for c in comps[1:] for i in c]
    for i in aside:
        x, y = nodes[i]["x"], nodes[i]["y"]
        assert main[0] - room <= x <= main[1] + room and main[2] - room <= y <= main[3] + room, \
            (p["title"], nodes[i]["n"])
    # an orderly row: no two set-aside nodes on the same spot
    assert len({(nodes[i]["x"], nodes[i]["y"]) for i in aside}) == len(aside)
    return len(aside)


def _overlap(a, b):
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _check_labels(p):
    nodes = p["nodes"]
    scale = net.fit_scale(nodes)
    top = [i for i, n in enumerate(nodes) if n.get("top")]
    assert 0 < len(top) <= net.TOP_LABELS
    boxes = {i: net.label_box(nodes[i], scale) for i in top}
    for a in top:
        for b in top:
            assert a == b or not _overlap(boxes[a], boxes[b]), (nodes[a]["l"], nodes[b]["l"])
    # as many as fit: every more-tied actor left without a label would overlap one taken
    ranked = sorted((i for i, n in enumerate(nodes) if n["t"] == model.ACTOR and n["g"]),
                    key=lambda i: (-nodes[i]["g"], nodes[i]["n"]))
    last = max(ranked.index(i) for i in top)
    for i in ranked[:last]:
        if i not in boxes:
            box = net.label_box(nodes[i], scale)
            assert any(_overlap(box, boxes[j]) for j in top), nodes[i]["l"]
    # no other label at the opening zoom: sigma's threshold is above every node's size
    assert p["label_size"] > max(n["z"] for n in nodes)


def test_every_department_fits_its_main_network(payloads):
    aside = {c: _check_fit(p) for c, p in payloads.items()}
    assert sum(1 for n in aside.values() if n) >= 3  # the demo has departments with isolates
    assert aside["27"] >= 1  # Chocó, the one reported


def test_every_department_opens_with_labels_apart(payloads):
    for p in payloads.values():
        _check_labels(p)


def test_positions_are_deterministic(graph, payloads):
    again = net.from_view(department_view(graph, "27"), graph)
    assert [(n["id"], n["x"], n["y"]) for n in again["nodes"]] == \
        [(n["id"], n["x"], n["y"]) for n in payloads["27"]["nodes"]]


def test_actor_view_fits_and_labels_apart(graph):
    gob = next(n for n, a in graph.nodes(data=True)
               if a.get("label") == model.ACTOR and a.get("name") == "Gobernación del Chocó")
    p = net.from_view(actor_view(graph, gob), graph)
    _check_fit(p)
    _check_labels(p)


def test_small_components_go_in_rows_under_the_body():
    body = [{"x": float(i % 10) * 10, "y": float(i // 10) * 10, "n": f"c{i:02d}"}
            for i in range(50)]
    pair = [{"x": 5000.0, "y": 5000.0, "n": "par a"}, {"x": 5100.0, "y": 5000.0, "n": "par b"}]
    alone = [{"x": -3000.0 - i, "y": 900.0 * i, "n": f"solo {i:02d}"} for i in range(40)]
    nodes = body + pair + alone
    edges = [[i, i + 1] for i in range(49)] + [[50, 51]]
    net._set_aside(nodes, edges)
    p = {"nodes": nodes, "edges": edges, "title": "prueba"}
    assert _check_fit(p) == 42
    under = [n for n in nodes[50:]]
    assert all(n["y"] < 0 for n in under)  # below the body (its lowest y is 0)
    assert 0 < nodes[51]["x"] - nodes[50]["x"] < 10  # the pair keeps its shape, shrunk
    assert nodes[50]["x"] < nodes[52]["x"] or nodes[50]["y"] > nodes[52]["y"]  # larger first
