"""The generated pages, opened in headless Chromium with the network cut off.

Asserted from the page itself: nodes and edges drawn equal the view's, the legend
lists every sector present, search finds an actor, no request leaves the page,
no script error, the XSS name stays inert. A screenshot per view is saved in
``test-artifacts/``. Without Chromium these tests skip locally and FAIL under CI=true.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cdp import Chromium

from pat_graph import viz
from pat_graph.chromium import find_chromium
from pat_graph.graph import graph_from_records
from pat_graph.model import EdgeRecord as E
from pat_graph.model import NodeRecord as N
from pat_graph.viz.views import _example_graph

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
XSS = "<img src=x onerror=alert(1)>"


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def browser():
    if not find_chromium():
        if _ci():
            pytest.fail("Chromium no está instalado y CI=true: instale el paquete Debian `chromium`.")
        pytest.skip("Chromium no está instalado (en CI esto es un fallo)")
    with Chromium() as b:
        yield b


@pytest.fixture(scope="module")
def rich_graph():
    """Five sectors, an XSS-named actor, a national programme and a network."""
    nodes = [N("Territory", "CO", {"name": "Colombia", "kind": "nation"}),
             N("Territory", "50", {"name": "Meta", "kind": "department"}),
             N("Territory", "50001", {"name": "Villavicencio", "kind": "municipality",
                                      "department_code": "50"}),
             N("Instance", "I1", {"name": "Subcomisión del Meta", "kind": "subcomision_concertacion",
                                  "department_code": "50"}, "instancias.csv", 2),
             N("Instance", "RN", {"name": "Red ORMET nacional", "kind": "red_ormet"}),
             N("Agreement", "G1", {"name": "Alianza por el empleo", "department_code": "50"},
               "acuerdos.csv", 2),
             N("Program", "P1", {"name": "Servicio Público de Empleo", "owner": "A0"},
               "programas.csv", 2),
             N("Actor", "A0", {"name": "Unidad del Servicio Público de Empleo", "sector": "publico",
                               "level": "nacional"}, "actores.csv", 2)]
    sectors = ["publico", "privado", "academico", "comunitario", "cooperacion"]
    edges = [E("OWNS", "Actor", "A0", "Program", "P1"),
             E("LINKED_TO", "Program", "P1", "Territory", "50001", "implementacion",
               {"kind": "implementacion"}, "articulaciones.csv", 2),
             E("PART_OF", "Territory", "50001", "Territory", "50")]
    for i in range(25):
        name = XSS if i == 7 else f"Actor {i} — Meta"
        nodes.append(N("Actor", f"A{i + 1}", {"name": name, "sector": sectors[i % 5],
                                              "kind": "empresa" if i % 2 else "ong",
                                              "department_code": "50"}, "actores.csv", i + 3))
        edges.append(E("PARTICIPATES_IN", "Actor", f"A{i + 1}", "Instance", "I1" if i < 15 else "RN",
                       str(i), {"role": "miembro"}, "participaciones.csv", i + 2))
        if i % 3 == 0:
            edges.append(E("SIGNED", "Actor", f"A{i + 1}", "Agreement", "G1"))
    edges.append(E("IMPLEMENTS", "Actor", "A2", "Program", "P1"))
    return graph_from_records(nodes, edges, loaded_at="2024-05-01T00:00:00Z")


def _open(browser, view, tmp_path, name):
    path = view.save(tmp_path / f"{name}.html")
    page = browser.open(path.resolve().as_uri())
    page.wait_for("window.PAT && PAT.stable", timeout=90)
    time.sleep(0.2)
    return page


def _common_checks(page, view, name):
    state = page.evaluate("""({
        nodes: PAT.network.body.data.nodes.length,
        edges: PAT.network.body.data.edges.length,
        drawnNodes: PAT.network.body.nodeIndices.length,
        drawnEdges: PAT.network.body.edgeIndices.length,
        errors: PAT.errors, violations: PAT.violations,
        imgs: document.images.length,
        alerted: !!window.__alerted
    })""")
    assert state["nodes"] == view.n_nodes == state["drawnNodes"]
    assert state["edges"] == view.n_edges == state["drawnEdges"]
    assert state["errors"] == [] and state["violations"] == []
    assert page.errors == [], page.errors
    assert page.external_requests == [], page.external_requests
    assert state["imgs"] == 0 and not state["alerted"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / f"viz_{name}.png")


ALERT_TRAP = "window.alert = function () { window.__alerted = true; };"


def test_department_page(browser, rich_graph, tmp_path):
    view = viz.department_view(rich_graph, "50", gaps=True,
                               recommendations=[("A2", "A20", "misma cadena productiva")])
    path = view.save(tmp_path / "meta.html")
    page = browser.open(path.resolve().as_uri(), before_load=ALERT_TRAP)
    page.wait_for("window.PAT && PAT.stable", timeout=90)
    _common_checks(page, view, "departamento")
    # legend lists every sector present, in Spanish
    legend = page.evaluate("Array.from(document.querySelectorAll('#pat-legend-sectors span:last-child'))"
                           ".map(e => e.textContent)")
    assert legend == ["Público", "Privado", "Académico", "Comunitario", "Cooperación"]
    # search finds an actor, through the real input box, accent-insensitively
    page.type_text("#pat-search", "actor 12 — meta")
    hits = page.wait_for("Array.from(document.querySelectorAll('#pat-search-results li'))"
                         ".map(li => li.textContent)")
    assert hits == ["Actor 12 — Meta"]
    page.evaluate("document.querySelector('#pat-search-results li').click()")
    assert page.evaluate("PAT.network.getSelectedNodes()") == ["Actor:A13"]
    details = page.evaluate("document.getElementById('pat-details').textContent")
    assert "actores.csv" in details and "Procedencia" in details
    # the XSS name is shown as text and never becomes an element
    page.evaluate("PAT.focus('Actor:A8')")
    assert page.evaluate("document.querySelector('#pat-details h3').textContent") == XSS
    assert page.evaluate("document.querySelectorAll('#pat-details img, img').length") == 0
    assert page.evaluate("PAT.search('onerror')") == ["Actor:A8"]
    # filters hide nodes; physics toggles
    shown = page.evaluate("PAT.setFilter('s', 'privado')")
    assert shown == view.n_nodes - sum(1 for n in view.payload["nodes"]
                                       if n["t"] == "Actor" and n.get("s") != "privado")
    page.evaluate("PAT.setFilter('s', '')")
    page.evaluate("document.getElementById('pat-physics').click()")
    assert page.evaluate("PAT.network.physics.physicsEnabled") is True
    # gaps panel and a dashed recommended edge
    assert page.evaluate("document.querySelectorAll('#pat-gaps h3').length") == 4
    assert page.evaluate("PAT.edges.get('r0').dashes") is True
    assert not page.evaluate("!!window.__alerted")
    page.close()


@pytest.mark.parametrize("which", ["actor", "programa", "nacional"])
def test_other_views(browser, rich_graph, tmp_path, which):
    if which == "actor":
        view = viz.actor_view(rich_graph, "A1", hops=2)
    elif which == "programa":
        view = viz.program_view(rich_graph, "P1")
    else:
        view = viz.national_view(rich_graph, gap_index={"50": 3.0})
    page = _open(browser, view, tmp_path, which)
    _common_checks(page, view, which)
    page.close()


def test_demo_department_page(browser, tmp_path):
    """A realistic department of the demo dataset (hundreds of nodes, physics off)."""
    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    generate_demo(tmp_path / "datos", seed=7, scale=0.3)
    store = SQLiteStore(tmp_path / "s.sqlite")
    try:
        load_paths([tmp_path / "datos"], store)
        g = store.read_graph()
    finally:
        store.close()
    view = viz.department_view(g, "05", gaps=True)
    page = _open(browser, view, tmp_path, "demo_05")
    _common_checks(page, view, "demo_antioquia")
    page.close()


def test_example_view_is_inert_in_jupyter_iframe(browser, tmp_path):
    """The notebook form (iframe srcdoc) renders the same page."""
    view = viz.department_view(_example_graph(), "05")
    host = tmp_path / "nb.html"
    host.write_text("<!DOCTYPE html><html><body><script>window.addEventListener('message',"
                    " e => { window.__pat = e.data; });</script>" + view._repr_html_()
                    + "</body></html>", encoding="utf-8")
    page = browser.open(host.as_uri())
    msg = page.wait_for("window.__pat", timeout=60)
    assert msg == {"patGraph": "drawn", "nodes": view.n_nodes, "edges": view.n_edges}
    assert page.external_requests == [] and page.errors == []
    page.close()


#: names that used to be placeholders of the page, or that try to end its elements
HOSTILE = ["{{VIS_JS}}", "{{DATA}}", "{{APP_JS}}", "{{ css }}", "</script>", XSS,
           "<!-- <script>", "línea\u2028nueva"]


def test_hostile_names_render_inert(browser, tmp_path):
    """Names that look like template placeholders or markup are shown as text; the page draws."""
    nodes = [N("Territory", "50", {"name": "Meta", "kind": "department"}),
             N("Instance", "I1", {"name": "{{TITLE}}", "kind": "mesa_tecnica",
                                  "department_code": "50"})]
    edges = []
    for i, name in enumerate(HOSTILE):
        nodes.append(N("Actor", f"H{i}", {"name": name, "sector": "publico",
                                          "department_code": "50"}))
        edges.append(E("PARTICIPATES_IN", "Actor", f"H{i}", "Instance", "I1"))
    view = viz.department_view(graph_from_records(nodes, edges), "50")
    path = view.save(tmp_path / "hostil.html")
    page = browser.open(path.resolve().as_uri(), before_load=ALERT_TRAP)
    page.wait_for("window.PAT && PAT.stable", timeout=90)
    _common_checks(page, view, "nombres_hostiles")
    assert view.n_nodes == len(HOSTILE) + 1
    names = page.evaluate("PAT.data.nodes.map(n => n.name)")
    assert sorted(names) == sorted([*HOSTILE, "{{TITLE}}"])
    for i, name in enumerate(HOSTILE):
        page.evaluate(f"PAT.focus('Actor:H{i}')")
        assert page.evaluate("document.querySelector('#pat-details h3').textContent") == name
    assert page.evaluate("document.scripts.length") == 3  # data, vis-network, app: none added
    assert page.evaluate("typeof vis.Network") == "function"
    page.close()


def test_pyvis_network_draws_the_view(browser, rich_graph, tmp_path):
    """``to_pyvis``'s network, written by pyvis itself, draws the view's nodes and edges."""
    view = viz.department_view(rich_graph, "50", gaps=True,
                               recommendations=[("A2", "A20", "misma cadena productiva")])
    path = tmp_path / "pyvis.html"
    path.write_text(viz.to_pyvis(view, notebook=False).generate_html(), encoding="utf-8")
    page = browser.open(path.resolve().as_uri(), before_load=ALERT_TRAP)
    page.wait_for("typeof network !== 'undefined' && network.body.nodeIndices.length", timeout=90)
    state = page.evaluate("({n: network.body.nodeIndices.length, e: network.body.edgeIndices.length,"
                          " border: network.body.data.nodes.get('Actor:A8').color.border})")
    assert state == {"n": view.n_nodes, "e": view.n_edges,
                     "border": "#D62728" if "Actor:A8" in {
                         n["id"] for n in view.payload["nodes"] if n.get("a")} else "#333333"}
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert not page.evaluate("!!window.__alerted")
    page.screenshot(ARTIFACTS / "viz_pyvis.png")
    page.close()
