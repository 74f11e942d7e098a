"""HTTP tests of the network viewer (/red) through Flask's test client: its data is the
library's (the one actor projection, the department and actor views), positions stay
put across reloads, vistas and dates, the details speak Spanish, bad parameters give a
Spanish page, hostile names stay data; same answer on SQLite and Neo4j."""

from __future__ import annotations

import pytest
from web_fixtures import HOSTILE, HOSTILE_ID, load_into

from pat_graph import model
from pat_graph.analytics.projection import actor_projection
from pat_graph.report import Analyses
from pat_graph.viz import department_view
from pat_graph.viz.network import as_of_dates, drawn_graph
from pat_graph.web import create_app


def _ties(data):
    ids = [n["id"] for n in data["nodes"]]
    return {tuple(sorted((ids[i], ids[j]))): w for i, j, w, _ in data["edges"]}


def test_actor_network_is_the_one_projection(client, graph):
    data = client.get("/red?formato=json").json
    g = Analyses(graph).graph  # the analyses' graph (what every page shows)
    proj = actor_projection(g)
    assert data["vista"] == "actores"
    assert {n["id"] for n in data["nodes"]} == set(proj.nodes)
    assert _ties(data) == {tuple(sorted((a, b))): w for a, b, w in proj.edges(data="weight")}
    assert all(n["t"] == model.ACTOR for n in data["nodes"])
    assert any(n.get("top") for n in data["nodes"])  # the opening zoom's labels
    # relation bits: the two kinds of tie source, each tie tagged with at least one
    assert [r["name"] for r in data["rels"]] == ["Comparten una instancia", "Firmaron un acuerdo"]
    assert all(1 <= e[3] <= 3 for e in data["edges"])


def test_full_graph_vista(client, graph):
    data = client.get("/red?vista=completa&formato=json").json
    drawn = drawn_graph(Analyses(graph).graph)
    assert {n["id"] for n in data["nodes"]} == set(drawn.nodes)
    assert {n["t"] for n in data["nodes"]} >= {model.ACTOR, model.INSTANCE, model.AGREEMENT}
    assert model.TERRITORY not in {n["t"] for n in data["nodes"]}
    pairs = {tuple(sorted((u, v))) for u, v in drawn.edges()}
    assert set(_ties(data)) == pairs


def test_positions_are_stable_across_reloads_vistas_and_dates(client):
    a = client.get("/red?formato=json").json
    b = client.get("/red?formato=json").json
    full = client.get("/red?vista=completa&formato=json").json
    old = client.get("/red?fecha=01/01/2016&formato=json").json
    where = {n["id"]: (n["x"], n["y"]) for n in a["nodes"]}
    assert where == {n["id"]: (n["x"], n["y"]) for n in b["nodes"]}
    for other in (full, old):
        for n in other["nodes"]:
            if n["id"] in where:
                assert (n["x"], n["y"]) == where[n["id"]]
    assert len(old["edges"]) < len(a["edges"])  # the fecha de corte cuts the graph


def test_slider_dates_are_the_data_dates(client, graph):
    data = client.get("/red?formato=json").json
    assert [d[0] for d in data["dates"]] == as_of_dates(graph)
    assert ["2023-04-10", "10/04/2023"] in data["dates"]  # AC-01 signed


def test_department_and_actor_networks_are_their_views(client, graph):
    data = client.get("/red?departamento=meta&formato=json").json
    view = department_view(Analyses(graph).graph, "50", gaps=True)
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in view.payload["nodes"]}
    assert "gaps" in data
    actor = client.get("/red?actor=A-03&formato=json").json
    assert "Actor:A-03" in {n["id"] for n in actor["nodes"]}
    html = client.get("/red?departamento=50").get_data(as_text=True)
    assert "Red de Meta (50)" in html and 'href="/departamento/50"' in html


