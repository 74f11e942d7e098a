"""HTTP tests of the Consultas pages (``/consultas``): every query of the library
answers through its form with the rows of :func:`pat_graph.query_library.run_query`,
shown with Spanish labels and downloadable as CSV and .xlsx; a name that names nothing
or several things is a 400 page whose "¿quiso decir …?" candidates are links; hostile
values stay text. On SQLite and (one test) on Neo4j."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from urllib.parse import urlencode

import openpyxl
import pytest
from web_fixtures import HOSTILE, load_into

from pat_graph.columns import display
from pat_graph.query_library import registry, result_columns, run_query
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.tables import cell_text
from pat_graph.web import create_app
from pat_graph.web.pages.queries import column_header

#: A valid parameter set of every query on the test dataset, written as people do
#: (names, labels, DD/MM/AAAA dates).
QUERY_PARAMS: dict[str, dict[str, str]] = {
    "actores_departamento": {"departamento": "Meta"},
    "actores_sector_instancia": {"sector": "Público", "tipo_instancia": "red_ormet"},
    "acuerdos_departamento": {"departamento": "50"},
    "alianzas_actor": {"actor": "Gobernación del Meta"},
    "cambios_actor": {"actor": "A-03", "desde": "01/01/2018", "hasta": "31/12/2024"},
    "conexion_actores": {"actor_a": "A-03", "actor_b": "A-04"},
    "instrumentos_territorio": {"territorio": "Villavicencio"},
    "intermediarios_sectores": {"departamento": "Meta", "sector_a": "publico",
                                "sector_b": "privado"},
    "miembros_instancia": {"instancia": "I-01"},
    "programas_departamento": {"departamento": "meta"},
    "red_actor": {"actor": "A-03", "pasos": "2"},
    "socios_comunes": {"actor_a": "A-03", "actor_b": "A-06"},
}


@pytest.fixture(scope="module")
def expected(store_path):
    """run_query's rows of every sample, as JSON reads them back."""
    with SQLiteStore(store_path) as st:
        g = st.read_graph()
        return {name: json.loads(json.dumps(run_query(st, name, params, graph=g)))
                for name, params in QUERY_PARAMS.items()}


def _page(name: str, params: dict[str, str], ext: str = "") -> str:
    return f"/consultas/{name}{ext}?{urlencode(params)}"


