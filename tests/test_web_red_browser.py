"""Browser tests of the network viewer (/red) with Playwright driving Debian's chromium
(the fixtures of test_web_browser: no browser download; FAIL, not skip, under CI=true):
the national view opens, a click on a node highlights its neighbourhood and links to
its page, filters leave no orphan, the vista toggle, the time slider sets the fecha,
the PNG download is a PNG; no console error, no request to another origin."""

from __future__ import annotations

import re

import pytest
import test_web_browser as shared

# the fixtures of test_web_browser (one server, Debian's chromium, a page that records problems)
server, browser, page = shared.server, shared.browser, shared.page

pytestmark = pytest.mark.browser


def _open(page, server, path="/red"):
    page.goto(server + path, wait_until="load")
    page.wait_for_selector("#pat-network[data-listo]", timeout=30000)
    return page.evaluate("({n: PAT.data.nodes.length, e: PAT.data.edges.length})")


def test_national_view_opens_with_labels_and_counts(page, server):
    size = _open(page, server)
    assert size["n"] > 5 and size["e"] > 5
    assert page.locator("#pat-network canvas").count() >= 2
    assert "nodos" in page.locator("#red-conteo").inner_text()
    assert page.evaluate("PAT.data.nodes.some(n => n.top)")
    assert page.problems == []


def test_clicking_a_node_highlights_its_neighbourhood_and_links_its_page(page, server):
    _open(page, server)
    xy = page.evaluate("""() => {
        const r = PAT.renderer, d = r.getNodeDisplayData('Actor:A-03');
        return r.framedGraphToViewport(d);
    }""")
    box = page.locator("#pat-network").bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_function("PAT.selected === 'Actor:A-03'", timeout=5000)
    neighbours = page.evaluate("PAT.neighbours")
    assert neighbours and "Actor:A-03" not in neighbours
    link = page.locator("#red-enlace a")
    link.wait_for(timeout=5000)
    assert link.get_attribute("href") == "/actor/A-03"
    assert "Público" in page.locator("#red-detalle").inner_text()
    link.click()
    page.wait_for_url("**/actor/A-03")
    assert page.problems == []


def test_search_finds_every_kind(page, server):
    _open(page, server, "/red?vista=completa")
    page.fill("#red-buscar", "subcomision")
    page.locator("#red-resultados li").first.wait_for(timeout=5000)
    first = page.locator("#red-resultados li").first.get_attribute("data-id")
    assert first.startswith("Instance:")
    page.locator("#red-resultados li").first.click()
    assert page.evaluate("PAT.selected") == first
    assert page.problems == []


@pytest.mark.parametrize(("select", "path"), [
    ("#red-f-sector", "/red"), ("#red-f-relacion", "/red"),
    ("#red-f-instancia", "/red?vista=completa"), ("#red-f-tipo", "/red?vista=completa"),
])
def test_filters_never_leave_orphans(page, server, select, path):
    size = _open(page, server, path)
    values = page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)")[1:]
    assert values
    for v in values:
        page.select_option(select, v)
        shown = page.evaluate("PAT.visibleNodes")
        assert shown < size["n"]
        assert page.evaluate("PAT.orphans()") == 0, (select, v)
    page.select_option(select, "")
    assert page.evaluate("PAT.visibleNodes") == size["n"]
    assert page.problems == []


def test_toggle_between_actor_network_and_full_graph(page, server):
    actors = _open(page, server)
    page.click(".visor-vistas a[data-vista=completa]")
    page.wait_for_url("**/red?vista=completa")
    page.wait_for_selector("#pat-network[data-listo]", timeout=30000)
    kinds = page.evaluate("[...new Set(PAT.data.nodes.map(n => n.t))]")
    assert "Instance" in kinds and page.evaluate("PAT.data.nodes.length") > actors["n"]
    assert page.problems == []


def test_time_slider_reloads_with_the_fecha(page, server):
    _open(page, server)
    first = page.evaluate("PAT.data.dates[3]")
    page.evaluate("""() => { const s = document.getElementById('red-fecha');
        s.value = '3'; s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); }""")
    page.wait_for_url("**fecha=*")
    assert first[1].replace("/", "%2F") in page.url
    page.wait_for_selector("#pat-network[data-listo]", timeout=30000)
    assert page.locator("#red-fecha").input_value() == "3"
    assert page.locator("#red-fecha-texto").inner_text() == "el " + first[1]
    assert page.problems == []


def test_png_download_is_a_png_of_the_view(page, server):
    _open(page, server)
    with page.expect_download() as info:
        page.click("#red-png")
    path = info.value.path()
    data = open(path, "rb").read()
    assert info.value.suggested_filename == "red.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    assert page.problems == []


def test_department_network_in_the_viewer(page, server):
    _open(page, server, "/departamento/50/red")
    assert page.locator("h1").inner_text().startswith("Red de Meta")
    assert page.evaluate("PAT.data.nodes.some(n => n.id === 'Actor:A-03')")
    assert page.locator("#red-brechas-caja").is_visible()  # the department's gaps
    assert "Puntos de articulación" in page.locator("#red-brechas").inner_text()
    assert page.problems == []


def test_department_viewer_counts_proposals_apart_from_ties(page, server):
    _open(page, server, "/departamento/50/red")
    got = page.evaluate("""() => {
        let bits = 0;
        PAT.data.rels.forEach((r, b) => { if (r.proposed) { bits |= 1 << b; } });
        const ties = PAT.data.edges.filter(e => e[3] & ~bits).length;
        return {bits, ties, proposals: PAT.data.edges.length - ties,
                shown: PAT.visibleTies, text: document.getElementById('red-conteo').innerText};
    }""")
    assert got["bits"] and got["proposals"] > 0  # Meta has proposed agreements
    assert got["shown"] == got["ties"]
    fmt = page.evaluate("n => n.toLocaleString('es-CO')", got["ties"])
    assert f"· {fmt} vínculo" in got["text"]
    assert re.search(r"· \d+ propuestas?$", got["text"]), got["text"]
    assert page.problems == []


def test_department_page_frames_the_viewer(page, server):
    page.goto(server + "/departamento/50", wait_until="load")
    frame = page.frame_locator("iframe.red")
    frame.locator("#pat-network[data-listo]").wait_for(timeout=30000)
    assert not frame.locator("header.barra").is_visible()  # framed: no header
    assert page.problems == []


def test_hostile_names_stay_text_in_the_viewer(page, server):
    from web_fixtures import HOSTILE, HOSTILE_ID

    _open(page, server, f"/red?actor={HOSTILE_ID}")
    page.fill("#red-buscar", "<img")
    page.locator("#red-resultados li").first.wait_for(timeout=5000)
    assert HOSTILE in page.locator("#red-resultados").inner_text()
    page.locator("#red-resultados li").first.click()
    page.locator("#red-enlace a").wait_for(timeout=5000)
    assert HOSTILE in page.locator("#red-detalle").inner_text()
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.wait_for_timeout(300)
    assert page.problems == []  # no alert() ever ran