def test_department_and_actor_network_pages_are_the_viewer(client):
    html = client.get("/departamento/50/red").get_data(as_text=True)
    assert 'data-datos="/red?departamento=50&amp;formato=json"' in html
    assert "/estaticos/sigma.min.js" in html and 'class="marco"' not in html
    framed = client.get("/actor/A-03/red?marco=1").get_data(as_text=True)
    assert 'class="marco"' in framed and 'data-datos="/red?actor=A-03&amp;formato=json"' in framed
    page = client.get("/departamento/50").get_data(as_text=True)
    assert 'src="/departamento/50/red?marco=1"' in page


def test_node_details_in_spanish_with_its_page(client):
    d = client.get("/api/red/nodo?id=Actor:A-03").json
    assert d["url"] == "/actor/A-03" and d["name"] == "Gobernación del Meta"
    assert d["p"]["Sector"] == "Público" and d["p"]["Tipo"] == "Gobernación"
    assert "publico" not in d["p"].values() and "sector" not in d["p"]
    inst = client.get("/api/red/nodo?id=Instance:I-01&fecha=31/12/2024").json
    assert inst["url"].startswith("/instancia/I-01")  # its own page, keeping the fecha
    assert "fecha=31" in inst["url"]


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/red?vista=planeta", 400, "vista «planeta» no reconocida"),
    ("/red?departamento=Antiokia", 404, "¿quiso decir Antioquia"),
    ("/red?departamento=50&actor=A-03", 400, "no las dos"),
    ("/red?actor=nadie-existe&formato=json", 404, "No existe el actor"),
    ("/red?fecha=31/02/2024", 400, "fecha inválida"),
    ("/api/red/nodo?id=Actor:nadie", 404, "No existe el nodo"),
    ("/api/red/nodo", 404, "No existe el nodo"),
])
def test_bad_parameters_give_a_spanish_page(client, url, status, words):
    r = client.get(url)
    text = r.get_data(as_text=True)
    assert r.status_code == status, text[:300]
    assert words in text and "Traceback" not in text


def test_hostile_names_stay_data(client):
    html = client.get(f"/red?actor={HOSTILE_ID}").get_data(as_text=True)
    assert "<img src=x" not in html and "alert(2)</script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    data = client.get(f"/red?actor={HOSTILE_ID}&formato=json").json
    assert HOSTILE in {n["n"] for n in data["nodes"]}
    r = client.get("/red")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.get_data(as_text=True)


def test_vendored_libraries_are_served(client):
    for name, marker in (("sigma.min.js", "Sigma"), ("graphology.umd.min.js", "graphology"),
                         ("red.js", "PAT")):
        r = client.get(f"/estaticos/{name}")
        assert r.status_code == 200 and r.mimetype == "text/javascript"
        assert marker in r.get_data(as_text=True)
        assert "http://" not in r.get_data(as_text=True).replace("http:/\"+\"/", "")


def test_warm_prepares_the_national_network(store_path):
    app = create_app(str(store_path))
    wb = app.extensions["pat_graph_workbench"]
    app.extensions["pat_graph_warm"]()
    text = wb.memo(("red-json", "actores", None), lambda: pytest.fail("not warmed"))
    assert text == app.test_client().get("/red?formato=json").get_data(as_text=True)


def test_department_and_actor_pages_link_the_viewer(client):
    assert "/red?departamento=50" in client.get("/departamento/50").get_data(as_text=True)
    assert "/red?actor=A-03" in client.get("/actor/A-03").get_data(as_text=True)
    assert 'href="/red"' in client.get("/").get_data(as_text=True)


@pytest.mark.neo4j
def test_same_network_on_neo4j(neo4j_store, client, tmp_path):
    load_into(neo4j_store, tmp_path)
    neo = create_app(store=neo4j_store).test_client()
    for url in ("/red?formato=json", "/red?vista=completa&formato=json",
                "/red?departamento=50&formato=json"):
        a, b = neo.get(url), client.get(url)
        assert a.status_code == b.status_code == 200
        ja, jb = a.json, b.json
        assert {n["id"]: (n["x"], n["y"]) for n in ja["nodes"]} == \
            {n["id"]: (n["x"], n["y"]) for n in jb["nodes"]}, url
        assert _ties(ja) == _ties(jb), url
