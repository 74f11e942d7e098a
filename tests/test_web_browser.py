"""Browser tests of the workbench with Playwright for Python driving Debian's chromium
(``executable_path``; no browser is downloaded): every page renders with no console
error (a CSP violation is one) and no request to another origin; search → actor page;
hostile names stay text. Without chromium or Playwright these tests skip locally and
FAIL under CI=true."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from web_fixtures import HOSTILE, HOSTILE_ID, sqlite_with_data

from pat_graph.web import create_app

pytestmark = pytest.mark.browser

PAGES = ("/", "/buscar?q=gobernacion", "/departamento/50", "/departamento/91",
         "/departamento/50/red", "/departamento/50/ficha", "/actor/A-03", f"/actor/{HOSTILE_ID}",
         "/actor/A-03/red", "/?fecha=31/12/2018", "/instancia/I-01", "/instancia/I-02",
         "/acuerdo/AC-01", "/programa/P-01", "/consultas",
         "/consultas/alianzas_actor?actor=A-03", "/cargar",
         "/comparar?desde=01/01/2019&hasta=31/12/2024&departamento=50",
         "/comparar?desde=01/01/2019&hasta=31/12/2024")


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(what: str) -> None:
    if _ci():
        pytest.fail(f"{what} (CI=true: las pruebas de navegador deben correr)", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    app = create_app(str(sqlite_with_data(tmp_path_factory.mktemp("webb"))))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright para Python no está instalado (pip install playwright)")
    exe = shutil.which("chromium")
    if not exe:
        _missing("Chromium no está instalado (paquete Debian `chromium`)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=["--headless=new"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context()
    p = ctx.new_page()
    p.problems = []  # console errors, page errors, dialogs, foreign requests
    p.on("console", lambda m: m.type == "error" and p.problems.append(f"consola: {m.text}"))
    p.on("pageerror", lambda e: p.problems.append(f"error: {e}"))
    p.on("dialog", lambda d: (p.problems.append(f"diálogo: {d.message}"), d.dismiss()))
    p.on("request", lambda r: r.url.startswith((server, "data:", "blob:", "about:"))
         or p.problems.append(f"petición externa: {r.url}"))
    yield p
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_clean(page, server, path):
    resp = page.goto(server + path, wait_until="load")
    assert resp.status == 200
    page.wait_for_timeout(400)  # the network frames start their layout
    assert page.locator("h1").first.inner_text().strip()
    assert page.problems == []


def test_network_frame_draws_in_the_department_page(page, server):
    page.goto(server + "/departamento/50", wait_until="load")
    frame = page.frame_locator("iframe.red")
    frame.locator("#pat-network canvas").first.wait_for(timeout=15000)  # sigma: one per layer
    assert page.problems == []


def test_search_type_ahead_leads_to_the_actor_page(page, server):
    page.goto(server + "/")
    page.fill("#q-barra", "gobernacion del me")
    link = page.locator(".barra .sugerencias a").first
    link.wait_for(timeout=5000)
    assert "Gobernación del Meta" in link.inner_text()
    link.click()
    page.wait_for_url("**/actor/A-03")
    assert page.locator("h1").inner_text().startswith("Gobernación del Meta")
    assert page.problems == []


def test_search_type_ahead_leads_to_the_instance_page(page, server):
    page.goto(server + "/departamento/50")
    page.fill("#q-barra", "subcomision departamental")
    link = page.locator(".barra .sugerencias a").first
    link.wait_for(timeout=5000)
    assert "Subcomisión Departamental de Concertación del Meta" in link.inner_text()
    link.click()
    page.wait_for_url("**/instancia/I-01")
    assert page.locator("h1").inner_text().startswith("Subcomisión Departamental")
    members = page.locator("#integrantes tbody tr")
    assert members.count() >= 2 and "Presidencia" in page.locator("#integrantes").inner_text()
    page.locator("#integrantes a", has_text="Gobernación del Meta").click()
    page.wait_for_url("**/actor/A-03")
    assert page.problems == []


def test_search_page_form_and_accents(page, server):
    page.goto(server + "/buscar")
    page.fill("#q", "VILLAVICENCIO")
    page.click(".buscar-grande button")
    page.wait_for_url("**/buscar?q=VILLAVICENCIO*")
    assert "Villavicencio" in page.locator("#resultados").inner_text()


def test_hostile_names_stay_text(page, server):
    for path in (f"/actor/{HOSTILE_ID}", "/actor/A-03", "/departamento/50", "/instancia/I-01"):
        page.goto(server + path, wait_until="load")
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.goto(server + f"/actor/{HOSTILE_ID}")
    assert page.locator("h1").inner_text().startswith(HOSTILE.split(" </script>")[0])
    page.goto(server + "/")
    page.fill("#q-barra", "<img src")
    page.locator(".barra .sugerencias a").first.wait_for(timeout=5000)
    assert page.evaluate("document.querySelectorAll('.sugerencias img').length") == 0
    page.wait_for_timeout(300)
    assert page.problems == []  # no alert() ever ran


def test_query_form_with_type_ahead_fills_the_id_and_shows_the_rows(page, server, tmp_path):
    from pat_graph.query_library import run_query
    from pat_graph.store.sqlite import SQLiteStore

    page.goto(server + "/consultas/socios_comunes")
    page.fill("#p-actor_a", "gobernacion del me")
    link = page.locator("#formulario .sugerencias a").first
    link.wait_for(timeout=5000)
    assert "Gobernación del Meta" in link.inner_text()
    assert page.locator("#formulario .sugerencias a").count() == 1  # actors only
    link.click()
    assert page.input_value("#p-actor_a") == "A-03"  # the id, not the actor's page
    assert page.url.endswith("/consultas/socios_comunes")
    assert page.locator(".campo:nth-child(1) .elegido").inner_text() == "Gobernación del Meta"
    page.fill("#p-actor_b", "universidad del pie")
    page.locator(".campo:nth-child(2) .sugerencias a").first.wait_for(timeout=5000)
    page.locator(".campo:nth-child(2) .sugerencias a").first.click()
    assert page.input_value("#p-actor_b") == "A-06"
    page.click("#formulario button[type=submit]")
    page.wait_for_url("**/consultas/socios_comunes?actor_a=A-03&actor_b=A-06*")
    with SQLiteStore(sqlite_with_data(tmp_path)) as st:  # the server's data
        rows = run_query(st, "socios_comunes", {"actor_a": "A-03", "actor_b": "A-06"})
    assert rows
    body = page.locator("#filas tbody tr")
    assert body.count() == len(rows)
    assert body.first.locator("td").first.inner_text() == rows[0]["socio"]
    assert f"({len(rows)} fila" in page.locator("#resultados h2").inner_text()
    assert page.problems == []


def test_query_error_candidates_are_links_and_hostile_values_stay_text(page, server):
    page.goto(server + "/consultas/alianzas_actor?actor=Gobernacion%20del%20Mta")
    assert "¿quiso decir" in page.locator(".error-campo").inner_text()
    page.locator(".candidatos a").first.click()
    page.wait_for_url("**/consultas/alianzas_actor?actor=A-03*")
    assert page.locator("#filas tbody tr").count() > 0
    page.goto(server + "/consultas/alianzas_actor?actor=%3Cimg%20src%3Dx%20onerror%3Dalert(5)%3E")
    assert page.input_value("#p-actor") == "<img src=x onerror=alert(5)>"
    page.fill("#p-actor", "<img src")
    page.locator("#formulario .sugerencias a").first.wait_for(timeout=5000)
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.locator("#formulario .sugerencias a").first.click()
    assert page.input_value("#p-actor") == HOSTILE_ID
    assert page.locator(".elegido").inner_text() == HOSTILE
    page.wait_for_timeout(300)
    status_400 = "Failed to load resource: the server responded with a status of 400"
    assert [p for p in page.problems if status_400 not in p] == []  # no alert() ever ran
# ------------------------------------------------------------------ Cargar datos
UPLOAD_ROWS = ("id;nombre;sector;nivel;departamento\r\n"
               "U-1;Asociación de Productores del Ariari;privado;departamental;Meta\r\n"
               "U-2;Gremio sin sector;planetario;departamental;Meta\r\n")


@pytest.fixture
def upload_server(tmp_path):
    from werkzeug.serving import make_server

    app = create_app(str(sqlite_with_data(tmp_path)))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}", tmp_path / "store.sqlite"
    srv.shutdown()
    thread.join(10)


def test_upload_with_rejects_then_confirm(browser, upload_server, tmp_path):
    import zipfile

    from pat_graph.store.sqlite import SQLiteStore

    server, store_path = upload_server
    archive = tmp_path / "Registros Ariari.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Registros/actores.csv", UPLOAD_ROWS.encode("cp1252"))
    ctx = browser.new_context()
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server + "/")
    page.click(".barra .menu a[href=\"/cargar\"]")
    page.wait_for_url("**/cargar")
    page.set_input_files("#archivo", str(archive))
    page.click(".subir button")
    page.wait_for_url("**/cargar/*")
    assert page.locator("h1").inner_text() == "Validación de Registros Ariari.zip"
    rejects = page.locator("#rechazos").inner_text()
    assert "actores.csv:3 sector:" in rejects
    with SQLiteStore(store_path) as st:
        assert "Actor:U-1" not in st.read_graph()  # validated, not loaded
    page.click("#confirmar")
    page.wait_for_selector("#resultado")
    assert page.locator("h1").inner_text() == "Carga hecha: Registros Ariari.zip"
    assert "1 fila(s) rechazada(s) no se cargaron" in page.locator("#resultado").inner_text()
    with SQLiteStore(store_path) as st:
        g = st.read_graph()
    assert g.nodes["Actor:U-1"]["name"] == "Asociación de Productores del Ariari"
    assert "Actor:U-2" not in g
    page.click("#resultado a")  # the home page shows the new load
    page.wait_for_url(server + "/")
    assert page.locator("h1").first.inner_text().strip()
    assert problems == []
    ctx.close()
def test_comparar_form_and_its_screenshot(page, server, tmp_path):
    """The form leads to the bookmarkable comparison; the page is painted as laid out
    (a 1280-wide screenshot: the headline, the index table and the totals on screen, the
    tables no wider than the window), and hostile names stay text."""
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.goto(server + "/departamento/50")
    page.click("text=Comparar dos fechas")
    page.wait_for_url("**/comparar?desde=*&hasta=*&departamento=50*")
    page.fill("#desde", "01/01/2019")
    page.fill("#hasta", "31/12/2021")
    page.click(".comparar button")
    page.wait_for_url("**/comparar?desde=01%2F01%2F2019&hasta=31%2F12%2F2021&departamento=50")
    assert page.locator("h1").inner_text().startswith(
        "Qué cambió entre el 01/01/2019 y el 31/12/2021")
    shot = tmp_path / "comparar.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    for sel in ("h1", "#indice table", "#totales table"):
        box = page.locator(sel).first.bounding_box()
        assert box and box["width"] > 100 and box["y"] < 2000, sel
    wide = page.evaluate("Math.max(...[...document.querySelectorAll('table')]"
                         ".map(t => t.getBoundingClientRect().right))")
    assert wide <= 1280
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert HOSTILE.split(" </script>")[0] in page.locator("#participacion").inner_text()
    assert page.problems == []
