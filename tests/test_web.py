"""HTTP tests of the workbench (``pat-graph serve``) through Flask's test client, on a
real SQLite store and on a real Neo4j: every route of the route table, HTML and JSON,
the same numbers as the library, bad parameters, wrong methods, the token, the cache."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from click.testing import CliRunner
from web_fixtures import HOSTILE, HOSTILE_ID, load_into

from pat_graph import analytics
from pat_graph.report import ficha
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.web import ROUTES, create_app
from pat_graph.web.app import TABLES

#: One working URL per route of the table (the test below checks none is missing).
SAMPLES: dict[str, str] = {
    "inicio": "/",
    "buscar": "/buscar?q=gobernacion",
    "sugerir": "/api/buscar?q=meta",
    "departamento": "/departamento/50",
    "red_departamento": "/departamento/50/red",
    "ficha_departamento": "/departamento/50/ficha",
    "grafo_departamento": "/departamento/50/grafo.gexf",
    "tabla_departamento": "/departamento/50/tablas/actores.csv",
    "actor": "/actor/A-03",
    "red_actor": "/actor/A-03/red",
    "instancia": "/instancia/I-01",
    "acuerdo": "/acuerdo/AC-01",
    "programa": "/programa/P-01",
    "consultas": "/consultas",
    "consulta": "/consultas/alianzas_actor?actor=A-03",
    "consulta_descarga": "/consultas/alianzas_actor.csv?actor=A-03",
    "red": "/red",
    "red_nodo": "/api/red/nodo?id=Actor:A-03",
    "estatico": "/estaticos/app.css",
    "icono": "/favicon.ico",
    "cargar": "/cargar",
    "carga": "/cargar/desconocida",  # a real upload: tests/test_web_upload.py
    "confirmar_carga": "/cargar/desconocida/confirmar",
    "comparar": "/comparar?desde=01/01/2019&hasta=31/12/2024&departamento=50",
}
HTML_PAGES = ("inicio", "buscar", "departamento", "actor", "instancia", "acuerdo", "programa",
              "consultas", "consulta", "cargar", "red", "comparar")
#: Status of a sample GET other than 200; routes that accept POST (a CSRF-guarded form).
GET_STATUS = {"carga": 404, "confirmar_carga": 405}
POST_ROUTES = {"cargar", "confirmar_carga"}


def test_route_table_is_the_app_and_every_route_has_a_sample(client):
    rules = {(r.rule, r.endpoint) for r in client.application.url_map.iter_rules()}
    assert rules == {(r.rule, r.endpoint) for r in ROUTES}
    assert set(SAMPLES) == {r.endpoint for r in ROUTES}


@pytest.mark.parametrize("endpoint", list(SAMPLES))
def test_every_route_answers_with_a_safe_policy(client, endpoint):
    r = client.get(SAMPLES[endpoint])
    assert r.status_code == GET_STATUS.get(endpoint, 200), r.data[:500]
    csp = r.headers["Content-Security-Policy"]
    assert "http" not in csp and "unsafe-eval" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    if endpoint in HTML_PAGES:
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        html = r.get_data(as_text=True)
        assert '<html lang="es">' in html and "<script>" not in html
        assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing from elsewhere
        j = client.get(SAMPLES[endpoint] + ("&" if "?" in SAMPLES[endpoint] else "?")
                       + "formato=json")
        assert j.status_code == 200 and j.is_json
        assert client.get(SAMPLES[endpoint], headers={"Accept": "application/json"}).is_json


@pytest.mark.parametrize("endpoint", list(SAMPLES))
def test_wrong_method_is_405_in_spanish(client, endpoint):
    r = client.open(SAMPLES[endpoint], method="PUT" if endpoint in POST_ROUTES else "POST")
    assert r.status_code == 405
    assert "Método no permitido" in r.get_data(as_text=True) and r.headers["Allow"]


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/actor/Gobernacion%20del%20Mta", 404, "¿quiso decir Gobernación del Meta"),
    ("/actor/nadie-existe", 404, "No existe el actor"),
    ("/departamento/Antiokia", 404, "¿quiso decir Antioquia"),
    ("/?fecha=31/02/2024", 400, "fecha inválida"),
    ("/departamento/50?fecha=mañana", 400, "fecha inválida"),
    ("/departamento/50/tablas/secretos.csv", 404, "No existe la tabla"),
    ("/departamento/50/tablas/actores.exe", 404, "No existe la tabla"),
    ("/departamento/50/grafo.dot", 404, "No existe el formato"),
    ("/buscar?q=x&tipo=planeta", 400, "tipo «planeta» no reconocido"),
    ("/?formato=pdf", 400, "formato «pdf» no reconocido"),
    ("/estaticos/..%2F__init__.py", 404, "Página no encontrada"),
    ("/estaticos/app.py", 404, "No existe el archivo"),
    ("/no/existe", 404, "Página no encontrada"),
    ("/actor/Gobernación", 400, "puede ser"),  # ambiguous: candidates listed
])
def test_bad_parameters_give_a_clear_spanish_page(client, url, status, words):
    r = client.get(url)
    text = r.get_data(as_text=True)
    assert r.status_code == status, text[:300]
    assert words in text and "Traceback" not in text
    j = client.get(url, headers={"Accept": "application/json"})
    assert j.status_code == status and j.json["error"]["status"] == status


def test_inicio_shows_the_library_index_and_coverage(client, graph):
    data = client.get("/?formato=json").json
    index = analytics.gap_index(graph, with_unrecorded=True)
    assert [(r["code"], r["score"], r["rank"]) for r in data["ranking"]] == [
        (x.department_code, x.score, x.rank) for x in index]
    cov = analytics.record_coverage(graph)
    assert {r["code"]: r["records"] for r in data["ranking"]} == {
        c: cov[c].total for c in (x.department_code for x in index)}
    assert data["national_mean"] == analytics.national_mean(index)
    assert data["counts"]["Actores"] == sum(1 for _, a in graph.nodes(data=True)
                                          if a.get("label") == "Actor")
    html = client.get("/").get_data(as_text=True)
    assert "sin registros" in html and "<svg" in html and "Última carga" in html


def test_departamento_has_the_ficha_numbers(client, graph):
    data = client.get("/departamento/50?formato=json").json
    f = ficha(graph, "50", recommendations=False)
    assert data["gap_score"] == f.gap_score and data["gap_rank"] == f.gap_rank
    assert [i["id"] for i in data["instances"]] == [i.id for i in f.instances]
    assert [b["id"] for b in data["brokers"]] == [b.id for b in f.brokers]
    html = client.get("/departamento/50").get_data(as_text=True)
    for section in ("El índice, familia por familia", "Instancias de participación",
                    "Instrumentos de política", "Programas nacionales", "Intermediarios",
                    "Propuestas de nuevos acuerdos", "/departamento/50/ficha",
                    "/departamento/50/tablas/brechas.xlsx"):
        assert section in html


def test_department_by_name_redirects_to_its_code_keeping_the_date(client):
    r = client.get("/departamento/meta?fecha=31/12/2024")
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/departamento/50?fecha=31")


def test_department_without_records(client):
    r = client.get("/departamento/91")  # Amazonas: no records in the dataset
    assert r.status_code == 200 and "sin registros" in r.get_data(as_text=True)


def test_fecha_de_corte_changes_the_graph(client):
    now = client.get("/departamento/50?formato=json").json
    before = client.get("/departamento/50?fecha=01/01/2016&formato=json").json
    assert before["as_of"] == "2016-01-01" and now["as_of"] is None
    assert len(before["agreements"]) < len(now["agreements"])


@pytest.mark.parametrize("table", list(TABLES))
def test_department_tables_download_as_csv_and_xlsx(client, table):
    rows = TABLES[table][3](client.application.extensions["pat_graph_workbench"].memo(
        ("department", "50", None), lambda: pytest.fail("department not cached")))
    csv_r = client.get(f"/departamento/50/tablas/{table}.csv")
    assert csv_r.status_code == 200 and csv_r.mimetype == "text/csv"
    text = csv_r.data.decode("utf-8-sig")
    assert len(text.strip().splitlines()) >= 1 + len(rows) > 0 or not rows
    assert f'filename="{table}_50.csv"' in csv_r.headers["Content-Disposition"]
    x = client.get(f"/departamento/50/tablas/{table}.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(x.data)).active
    assert ws.max_row == 1 + len(rows)
    assert [c.value for c in ws[1]] == [TABLES[table][2][c] for c in TABLES[table][1]]


def test_search_ignores_accents_and_case(client):
    plain = client.get("/buscar?q=GOBERNACION%20DEL%20META&formato=json").json
    accented = client.get("/buscar?q=gobernación del meta&formato=json").json
    assert plain["results"] == accented["results"] and plain["results"][0]["key"] == "A-03"
    suggest = client.get("/api/buscar?q=villavi").json
    assert suggest and all(s["url"] for s in suggest)
    assert client.get("/api/buscar?q=v").json == []  # one letter: no suggestions


def test_actor_page_is_the_profile(client, graph):
    from pat_graph.profile import actor_profile

    data = client.get("/actor/A-03?formato=json").json
    p = actor_profile(graph, "A-03")
    assert data["actor"]["name"] == p.name == "Gobernación del Meta"
    assert [t["id"] for t in data["agreements"]] == [t.id for t in p.agreements]
    assert data["brokerage"]["rank"] == p.brokerage.rank
    r = client.get("/actor/gobernacion del meta")
    assert r.status_code == 302 and r.headers["Location"] == "/actor/A-03"


def test_hostile_names_are_escaped(client):
    for url in (f"/actor/{HOSTILE_ID}", "/actor/A-03", "/departamento/50",
                "/buscar?q=img", f"/actor/{HOSTILE_ID}/red", "/departamento/50/ficha"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in html and "alert(2)</script>" not in html, url
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(
        f"/actor/{HOSTILE_ID}").get_data(as_text=True)
    assert client.get("/api/buscar?q=img").json[0]["name"] == HOSTILE  # JSON: data, not markup


def test_network_pages_allow_only_their_own_scripts(client):
    for path in ("/departamento/50/red", "/actor/A-03/red?marco=1"):
        r = client.get(path)  # the network viewer (/red): static scripts only
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'self'" in csp and "<script>" not in r.get_data(as_text=True)
    assert "script-src 'none'" in client.get("/departamento/50/ficha").headers[
        "Content-Security-Policy"]


def test_token_is_required_when_set(store_path):
    c = create_app(str(store_path), token="clave-larga").test_client()
    r = c.get("/")
    assert r.status_code == 401 and "Acceso restringido" in r.get_data(as_text=True)
    assert c.get("/", headers={"Authorization": "Bearer otra"}).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer clave-larga"}).status_code == 200
    r = c.get("/departamento/50?token=clave-larga&fecha=31/12/2024")
    assert r.status_code == 303 and "token" not in r.headers["Location"]
    assert "HttpOnly" in r.headers["Set-Cookie"]
    assert c.get("/departamento/50?fecha=31/12/2024").status_code == 200  # the cookie


def test_cache_follows_the_store_state(tmp_path):
    path = tmp_path / "s.sqlite"
    SQLiteStore(path).close()
    app = create_app(str(path))
    c = app.test_client()
    wb = app.extensions["pat_graph_workbench"]
    assert c.get("/?formato=json").json["ranking"] == []
    c.get("/?formato=json")
    assert wb.loads_seen == 1  # same state: not read again
    with SQLiteStore(path) as st:
        load_into(st, tmp_path)
    data = c.get("/?formato=json").json
    assert wb.loads_seen == 2 and data["loads"] == 1 and data["ranking"]


def test_serve_refuses_other_hosts_without_a_token():
    from pat_graph.cli import main

    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "--token" in result.output
    helptext = CliRunner().invoke(main, ["serve", "-h"]).output
    assert "Ejemplos:" in helptext and "pat-graph serve --almacen" in helptext


@pytest.mark.neo4j
def test_inicio_and_departamento_on_neo4j(neo4j_store, store_path, client, tmp_path):
    load_into(neo4j_store, tmp_path)
    neo = create_app(store=neo4j_store).test_client()
    for url in ("/?formato=json", "/departamento/50?formato=json", "/actor/A-03?formato=json"):
        a, b = neo.get(url), client.get(url)
        assert a.status_code == b.status_code == 200
        strip = {"store", "last_load", "loads", "sources"}
        ja = {k: v for k, v in a.json.items() if k not in strip}
        jb = {k: v for k, v in b.json.items() if k not in strip}
        if "actor" in ja:
            ja["actor"].pop("loaded_at"), jb["actor"].pop("loaded_at")
        assert ja == jb, url
    assert "sin registros" in neo.get("/").get_data(as_text=True)


def test_state_checks_can_be_spaced(tmp_path):
    path = tmp_path / "s.sqlite"
    SQLiteStore(path).close()
    app = create_app(str(path), check_seconds=3600)
    c = app.test_client()
    assert c.get("/?formato=json").json["loads"] == 0
    with SQLiteStore(path) as st:
        load_into(st, tmp_path)
    assert c.get("/?formato=json").json["loads"] == 0  # not looked at yet
    app.extensions["pat_graph_workbench"].check_seconds = 0
    assert c.get("/?formato=json").json["loads"] == 1


def test_warm_fills_the_cache_of_the_worst_department(store_path):
    app = create_app(str(store_path))
    app.extensions["pat_graph_warm"]()
    wb = app.extensions["pat_graph_workbench"]
    worst = app.test_client().get("/?formato=json").json["ranking"][0]["code"]
    assert wb.memo(("department", worst, None), lambda: None) is not None


def test_serve_prints_its_url_and_answers(store_path):
    import os
    import subprocess
    import sys
    import urllib.request

    env = dict(os.environ, PYTHONUNBUFFERED="1")
    code = "import sys; from pat_graph.cli import main; sys.argv[0] = 'pat-graph'; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--almacen", str(store_path),
                             "--puerto", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url[0] + "departamento/50?formato=json", timeout=60) as r:
            assert r.status == 200 and b'"department_code": "50"' in r.read().replace(b'":"', b'": "')
    finally:
        proc.terminate()
        proc.wait(10)


def test_without_a_token_only_local_host_names_are_served(client, store_path):
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200
    r = client.get("/", headers={"Host": "atacante.example:8765"})  # DNS rebinding
    assert r.status_code == 400 and "Dirección no permitida" in r.get_data(as_text=True)
    tokened = create_app(str(store_path), token="k").test_client()
    assert tokened.get("/", headers={"Host": "equipo.local", "Authorization": "Bearer k"}
                       ).status_code == 200


@pytest.mark.parametrize("ext", ["gexf", "graphml"])
def test_department_graph_downloads_open_again(client, ext, tmp_path):
    from pat_graph.export import read_export

    r = client.get(f"/departamento/50/grafo.{ext}")
    assert r.status_code == 200 and f'red_50.{ext}"' in r.headers["Content-Disposition"]
    path = tmp_path / f"red.{ext}"
    path.write_bytes(r.data)
    h = read_export(path, ext)
    view = client.application.extensions["pat_graph_workbench"].memo(
        ("view-department", "50", None), lambda: pytest.fail("view not cached"))
    assert sorted(h.nodes) == sorted(view.graph.nodes) and "Actor:A-03" in h