def _cells(html: str) -> list[list[str]]:
    body = html.split('id="filas"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    return [[unescape(re.sub(r"<summary>.*?</summary>|<[^>]+>", "", td)).strip()
             for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_every_query_of_the_library_has_a_sample():
    assert set(QUERY_PARAMS) == set(registry())
    for name, params in QUERY_PARAMS.items():
        assert set(params) == {p.name for p in registry()[name].params}, name


def test_the_list_shows_every_query_with_its_description(client):
    data = client.get("/consultas?formato=json").json
    assert [q["name"] for q in data["queries"]] == sorted(registry())
    html = client.get("/consultas").get_data(as_text=True)
    for q in data["queries"]:
        assert f'href="/consultas/{q["name"]}"' in html and q["description"]
        assert unescape(q["description"]) in unescape(html)


@pytest.mark.parametrize("name", list(QUERY_PARAMS))
def test_every_query_answers_the_rows_of_run_query(client, expected, name):
    params = QUERY_PARAMS[name]
    data = client.get(_page(name, params) + "&formato=json").json
    assert data["rows"] == expected[name] and data["count"] == len(expected[name])
    assert data["params"] == params
    r = client.get(_page(name, params))
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="formulario"' in html
    n = len(expected[name])
    assert f"({n} fila{'' if n == 1 else 's'})" in html
    if not n:
        assert "Ninguna fila" in html
        return
    cols = result_columns(expected[name])
    heads = re.findall(r"<th>(.*?)</th>", html.split('id="filas"', 1)[1].split("</thead>")[0])
    assert [unescape(h) for h in heads] == [column_header(c) for c in cols]
    assert len(_cells(html)) == n
    for p in registry()[name].params:  # the form keeps what was typed
        assert f'name="{p.name}"' in html


def test_nonempty_samples(expected):
    """The samples exercise real rows (an empty answer would prove little)."""
    assert sum(1 for rows in expected.values() if rows) >= len(expected) - 1


def test_vocabulary_values_show_their_spanish_labels(client, expected):
    html = client.get(_page("alianzas_actor", QUERY_PARAMS["alianzas_actor"])).get_data(
        as_text=True)
    cells = _cells(html)
    col = result_columns(expected["alianzas_actor"]).index("sector")
    assert {row[col] for row in cells} >= {"Privado", "Académico"}
    assert not {row[col] for row in cells} & {"privado", "academico", "publico"}
    html = client.get(_page("miembros_instancia", {"instancia": "I-01"})).get_data(as_text=True)
    assert "Presidencia" in html and ">presidencia<" not in html


def test_the_page_says_what_each_name_resolved_to(client):
    html = client.get(_page("alianzas_actor", {"actor": "gobernacion del meta"})).get_data(
        as_text=True)
    assert re.search(r'class="elegido"[^>]*>Gobernación del Meta \(A-03\)<', html)
    assert 'data-sugerir="actor"' in html and "data-rellenar" in html
    dept = client.get("/consultas/actores_departamento").get_data(as_text=True)
    assert 'data-sugerir="departamento"' in dept
    kinds = {s["kind"] for s in client.get("/api/buscar?q=meta&tipo=departamento").json}
    assert kinds == {"department"}


def test_a_form_without_values_shows_only_the_form(client):
    r = client.get("/consultas/intermediarios_sectores")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="filas"' not in html and "Resultado" not in html
    assert '<option value="academico">Académico</option>' in html
    assert client.get("/consultas/intermediarios_sectores?formato=json").json["rows"] is None
    red = client.get("/consultas/red_actor").get_data(as_text=True)
    assert 'type="number"' in red and 'min="1"' in red and 'max="4"' in red
    dates = client.get("/consultas/cambios_actor").get_data(as_text=True)
    assert dates.count('placeholder="DD/MM/AAAA"') >= 3  # desde, hasta and the fecha de corte


@pytest.mark.parametrize(("url", "words", "link"), [
    ("/consultas/alianzas_actor?actor=Gobernacion%20del%20Mta",
     "¿quiso decir Gobernación del Meta (A-03)", "/consultas/alianzas_actor?actor=A-03"),
    ("/consultas/alianzas_actor?actor=Gobernaci%C3%B3n", "puede ser 2 actores",
     "/consultas/alianzas_actor?actor=A-09"),
    ("/consultas/acuerdos_departamento?departamento=Metta", "¿quiso decir Meta",
     "/consultas/acuerdos_departamento?departamento=50"),
    ("/consultas/intermediarios_sectores?departamento=50&sector_a=comunidad&sector_b=privado",
     "«comunidad» no es un sector",
     "/consultas/intermediarios_sectores?departamento=50&amp;sector_a=comunitario"),
    ("/consultas/red_actor?actor=A-03&pasos=9", "9 está fuera de 1..4", None),
    ("/consultas/cambios_actor?actor=A-03&desde=31/02/2024&hasta=2024", "fecha inválida", None),
    ("/consultas/cambios_actor?actor=A-03&desde=2025&hasta=2024", "es posterior", None),
    ("/consultas/cambios_actor?actor=A-03&desde=&hasta=2024", "Falta este dato", None),
])
def test_bad_parameters_give_a_400_page_with_candidates(client, url, words, link):
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == 400, html[:300]
    assert words in unescape(html) and "Traceback" not in html
    assert 'id="filas"' not in html and "Resultado" not in html  # never an empty table
    assert 'id="formulario"' in html  # the form, to correct it
    if link:
        assert f'href="{link}' in html
        assert client.get(unescape(link)).status_code in (200, 400)
    j = client.get(url + "&formato=json")
    assert j.status_code == 400 and j.json["error"]["status"] == 400
    assert words in j.json["error"]["message"]


def test_a_candidate_link_runs_the_query(client, expected):
    html = client.get("/consultas/alianzas_actor?actor=Gobernacion%20del%20Mta").get_data(
        as_text=True)
    links = re.findall(r'<p class="candidatos">.*?</p>', html, re.S)[0]
    first = unescape(re.findall(r'href="([^"]+)"', links)[0])
    data = client.get(first + "&formato=json").json
    assert data["rows"] == expected["alianzas_actor"]  # A-03 is Gobernación del Meta
    j = client.get("/consultas/alianzas_actor?actor=Gobernaci%C3%B3n&formato=json").json
    keys = {c["url"].rsplit("=", 1)[1] for c in j["error"]["params"]["actor"]["candidates"]}
    assert keys == {"A-03", "A-09"}


def test_unknown_query_and_format(client):
    r = client.get("/consultas/borrar_todo")
    assert r.status_code == 404 and "alianzas_actor" in r.get_data(as_text=True)
    r = client.get("/consultas/alianzas_actor.pdf?actor=A-03")
    assert r.status_code == 404 and "No existe el formato" in r.get_data(as_text=True)


def test_downloads_are_the_rows_of_the_page(client, expected):
    name, params = "alianzas_actor", QUERY_PARAMS["alianzas_actor"]
    rows = expected[name]
    cols = result_columns(rows)
    r = client.get(_page(name, params, ".csv"))
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    assert f'filename="{name}.csv"' in r.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert table[0] == [column_header(c) for c in cols]
    assert table[1:] == [[cell_text(display(c, row.get(c))) for c in cols] for row in rows]
    x = client.get(_page(name, params, ".xlsx"))
    ws = openpyxl.load_workbook(io.BytesIO(x.data)).active
    assert [c.value for c in ws[1]] == [column_header(c) for c in cols]
    assert ws.max_row == 1 + len(rows)
    assert [c.value for c in ws["A"][1:]] == [row["socio"] for row in rows]
    html = client.get(_page(name, params)).get_data(as_text=True)
    assert 'href="/consultas/alianzas_actor.xlsx?actor=Gobernaci' in html


def test_download_with_a_bad_or_missing_parameter_is_the_400_page(client):
    r = client.get("/consultas/alianzas_actor.csv?actor=nadie")
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert "No existe el actor" in r.get_data(as_text=True)
    r = client.get("/consultas/alianzas_actor.xlsx")
    assert r.status_code == 400 and "Falta este dato" in r.get_data(as_text=True)


@pytest.mark.parametrize("value", [HOSTILE, "</script><script>alert(3)</script>",
                                   '"><img src=x onerror=alert(4)>'])
def test_hostile_parameter_values_stay_text(client, value):
    for url in (_page("alianzas_actor", {"actor": value}),
                _page("alianzas_actor", {"actor": value}, ".csv"),
                _page("intermediarios_sectores", {"departamento": "50", "sector_a": value,
                                                  "sector_b": "privado"})):
        r = client.get(url)
        html = r.get_data(as_text=True)
        # the whole hostile name is actor A-99's: it resolves (200), its name shown as text
        assert r.status_code == (200 if value == HOSTILE and "actor" in url else 400)
        assert "<img src=x" not in html and "<script>alert" not in html
        assert 'onerror=alert' not in html.replace("&lt;img src=x onerror=alert", "")
    r = client.get("/consultas/%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert r.status_code == 404 and "<img src=x" not in r.get_data(as_text=True)


def test_hostile_names_in_the_rows_stay_text(client):
    html = client.get(_page("miembros_instancia", {"instancia": "I-01"})).get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and "alert(2)</script>" not in html
    suggest = client.get("/api/buscar?q=img&tipo=actor").json
    assert suggest[0]["name"] == HOSTILE


def test_the_query_runs_once_per_store_state(client):
    wb = client.application.extensions["pat_graph_workbench"]
    params = {"actor": "A-03", "pasos": "1"}
    client.get(_page("red_actor", params))
    cached = wb.memo(("query", "red_actor", tuple(sorted(params.items()))),
                     lambda: pytest.fail("not cached"))
    assert client.get(_page("red_actor", params) + "&formato=json").json["rows"] == \
        json.loads(json.dumps(cached))


@pytest.mark.neo4j
def test_every_query_on_neo4j_gives_the_rows_of_run_query(neo4j_store, client, tmp_path):
    load_into(neo4j_store, tmp_path)
    neo = create_app(store=neo4j_store).test_client()
    g = neo4j_store.read_graph()
    for name, params in QUERY_PARAMS.items():
        rows = json.loads(json.dumps(run_query(neo4j_store, name, params, graph=g)))
        a = neo.get(_page(name, params) + "&formato=json")
        assert a.status_code == 200, name
        assert a.json["rows"] == rows, name
        assert a.json["rows"] == client.get(_page(name, params) + "&formato=json").json["rows"]
    r = neo.get("/consultas/alianzas_actor?actor=Gobernacion%20del%20Mta")
    assert r.status_code == 400 and "/consultas/alianzas_actor?actor=A-03" in r.get_data(
        as_text=True)
    csv_neo = neo.get(_page("alianzas_actor", {"actor": "A-03"}, ".csv")).data
    assert csv_neo == client.get(_page("alianzas_actor", {"actor": "A-03"}, ".csv")).data


def test_a_long_answer_shows_its_first_rows_and_downloads_all(client, expected, monkeypatch):
    from pat_graph.web.pages import queries

    monkeypatch.setattr(queries, "SHOW_ROWS", 2)
    name, params = "alianzas_actor", QUERY_PARAMS["alianzas_actor"]
    total = len(expected[name])
    assert total > 2
    html = client.get(_page(name, params)).get_data(as_text=True)
    assert len(_cells(html)) == 2 and f"primeras 2 de {total} filas" in html
    assert client.get(_page(name, params) + "&formato=json").json["count"] == total
    text = client.get(_page(name, params, ".csv")).data.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + total


def test_the_fecha_de_corte_is_kept_and_said_not_to_apply(client, expected):
    name, params = "alianzas_actor", QUERY_PARAMS["alianzas_actor"]
    r = client.get(_page(name, params) + "&fecha=01/01/2016")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "la fecha de corte no se les aplica" in html
    assert '<input type="hidden" name="fecha" value="01/01/2016">' in html  # the form keeps it
    assert client.get(_page(name, params) + "&fecha=01/01/2016&formato=json").json["rows"] == \
        expected[name]
    assert "fecha=01%2F01%2F2016" in html.split('id="resultados"')[1]  # downloads keep it
